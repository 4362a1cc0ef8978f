import { describe, expect, test } from 'bun:test';
import { resolveAuth } from './resolve-auth.ts';

const args = {
  auth: null,
  credentials: [
    { id: 'api', token: { token: 'tok-123456' } },
    { id: 'admin', basic: { username: 'ann', password: 'pw-123456' } },
    { id: 'sso', oauth: { access_token: 'at-123456' } },
  ],
};

describe('resolveAuth', () => {
  test('bearer, token scheme, API-key header, basic and OAuth, from the request credentials', () => {
    expect(resolveAuth(args, { kind: 'bearer' })).toEqual({ headers: { authorization: 'Bearer tok-123456' }, secrets: ['tok-123456'] });
    expect(resolveAuth(args, { kind: 'token', scheme: 'SSWS' }).headers).toEqual({ authorization: 'SSWS tok-123456' });
    expect(resolveAuth(args, { kind: 'api_key', header: 'X-API-Key' }).headers).toEqual({ 'x-api-key': 'tok-123456' });
    const basic = Buffer.from('ann:pw-123456').toString('base64');
    expect(resolveAuth(args, { kind: 'basic', credentialId: 'admin' })).toEqual({
      headers: { authorization: `Basic ${basic}` },
      secrets: ['pw-123456', basic],
    });
    expect(resolveAuth(args, { kind: 'oauth' }).headers).toEqual({ authorization: 'Bearer at-123456' });
    expect(
      resolveAuth(
        { auth: { oauth_client_credentials: { access_token: 'cc-1', client_id: 'c', client_secret: 's', scopes: [] } }, credentials: null },
        { kind: 'oauth' },
      ).headers,
    ).toEqual({
      authorization: 'Bearer cc-1',
    });
  });

  test('explicit values (e.g. an API key kept in settings) need no credential', () => {
    expect(resolveAuth({ auth: null, credentials: null }, { kind: 'api_key', header: 'X-Key', value: 'from-settings' }).headers).toEqual({
      'x-key': 'from-settings',
    });
    expect(resolveAuth({ auth: null, credentials: null }, { kind: 'none' })).toEqual({ headers: {}, secrets: [] });
    expect(resolveAuth({ auth: null, credentials: null }, undefined)).toEqual({ headers: {}, secrets: [] });
  });

  test('a missing credential is a bad_request naming the kind', () => {
    expect(() => resolveAuth({ auth: null, credentials: null }, { kind: 'basic' })).toThrow("The request carries no 'basic' credential.");
  });
});
