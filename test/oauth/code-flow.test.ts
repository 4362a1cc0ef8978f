// The authorization code flow end to end: the example connector (a real process) builds the
// authorization URL, a person signs in and consents on a real authorization server (oidc-provider),
// and the connector exchanges the code from the final redirect for tokens, then refreshes them.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { createHash } from 'node:crypto';
import { fixtureClients, fixtureRedirectUri, signInAndConsent, startAuthorizationServer, type AuthorizationServer } from './authorization-server.ts';
import { expectNoSecrets, invocationLine, oauthExample, oauthFixtureConnector, runCapability } from './run-connector.ts';

let server: AuthorizationServer;
beforeAll(async () => {
  server = await startAuthorizationServer();
});
afterAll(async () => {
  await server[Symbol.asyncDispose]();
});

const client = fixtureClients.post;
const settings = () => ({ tenant_url: server.issuer });

/** Asks the example connector for an authorization URL for the `user` credential. */
async function authorizationUrl(state: string, scopes: string[] = []) {
  const run = await runCapability(oauthExample, 'get_authorization_url', {
    request: { credential_id: 'user', client_id: client.client_id, scopes, redirect_uri: fixtureRedirectUri, state },
    settings: settings(),
  });
  return run.json.response as { authorization_url: string; code_verifier: string | null };
}

/** Runs the callback capability of the example connector. */
function callback(request: Record<string, unknown>, include_raw_data = false) {
  return runCapability(oauthExample, 'handle_authorization_callback', {
    request: { credential_id: 'user', client_id: client.client_id, client_secret: client.client_secret, ...request },
    settings: settings(),
    include_raw_data,
  });
}

describe('code flow with PKCE (the example connector)', () => {
  test('authorize, consent, exchange the code, use the token, refresh it', async () => {
    const { authorization_url, code_verifier } = await authorizationUrl('state-pkce-1');
    const url = new URL(authorization_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${server.issuer}/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: client.client_id,
      response_type: 'code',
      scope: 'openid offline_access',
      redirect_uri: fixtureRedirectUri,
      state: 'state-pkce-1',
      code_challenge: createHash('sha256').update(code_verifier!).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const redirect = await signInAndConsent(authorization_url, 'alice');
    expect(redirect.searchParams.get('state')).toBe('state-pkce-1');
    const code = redirect.searchParams.get('code')!;
    // Lumos passes the whole redirect; the connector must send the redirect URI without query or fragment.
    redirect.hash = 'ignored-fragment';

    const exchanged = await callback({ redirect_uri_with_code: redirect.href, code_verifier, state: 'state-pkce-1' }, true);
    const tokens = exchanged.json.response;
    expect(tokens).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });
    expect(exchanged.json.raw_data).toMatchObject({
      access_token: tokens.access_token,
      token_type: 'Bearer',
      id_token: expect.any(String),
      expires_in: expect.any(Number),
    });
    // The log says what was sent, and nothing secret.
    expect(exchanged.stderr).toContain(`DEBUG oauth-example: OAuth authorization_code request: POST ${server.issuer}/token (CLIENT_SECRET_POST, FORMDATA)`);
    expectNoSecrets(exchanged, [client.client_secret, code, code_verifier!], 'both');
    expectNoSecrets(exchanged, [tokens.access_token, tokens.refresh_token], 'stderr');

    // The token works against the tenant's API (oidc-provider's userinfo endpoint).
    const validated = await runCapability(oauthExample, 'validate_credentials', {
      request: {},
      credentials: [{ id: 'user', oauth: { access_token: tokens.access_token } }],
      settings: settings(),
    });
    expect(validated.json.response).toEqual({ valid: true, unique_tenant_id: new URL(server.issuer).host });

    const refreshed = await runCapability(oauthExample, 'refresh_access_token', {
      request: { credential_id: 'user', client_id: client.client_id, client_secret: client.client_secret, refresh_token: tokens.refresh_token },
      settings: settings(),
    });
    expect(refreshed.json).toEqual({
      response: { access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' },
      page: null,
      raw_data: null,
    });
    expect(refreshed.json.response.access_token).not.toBe(tokens.access_token);
    expectNoSecrets(refreshed, [client.client_secret], 'both');
    // Without rotation the server hands the same refresh token back: it may be on stdout, never in the log.
    expectNoSecrets(refreshed, [tokens.refresh_token], 'stderr');

    const listed = await runCapability(oauthExample, 'list_accounts', {
      request: {},
      credentials: [{ id: 'user', oauth: { access_token: refreshed.json.response.access_token } }],
      settings: settings(),
    });
    expect(listed.json.response).toMatchObject([{ integration_specific_id: 'alice', username: 'alice' }]);
  });

  test('a wrong code verifier is reported as the server answered it, without secrets', async () => {
    const { authorization_url, code_verifier } = await authorizationUrl('state-pkce-2');
    const redirect = await signInAndConsent(authorization_url);
    const wrongVerifier = 'x'.repeat(43);
    const run = await callback({ redirect_uri_with_code: redirect.href, code_verifier: wrongVerifier });
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 400,
      message: `[400][${server.issuer}/token] OAuth request failed: invalid_grant: grant request is invalid`,
      raised_in: 'connector-sdk.oauth:handle_authorization_callback',
    });
    expectNoSecrets(run, [client.client_secret, redirect.searchParams.get('code')!, wrongVerifier, code_verifier!]);
  });

  test('a code used twice fails the second time', async () => {
    const { authorization_url, code_verifier } = await authorizationUrl('state-pkce-3');
    const redirect = await signInAndConsent(authorization_url);
    const first = await callback({ redirect_uri_with_code: redirect.href, code_verifier });
    expect(first.json.response.access_token).toEqual(expect.any(String));
    const second = await callback({ redirect_uri_with_code: redirect.href, code_verifier });
    expect(second.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 400,
      message: `[400][${server.issuer}/token] OAuth request failed: invalid_grant: grant request is invalid`,
    });
  });

  test('a wrong client secret is invalid_client, and the secret stays out of the message', async () => {
    const { authorization_url, code_verifier } = await authorizationUrl('state-pkce-4');
    const redirect = await signInAndConsent(authorization_url);
    const wrongSecret = 'wrong-secret-value-123456';
    const run = await callback({ redirect_uri_with_code: redirect.href, code_verifier, client_secret: wrongSecret });
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 401,
      message: `[401][${server.issuer}/token] OAuth request failed: invalid_client: client authentication failed`,
    });
    expectNoSecrets(run, [wrongSecret, redirect.searchParams.get('code')!, code_verifier!]);
  });

  // The CLI logs its --json input masked by key; `redirect_uri_with_code` is one of those keys.
  test('the CLI invocation log line masks the code inside redirect_uri_with_code', async () => {
    const code = 'an-authorization-code-0123456789';
    const run = await callback({ redirect_uri_with_code: `${fixtureRedirectUri}?code=${code}&state=s`, code_verifier: 'v'.repeat(43) });
    const line = run.stderr.split('\n').find((candidate) => invocationLine.test(candidate)) ?? '';
    expect(line).toContain('Running handle_authorization_callback');
    expect(line).not.toContain(code);
  });

  test('scopes in the request win over the settings, deduplicated in order', async () => {
    const { authorization_url } = await authorizationUrl('state-pkce-5', ['openid', 'api:read openid']);
    expect(new URL(authorization_url).searchParams.get('scope')).toBe('openid api:read');
  });

  test('a multi-credential connector needs credential_id to pick its settings', async () => {
    const run = await runCapability(oauthExample, 'get_authorization_url', {
      request: { client_id: client.client_id, scopes: [], redirect_uri: fixtureRedirectUri, state: 's' },
      settings: settings(),
    });
    expect(run.json.error).toMatchObject({
      error_code: 'bad_request',
      message:
        "OAuth settings were not provided for app 'oauth-example'! Its OAuth settings are per credential: send request.credential_id (one of: user, service).",
    });
  });
});

