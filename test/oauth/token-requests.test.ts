// Client credentials, client authentication and the token request shapes, against the real
// authorization server. oidc-provider's /token takes form POSTs only (RFC 6749); the other shapes
// are checked twice: rejected clearly by /token, and accepted by the fixture's /lenient/token,
// which stands for vendors that take GET, JSON or query-string token requests.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { fixtureClients, fixtureRedirectUri, signInAndConsent, startAuthorizationServer, type AuthorizationServer } from './authorization-server.ts';
import { expectNoSecrets, oauthExample, oauthFixtureConnector, runCapability } from './run-connector.ts';

let server: AuthorizationServer;
beforeAll(async () => {
  server = await startAuthorizationServer();
});
afterAll(async () => {
  await server[Symbol.asyncDispose]();
});

type Client = { readonly client_id: string; readonly client_secret: string };

/** Runs client credentials through the fixture connector with the given OAuth settings. */
function clientCredentials(variant: Record<string, unknown>, client: Client, scopes: string[] = ['api:read'], issuer = server.issuer) {
  return runCapability(
    oauthFixtureConnector,
    'handle_client_credentials_request',
    { request: { ...client, scopes }, settings: { issuer }, include_raw_data: true },
    { OAUTH_FIXTURE_SETTINGS: JSON.stringify({ flow: 'CLIENT_CREDENTIALS', ...variant }) },
  );
}

describe('client credentials (the example connector)', () => {
  test('the service credential gets a token with its settings scopes, sent with HTTP Basic', async () => {
    const run = await runCapability(oauthExample, 'handle_client_credentials_request', {
      request: { credential_id: 'service', ...fixtureClients.basic, scopes: [] },
      settings: { tenant_url: server.issuer },
      include_raw_data: true,
    });
    expect(run.json).toEqual({
      response: { access_token: expect.any(String), token_type: 'bearer' },
      page: null,
      raw_data: { access_token: run.json.response.access_token, expires_in: expect.any(Number), scope: 'api:read', token_type: 'Bearer' },
    });
    expectNoSecrets(run, [fixtureClients.basic.client_secret]);
    expectNoSecrets(run, [run.json.response.access_token], 'stderr');
  });

  test('scopes in the request replace the settings scopes', async () => {
    const run = await runCapability(oauthExample, 'handle_client_credentials_request', {
      request: { credential_id: 'service', ...fixtureClients.basic, scopes: ['api:write', 'api:read api:write'] },
      settings: { tenant_url: server.issuer },
      include_raw_data: true,
    });
    expect(run.json.raw_data.scope).toBe('api:write api:read');
  });

  test('a wrong client secret is invalid_client', async () => {
    const run = await runCapability(oauthExample, 'handle_client_credentials_request', {
      request: { credential_id: 'service', client_id: fixtureClients.basic.client_id, client_secret: 'not-the-secret-42', scopes: [] },
      settings: { tenant_url: server.issuer },
    });
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: 401,
      message: `[401][${server.issuer}/token] OAuth request failed: invalid_client: client authentication failed`,
    });
    expectNoSecrets(run, ['not-the-secret-42']);
  });

  test('an unreachable token endpoint is api_error with a message a person can act on', async () => {
    const closed = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: () => new Response() });
    const issuer = `http://127.0.0.1:${closed.port}`;
    await closed.stop(true);
    const run = await clientCredentials({}, fixtureClients.post, [], issuer);
    expect(run.json.error.error_code).toBe('api_error');
    expect(run.json.error.message).toStartWith(`Failed to reach the OAuth token endpoint ${issuer}/token (`);
    expect(run.json.error.message).toEndWith("Check the token URL in the connector's OAuth settings and that this host can reach it.");
    expectNoSecrets(run, [fixtureClients.post.client_secret]);
  });
});

describe('client authentication', () => {
  test.each([
    ['CLIENT_SECRET_POST', fixtureClients.post],
    ['CLIENT_SECRET_BASIC', fixtureClients.basic],
  ] as const)('%s works with a client registered for it', async (clientAuth, client) => {
    const run = await clientCredentials({ clientAuth }, client);
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
  });

  // oidc-provider takes client_secret_basic and client_secret_post interchangeably, whatever the
  // client registered, so it cannot tell the two apart: where the secret travelled is checked on
  // the lenient endpoint below ("received.basic" and the body's keys).
  test.each([
    ['CLIENT_SECRET_POST', fixtureClients.basic],
    ['CLIENT_SECRET_BASIC', fixtureClients.post],
  ] as const)('%s also works for a client registered for the other method (the server does not enforce it)', async (clientAuth, client) => {
    const run = await clientCredentials({ clientAuth }, client);
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
  });
});

