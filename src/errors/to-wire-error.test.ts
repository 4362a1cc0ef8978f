import { describe, expect, test } from 'bun:test';
import { FetchError } from 'ofetch';
import { ConnectorError } from './connector-error.ts';
import { httpStatusHandler } from './http-status.ts';
import { toWireError } from './to-wire-error.ts';

const site = { appId: 'acme', capability: 'list_accounts', raisedIn: 'acme:list_accounts' };

function fetchError(status: number, data: unknown, url = 'https://api.acme.test/users?token=sekrit'): FetchError {
  const error = new FetchError(`[GET] "${url}": ${status}`);
  Object.assign(error, { request: url, response: { status, url, _data: data }, data, status, statusCode: status });
  return error;
}

describe('toWireError', () => {
  test('a ConnectorError keeps its code and skips every handler', () => {
    const handler = { when: () => true, handle: () => ({ message: 'changed' }) as never };
    const error = new ConnectorError('No such user', 'not_found', { appErrorCode: 'acme.no_user', statusCode: 404 });
    expect(toWireError(error, site, [handler])).toEqual({
      message: 'No such user',
      status_code: 404,
      app_error_code: 'acme.no_user',
      error_code: 'not_found',
      app_id: 'acme',
      raised_by: 'ConnectorError',
      raised_in: 'acme:list_accounts',
    });
  });

  test('an HTTP error gets "[status][url] body" without the query, and the status table applies', () => {
    const wire = toWireError(fetchError(403, { error: 'forbidden' }), site, [httpStatusHandler]);
    expect(wire).toEqual({
      message: '[403][https://api.acme.test/users] {"error":"forbidden"}',
      status_code: 403,
      app_error_code: null,
      error_code: 'permission_denied',
      app_id: 'acme',
      raised_by: 'FetchError',
      raised_in: 'acme:list_accounts',
    });
  });

  test.each([
    [400, 'bad_request'],
    [401, 'unauthorized'],
    [403, 'permission_denied'],
    [404, 'not_found'],
    [429, 'rate_limit'],
    [502, 'bad_gateway'],
    [503, 'bad_gateway'],
    [504, 'bad_gateway'],
    [500, 'api_error'],
    [418, 'api_error'],
  ] as const)('status %d maps to %s', (status, code) => {
    expect(toWireError(fetchError(status, 'oops'), site, [httpStatusHandler]).error_code).toBe(code);
  });

  test('without the HTTP handler an HTTP error stays unexpected_error, as in the reference', () => {
    expect(toWireError(fetchError(404, 'gone'), site, []).error_code).toBe('unexpected_error');
  });

  test('an empty JSON body falls back to the error message, without the URL query', () => {
    const wire = toWireError(fetchError(500, {}), site, [httpStatusHandler]);
    expect(wire.message).toBe('[GET] "https://api.acme.test/users": 500');
  });

  test('a connection failure becomes api_error with an actionable message', () => {
    const error = Object.assign(new TypeError('Unable to connect. Is the computer able to access the url?'), { code: 'ConnectionRefused' });
    const wire = toWireError(error, site, [httpStatusHandler]);
    expect(wire.error_code).toBe('api_error');
    expect(wire.message).toStartWith('Failed to connect to the API.');
  });

  test('a JSON parse failure becomes api_error', () => {
    let error: unknown;
    try {
      JSON.parse('<html>');
    } catch (caught) {
      error = caught;
    }
    const wire = toWireError(error, site, []);
    expect(wire.error_code).toBe('api_error');
    expect(wire.message).toStartWith('Failed to parse JSON response:');
  });

  test('every matching handler applies, in order', () => {
    class Custom extends Error {}
    const wire = toWireError(new Custom('boom'), site, [
      { error: Custom, handle: (_e, w) => ({ ...w, error_code: 'service_error' }) },
      { when: () => false, handle: (_e, w) => ({ ...w, error_code: 'bad_request' }) },
      { error: Custom, handle: (_e, w) => ({ ...w, app_error_code: `acme.${w.error_code}` }) },
    ]);
    expect(wire.error_code).toBe('service_error');
    expect(wire.app_error_code).toBe('acme.service_error');
    expect(wire.raised_by).toBe('Custom');
  });

  test('a numeric code wins over the response status', () => {
    const error = Object.assign(fetchError(500, 'x'), { code: 429 });
    expect(toWireError(error, site, [httpStatusHandler])).toMatchObject({ status_code: 429, error_code: 'rate_limit' });
  });

  test('a thrown string is still reported', () => {
    expect(toWireError('plain failure', site, [])).toMatchObject({ message: 'plain failure', raised_by: 'string', error_code: 'unexpected_error' });
  });
});
