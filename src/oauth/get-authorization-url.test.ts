import { describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import * as v from 'valibot';
import { dispatch } from '../dispatch/dispatch.ts';
import { createIntegration } from '../integration/create-integration.ts';
import { oauth } from './oauth-extension.ts';
import type { OAuthSettings } from './types.ts';

const description = { userFriendlyName: 'Acme', categories: ['DEVELOPERS' as const] };

function integrationWith(settings: OAuthSettings) {
  return createIntegration({
    appId: 'acme',
    version: '1.0.0',
    description,
    auth: 'oauth',
    settings: v.object({ subdomain: v.optional(v.string()) }),
    extensions: [oauth(settings)],
  });
}

async function authorizationUrl(oauth: OAuthSettings, request: Record<string, unknown> = {}, settings: Record<string, unknown> = {}) {
  const result = await dispatch(
    integrationWith(oauth),
    'get_authorization_url',
    JSON.stringify({ request: { client_id: 'client-1', scopes: [], redirect_uri: 'https://lumos.example/cb?x=1', state: 'st ate', ...request }, settings }),
  );
  return result;
}

const base: OAuthSettings = {
  authorizationUrl: 'https://auth.acme.test/oauth/authorize',
  tokenUrl: 'https://auth.acme.test/oauth/token',
  scopes: { list_accounts: 'users:read groups:read', get_account: 'users:read' },
};

describe('get_authorization_url', () => {
  test('carries client_id, response_type, scope, redirect_uri and state, encoded as a form', async () => {
    const result = await authorizationUrl(base);
    expect(result.ok).toBe(true);
    const { authorization_url, code_verifier } = (result.envelope as any).response;
    expect(code_verifier).toBeNull();
    const url = new URL(authorization_url);
    expect(`${url.origin}${url.pathname}`).toBe('https://auth.acme.test/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'client-1',
      response_type: 'code',
      scope: 'users:read groups:read',
      redirect_uri: 'https://lumos.example/cb?x=1',
      state: 'st ate',
    });
    expect(authorization_url).toContain('scope=users%3Aread+groups%3Aread');
  });

  test('with PKCE adds an S256 challenge of the returned 43-character verifier', async () => {
    const result = await authorizationUrl({ ...base, pkce: true });
    const { authorization_url, code_verifier } = (result.envelope as any).response;
    expect(code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const url = new URL(authorization_url);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(createHash('sha256').update(code_verifier).digest('base64url'));
  });

  test('each call gets a fresh verifier', async () => {
    const first = (await authorizationUrl({ ...base, pkce: true })).envelope as any;
    const second = (await authorizationUrl({ ...base, pkce: true })).envelope as any;
    expect(first.response.code_verifier).not.toBe(second.response.code_verifier);
  });

  test("keeps the authorization URL's own query parameters", async () => {
    const result = await authorizationUrl({ ...base, authorizationUrl: 'https://auth.acme.test/authorize?audience=api&prompt=consent' });
    const url = new URL((result.envelope as any).response.authorization_url);
    expect(url.searchParams.get('audience')).toBe('api');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('client_id')).toBe('client-1');
  });

  test('uses the scopes of the request when it names any', async () => {
    const result = await authorizationUrl(base, { scopes: ['openid', 'email openid'] });
    expect(new URL((result.envelope as any).response.authorization_url).searchParams.get('scope')).toBe('openid email');
  });

  test('leaves scope out when there are none', async () => {
    const result = await authorizationUrl({ ...base, scopes: {} });
    expect(new URL((result.envelope as any).response.authorization_url).searchParams.has('scope')).toBe(false);
  });

  test('builds a tenant-specific URL from the settings', async () => {
    const oauth: OAuthSettings<{ subdomain?: string }> = { ...base, authorizationUrl: ({ settings }) => `https://${settings.subdomain}.acme.test/authorize` };
    const result = await authorizationUrl(oauth, {}, { subdomain: 'globex' });
    expect((result.envelope as any).response.authorization_url).toStartWith('https://globex.acme.test/authorize?');
  });

  test('a URL function that gives nothing is bad_request', async () => {
    const result = await authorizationUrl({ ...base, authorizationUrl: () => '' });
    expect(result.envelope).toMatchObject({
      is_error: true,
      error: { error_code: 'bad_request', message: 'Required URL was not provided for the OAuth flow: the OAuth settings have no authorization URL.' },
    });
  });

  test('a URL that is not absolute is bad_request naming it without its query', async () => {
    const result = await authorizationUrl({ ...base, authorizationUrl: () => 'auth.acme.test/authorize?key=k' });
    expect(result.envelope).toMatchObject({
      error: {
        error_code: 'bad_request',
        message: "The OAuth authorization URL is not an absolute URL: 'auth.acme.test/authorize'. Check the connector's OAuth settings.",
      },
    });
  });

  test('needs no credentials, as an OAuth capability', async () => {
    expect((await authorizationUrl(base)).ok).toBe(true);
  });
});

describe('settings by credential', () => {
  const integration = createIntegration({
    appId: 'multi',
    version: '1.0.0',
    description,
    credentials: [
      { id: 'admin', type: 'oauth' },
      { id: 'reader', type: 'oauth' },
      { id: 'key', type: 'token' },
    ],
    extensions: [
      oauth({
        credentials: {
          admin: { ...base, authorizationUrl: 'https://admin.acme.test/authorize' },
          reader: { ...base, authorizationUrl: 'https://reader.acme.test/authorize', pkce: true },
        },
      }),
    ],
  });
  const run = (credential_id?: string) =>
    dispatch(
      integration,
      'get_authorization_url',
      JSON.stringify({ request: { credential_id, client_id: 'c', scopes: [], redirect_uri: 'https://l.example/cb', state: 's' } }),
    );

  test('credential_id picks the settings', async () => {
    expect(((await run('admin')).envelope as any).response.authorization_url).toStartWith('https://admin.acme.test/authorize?');
    const reader = (await run('reader')).envelope as any;
    expect(reader.response.authorization_url).toStartWith('https://reader.acme.test/authorize?');
    expect(reader.response.code_verifier).toEqual(expect.any(String));
  });

  test('an unknown credential_id is bad_request listing the known ones', async () => {
    expect((await run('key')).envelope).toMatchObject({
      error: { error_code: 'bad_request', message: 'OAuth settings for credential ID: key were not provided! Credentials with OAuth settings: admin, reader.' },
    });
  });

  test('no credential_id is bad_request', async () => {
    expect((await run()).envelope).toMatchObject({
      error: {
        error_code: 'bad_request',
        message: "OAuth settings were not provided for app 'multi'! Its OAuth settings are per credential: send request.credential_id (one of: admin, reader).",
      },
    });
  });
});