describe('token request shapes', () => {
  // What oidc-provider's /token answers to each shape it does not take, as the connector reports it.
  test.each([
    [
      'JSON body',
      { requestType: { method: 'POST', data: 'JSON' } },
      400,
      'invalid_request: only application/x-www-form-urlencoded content-type bodies are supported on POST /token',
    ],
    ['query string (POST)', { requestType: { method: 'POST', data: 'QUERY' } }, 400, 'invalid_request: no client authentication mechanism provided'],
    ['GET', { requestType: { method: 'GET' } }, 404, 'Not Found'],
  ] as const)('the standard token endpoint rejects a %s, reported clearly', async (_shape, variant, status, detail) => {
    const run = await clientCredentials(variant, fixtureClients.post);
    expect(run.json.error).toMatchObject({
      error_code: 'api_error',
      status_code: status,
      message: `[${status}][${server.issuer}/token] OAuth request failed: ${detail}`,
    });
    // The query-string and GET shapes put the secret in the URL: it must not reach the message.
    expectNoSecrets(run, [fixtureClients.post.client_secret]);
  });

  test.each([
    [
      'form POST, secret in the body',
      { requestType: { method: 'POST', data: 'FORMDATA' } },
      fixtureClients.post,
      {
        method: 'POST',
        content_type: 'application/x-www-form-urlencoded',
        query: [],
        body: ['client_id', 'client_secret', 'grant_type', 'scope'],
        basic: false,
      },
    ],
    [
      'JSON POST, secret in the body',
      { requestType: { method: 'POST', data: 'JSON' } },
      fixtureClients.post,
      { method: 'POST', content_type: 'application/json', query: [], body: ['client_id', 'client_secret', 'grant_type', 'scope'], basic: false },
    ],
    [
      'JSON POST, HTTP Basic',
      { requestType: { method: 'POST', data: 'JSON' }, clientAuth: 'CLIENT_SECRET_BASIC' },
      fixtureClients.basic,
      { method: 'POST', content_type: 'application/json', query: [], body: ['grant_type', 'scope'], basic: true },
    ],
    [
      'query-string POST',
      { requestType: { method: 'POST', data: 'QUERY' } },
      fixtureClients.post,
      { method: 'POST', content_type: null, query: ['client_id', 'client_secret', 'grant_type', 'scope'], body: [], basic: false },
    ],
    [
      'GET, HTTP Basic',
      { requestType: { method: 'GET', data: 'QUERY' }, clientAuth: 'CLIENT_SECRET_BASIC' },
      fixtureClients.basic,
      { method: 'GET', content_type: null, query: ['grant_type', 'scope'], body: [], basic: true },
    ],
    [
      'GET asked for with JSON data (sent in the query: GET has no body)',
      { requestType: { method: 'GET', data: 'JSON' } },
      fixtureClients.post,
      { method: 'GET', content_type: null, query: ['client_id', 'client_secret', 'grant_type', 'scope'], body: [], basic: false },
    ],
  ] as const)('a lenient token endpoint takes a %s', async (_shape, variant, client, received) => {
    const run = await clientCredentials({ ...variant, tokenPath: '/lenient/token' }, client);
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
    expect(run.json.raw_data.received).toEqual(received);
    expectNoSecrets(run, [client.client_secret]);
  });

  test('the whole code flow and a refresh work as JSON requests with HTTP Basic', async () => {
    const env = {
      OAUTH_FIXTURE_SETTINGS: JSON.stringify({ pkce: true, clientAuth: 'CLIENT_SECRET_BASIC', requestType: { data: 'JSON' }, tokenPath: '/lenient/token' }),
    };
    const client = fixtureClients.basic;
    const built = await runCapability(
      oauthFixtureConnector,
      'get_authorization_url',
      { request: { client_id: client.client_id, scopes: ['openid'], redirect_uri: fixtureRedirectUri, state: 'json-1' }, settings: { issuer: server.issuer } },
      env,
    );
    const redirect = await signInAndConsent(built.json.response.authorization_url);
    const exchanged = await runCapability(
      oauthFixtureConnector,
      'handle_authorization_callback',
      {
        request: { ...client, redirect_uri_with_code: redirect.href, code_verifier: built.json.response.code_verifier },
        settings: { issuer: server.issuer },
        include_raw_data: true,
      },
      env,
    );
    expect(exchanged.json.raw_data.received).toEqual({
      method: 'POST',
      content_type: 'application/json',
      query: [],
      body: ['code', 'code_verifier', 'grant_type', 'redirect_uri'],
      basic: true,
    });
    const refreshed = await runCapability(
      oauthFixtureConnector,
      'refresh_access_token',
      { request: { ...client, refresh_token: exchanged.json.response.refresh_token }, settings: { issuer: server.issuer }, include_raw_data: true },
      env,
    );
    expect(refreshed.json.response).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });
    expect(refreshed.json.raw_data.received.body).toEqual(['grant_type', 'refresh_token']);
  });
});

