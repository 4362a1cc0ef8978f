import { expect, test } from 'bun:test';
import { scimError } from './scim-error.ts';

const endpoint = 'POST https://app.example.com/scim/v2/Users';

test('a 409 uniqueness is bad_request naming the scimType and the detail', () => {
  const error = scimError(
    409,
    { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName taken' },
    endpoint,
  );
  expect({ code: error.code, appErrorCode: error.appErrorCode, statusCode: error.statusCode, message: error.message }).toEqual({
    code: 'bad_request',
    appErrorCode: 'scim.uniqueness',
    statusCode: 409,
    message: `[409][${endpoint}] The SCIM server refused the request (scimType uniqueness): userName taken. A resource with the same unique value (userName, displayName or externalId) already exists.`,
  });
});

test('statuses map as SCIM means them; a body that is not a SCIM Error still gives its text', () => {
  expect(scimError(404, { status: 404, detail: 'gone' }, endpoint)).toMatchObject({ code: 'not_found', appErrorCode: 'scim.http_404' });
  expect(scimError(400, { scimType: 'invalidFilter' }, endpoint)).toMatchObject({ code: 'bad_request', appErrorCode: 'scim.invalidFilter' });
  expect(scimError(412, { scimType: 'invalidVers' }, endpoint)).toMatchObject({ code: 'bad_request', appErrorCode: 'scim.invalidVers' });
  expect(scimError(501, '', endpoint)).toMatchObject({
    code: 'unsupported_operation',
    message: `[501][${endpoint}] The SCIM server refused the request: no detail given.`,
  });
  expect(scimError(400, 'plain text reason', endpoint).message).toContain(': plain text reason.');
});

test('401 and 403 read as sentences with advice and carry an app_error_code, not the raw SCIM body', () => {
  const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '403', detail: 'Insufficient scope' };
  expect(scimError(403, body, endpoint)).toMatchObject({
    code: 'permission_denied',
    appErrorCode: 'scim.http_403',
    message: `[403][${endpoint}] The SCIM server refused the request: Insufficient scope. The credential is valid but may not do this: check its scopes or role on the SCIM server.`,
  });
  expect(scimError(401, { status: 401, detail: 'Bad token' }, endpoint)).toMatchObject({ code: 'unauthorized', appErrorCode: 'scim.http_401' });
});