describe('code flow without PKCE (the fixture connector, older auth style)', () => {
  const env = { OAUTH_FIXTURE_SETTINGS: JSON.stringify({ pkce: false }) };

  test('the URL has no challenge, no verifier is returned, and the code exchange and refresh work', async () => {
    const built = await runCapability(
      oauthFixtureConnector,
      'get_authorization_url',
      { request: { client_id: client.client_id, scopes: [], redirect_uri: fixtureRedirectUri, state: 'plain-1' }, settings: { issuer: server.issuer } },
      env,
    );
    expect(built.json.response.code_verifier).toBeNull();
    const url = new URL(built.json.response.authorization_url);
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'redirect_uri', 'response_type', 'scope', 'state']);
    expect(url.searchParams.get('scope')).toBe('openid offline_access');

    const redirect = await signInAndConsent(url.href, 'bob');
    const exchanged = await runCapability(
      oauthFixtureConnector,
      'handle_authorization_callback',
      { request: { ...client, redirect_uri_with_code: redirect.href }, settings: { issuer: server.issuer } },
      env,
    );
    expect(exchanged.json.response).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });

    const refreshed = await runCapability(
      oauthFixtureConnector,
      'refresh_access_token',
      { request: { ...client, refresh_token: exchanged.json.response.refresh_token }, settings: { issuer: server.issuer } },
      env,
    );
    expect(refreshed.json.response.access_token).toEqual(expect.any(String));
  });

  test('a verifier the server never saw a challenge for is rejected', async () => {
    const built = await runCapability(
      oauthFixtureConnector,
      'get_authorization_url',
      { request: { client_id: client.client_id, scopes: ['openid'], redirect_uri: fixtureRedirectUri, state: 'plain-2' }, settings: { issuer: server.issuer } },
      env,
    );
    const redirect = await signInAndConsent(built.json.response.authorization_url);
    const run = await runCapability(
      oauthFixtureConnector,
      'handle_authorization_callback',
      { request: { ...client, redirect_uri_with_code: redirect.href, code_verifier: 'y'.repeat(43) }, settings: { issuer: server.issuer } },
      env,
    );
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 400,
      message: expect.stringContaining('OAuth request failed: invalid_grant'),
    });
  });

  test('a refresh token the server does not know is invalid_grant', async () => {
    const run = await runCapability(
      oauthFixtureConnector,
      'refresh_access_token',
      { request: { ...client, refresh_token: 'not-a-refresh-token-0000' }, settings: { issuer: server.issuer } },
      env,
    );
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 400,
      message: `[400][${server.issuer}/token] OAuth request failed: invalid_grant: grant request is invalid`,
    });
    expectNoSecrets(run, ['not-a-refresh-token-0000', client.client_secret]);
  });
});
