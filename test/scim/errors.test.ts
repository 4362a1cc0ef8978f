import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { envelope, fail, runScim } from './helpers.ts';
import { startScimServer, type ScimServer } from './scim-server.ts';
import { credentials, seedPeople, seedUserName } from './seed.ts';

describe('scim connector: SCIM errors become clear error codes', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer();
  });
  afterAll(() => server?.stop());

  test('404: an unknown User is not_found, for reads and writes', async () => {
    for (const [capability, request] of [
      ['get_account', { account_id: 'no-such-user' }],
      ['deactivate_account', { account_id: 'no-such-user' }],
      ['update_account', { id: 'no-such-user', given_name: 'X' }],
    ] as const) {
      const error = await fail(capability, envelope(server, { request }));
      expect(error).toMatchObject({ error_code: 'not_found', status_code: 404, app_error_code: 'scim.http_404' });
      expect(error.message).toBe(`[404][GET ${server.url}/Users/no-such-user] The SCIM server refused the request: Resource no-such-user not found. It does not exist, or this credential may not see it.`);
    }
    const group = await fail('assign_entitlement', envelope(server, { request: { account_integration_specific_id: 'x', entitlement_type: 'group', entitlement_integration_specific_id: 'no-such-group', resource_type: '', resource_integration_specific_id: '' } }));
    expect(group).toMatchObject({ error_code: 'not_found', status_code: 404 });
  });

  test('409: creating a User whose userName is taken is bad_request carrying scimType uniqueness', async () => {
    const taken = seedUserName(seedPeople[0]);
    const error = await fail('create_account', envelope(server, { request: { username: taken.toUpperCase() } }));
    expect(error).toEqual({
      message: `[409][POST ${server.url}/Users] The SCIM server refused the request (scimType uniqueness): userName ${JSON.stringify(taken.toUpperCase())} is already taken. A resource with the same unique value (userName, displayName or externalId) already exists.`,
      status_code: 409,
      error_code: 'bad_request',
      app_error_code: 'scim.uniqueness',
      app_id: 'scim',
      raised_by: 'ConnectorError',
      raised_in: expect.any(String),
    });
  });

  test('400: a filter the server cannot parse is bad_request carrying scimType invalidFilter', async () => {
    const error = await fail('list_accounts', envelope(server, { settings: { user_filter: '(userName eq "a"' } }));
    expect(error).toMatchObject({ error_code: 'bad_request', status_code: 400, app_error_code: 'scim.invalidFilter' });
    expect(error.message).toContain("(scimType invalidFilter): Missing closing ')' token");
  });

  test('401: a wrong token is unauthorized, and the token appears nowhere', async () => {
    const wrong = 'wrong-token-0b9e1c7d';
    const run = await runScim('validate_credentials', envelope(server, { login: { token: wrong } }), { env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    expect(run.json.error).toMatchObject({ error_code: 'unauthorized', status_code: 401 });
    expect(run.stdout).not.toContain(wrong);
    expect(run.stderr).not.toContain(wrong);
    expect(run.stderr).toContain('/ServiceProviderConfig');
  });

  test('403: a read-only token may list but not write: permission_denied', async () => {
    const reader = envelope(server, { login: 'read-only' });
    expect((await runScim('list_accounts', reader)).json.is_error).toBeUndefined();
    const error = await fail('create_account', { ...reader, request: { username: 'someone@example.test' } });
    expect(error).toMatchObject({ error_code: 'permission_denied', status_code: 403 });
    expect(error.message).not.toContain(credentials.readOnlyToken);
  });

  test('basic auth with a wrong password is unauthorized, and the password appears nowhere', async () => {
    const password = 'not the password 5c1f';
    const run = await runScim('list_accounts', { ...envelope(server), credentials: [{ id: 'basic', basic: { username: credentials.basic.username, password } }] }, { env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    expect(run.json.error).toMatchObject({ error_code: 'unauthorized', status_code: 401 });
    expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    expect(`${run.stdout}${run.stderr}`).not.toContain(Buffer.from(`${credentials.basic.username}:${password}`).toString('base64'));
  });

  test('a request with neither credential, or an entitlement of another type, is refused before anything is changed', async () => {
    expect(await fail('list_accounts', { ...envelope(server), credentials: [{ id: 'basic', basic: null }] })).toMatchObject({ error_code: 'bad_request' });
    const other = await fail('assign_entitlement', envelope(server, { request: { account_integration_specific_id: 'x', entitlement_type: 'role', entitlement_integration_specific_id: 'y', resource_type: '', resource_integration_specific_id: '' } }));
    expect(other).toMatchObject({ error_code: 'invalid_value' });
    const off = await fail('assign_entitlement', envelope(server, { settings: { groups_as_entitlements: false }, request: { account_integration_specific_id: 'x', entitlement_type: 'group', entitlement_integration_specific_id: 'y', resource_type: '', resource_integration_specific_id: '' } }));
    expect(off).toMatchObject({ error_code: 'unsupported_operation' });
  });
});