describe('CLIENT_SECRET_BASIC with an id and secret holding + / = % : and a space', () => {
  const special = fixtureClients.special;
  // Every form the secret could leak in: as it is, form-encoded, and both Basic headers.
  const secretForms = [
    special.client_secret,
    encodeURIComponent(special.client_secret),
    btoa(`${special.client_id}:${special.client_secret}`),
    btoa(`${encodeURIComponent(special.client_id)}:${encodeURIComponent(special.client_secret)}`.replace(/%20/g, '+')),
  ];

  test('form-encoded by default (RFC 6749 §2.3.1): oidc-provider, which decodes them, issues a token', async () => {
    const run = await clientCredentials({ clientAuth: 'CLIENT_SECRET_BASIC' }, special);
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
    expectNoSecrets(run, secretForms);
  });

  test('the code flow and a refresh work with them too', async () => {
    const env = { OAUTH_FIXTURE_SETTINGS: JSON.stringify({ clientAuth: 'CLIENT_SECRET_BASIC' }) };
    const built = await runCapability(
      oauthFixtureConnector,
      'get_authorization_url',
      {
        request: { client_id: special.client_id, scopes: ['openid', 'offline_access'], redirect_uri: fixtureRedirectUri, state: 'special-1' },
        settings: { issuer: server.issuer },
      },
      env,
    );
    const redirect = await signInAndConsent(built.json.response.authorization_url);
    const exchanged = await runCapability(
      oauthFixtureConnector,
      'handle_authorization_callback',
      { request: { ...special, redirect_uri_with_code: redirect.href }, settings: { issuer: server.issuer } },
      env,
    );
    expect(exchanged.json.response).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });
    const refreshed = await runCapability(
      oauthFixtureConnector,
      'refresh_access_token',
      { request: { ...special, refresh_token: exchanged.json.response.refresh_token }, settings: { issuer: server.issuer } },
      env,
    );
    expect(refreshed.json.response).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });
    expectNoSecrets(exchanged, secretForms);
    expectNoSecrets(refreshed, secretForms);
  });

  test("clientAuthEncoding: 'RAW' sends them as they are, which oidc-provider refuses", async () => {
    const run = await clientCredentials({ clientAuth: 'CLIENT_SECRET_BASIC', clientAuthEncoding: 'RAW' }, special);
    expect(run.json.error).toMatchObject({ error_code: 'api_error', status_code: 400 });
    expect(run.json.error.message).toStartWith(`[400][${server.issuer}/token] OAuth request failed: invalid_request`);
    expectNoSecrets(run, secretForms);
  });

  describe('a token endpoint that compares the raw value (no form decoding)', () => {
    const client = { client_id: 'lumos-raw', client_secret: special.client_secret };
    let raw: ReturnType<typeof Bun.serve>;
    beforeAll(() => {
      raw = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        fetch(request) {
          const header = request.headers.get('authorization') ?? '';
          const given = header.startsWith('Basic ') ? atob(header.slice(6)) : '';
          if (given !== `${client.client_id}:${client.client_secret}`) return Response.json({ error: 'invalid_client' }, { status: 401 });
          return Response.json({ access_token: 'raw-access-token', token_type: 'Bearer' });
        },
      });
    });
    afterAll(() => raw.stop(true));

    test("accepts clientAuthEncoding: 'RAW'", async () => {
      const run = await clientCredentials({ clientAuth: 'CLIENT_SECRET_BASIC', clientAuthEncoding: 'RAW' }, client, [], `http://127.0.0.1:${raw.port}`);
      expect(run.json.response).toEqual({ access_token: 'raw-access-token', token_type: 'bearer' });
      expectNoSecrets(run, secretForms);
    });

    test('refuses the default, form-encoded value', async () => {
      const run = await clientCredentials({ clientAuth: 'CLIENT_SECRET_BASIC' }, client, [], `http://127.0.0.1:${raw.port}`);
      expect(run.json.error).toMatchObject({
        error_code: 'api_error',
        status_code: 401,
        message: `[401][http://127.0.0.1:${raw.port}/token] OAuth request failed: invalid_client`,
      });
    });
  });
});
