// OAuth token requests take the HTTP kit's way out: HTTP(S)_PROXY and NO_PROXY decided as for API
// calls (the kit's proxyForUrl), and extra CAs from NODE_EXTRA_CA_CERTS, through the test proxy.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { startForwardProxy } from '../http/helpers/forward-proxy.ts';
import { createTestCa, hasOpenssl, type TestCa } from '../http/helpers/test-ca.ts';
import { fixtureClients, startAuthorizationServer, type AuthorizationServer } from './authorization-server.ts';
import { expectNoSecrets, oauthFixtureConnector, runCapability } from './run-connector.ts';

const proxyCredentials = { username: 'proxy-user', password: 'pr0xy:p@ss/word' };
const proxyUrl = (port: number, password = proxyCredentials.password) =>
  `http://${proxyCredentials.username}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
// Under CI every tool must be there: a missing openssl fails there instead of skipping.
const tlsTest = hasOpenssl || process.env['CI'] === 'true' ? test : test.skip;
if (!hasOpenssl) process.stderr.write('test/oauth/proxy.test.ts: no openssl on the PATH, the HTTPS token endpoint tests are skipped\n');

let server: AuthorizationServer;
beforeAll(async () => {
  server = await startAuthorizationServer();
});
afterAll(async () => {
  await server[Symbol.asyncDispose]();
});

/** Client credentials through the fixture connector (a real process) with `env` on top of a proxy-free environment. */
function clientCredentials(env: Record<string, string>, issuer = server.issuer) {
  const client = fixtureClients.post;
  return runCapability(
    oauthFixtureConnector,
    'handle_client_credentials_request',
    { request: { ...client, scopes: ['api:read'] }, settings: { issuer } },
    {
      OAUTH_FIXTURE_SETTINGS: JSON.stringify({ flow: 'CLIENT_CREDENTIALS' }),
      HTTP_PROXY: '',
      http_proxy: '',
      HTTPS_PROXY: '',
      https_proxy: '',
      NO_PROXY: '',
      no_proxy: '',
      ...env,
    },
  );
}

describe('OAuth token requests and proxies', () => {
  test('HTTP_PROXY: the token request goes through the proxy, with Proxy-Authorization from its URL', async () => {
    await using proxy = await startForwardProxy(proxyCredentials);
    const run = await clientCredentials({ HTTP_PROXY: proxyUrl(proxy.port) });
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
    expect(proxy.requests).toEqual([{ method: 'POST', target: `${server.issuer}/token`, authorized: true }]);
    expect(run.stderr).toContain(`via proxy http://proxy-user:REDACTED@127.0.0.1:${proxy.port}`);
    expectNoSecrets(run, [fixtureClients.post.client_secret, proxyCredentials.password, encodeURIComponent(proxyCredentials.password)]);
  });

  test('NO_PROXY with a CIDR block sends it direct, as the HTTP kit does', async () => {
    await using proxy = await startForwardProxy(proxyCredentials);
    const run = await clientCredentials({ HTTP_PROXY: proxyUrl(proxy.port), NO_PROXY: '10.0.0.0/8,127.0.0.0/8' });
    expect(run.json.response).toEqual({ access_token: expect.any(String), token_type: 'bearer' });
    expect(proxy.requests).toEqual([]);
  });

  test('a proxy that refuses the credentials is reported, its password masked', async () => {
    await using proxy = await startForwardProxy(proxyCredentials);
    const wrong = 'not-the:pass/word';
    const run = await clientCredentials({ HTTP_PROXY: proxyUrl(proxy.port, wrong) });
    expect(run.json.error).toMatchObject({ error_code: 'api_error', status_code: 407 });
    expect(proxy.requests).toEqual([{ method: 'POST', target: `${server.issuer}/token`, authorized: false }]);
    expectNoSecrets(run, [wrong, encodeURIComponent(wrong), fixtureClients.post.client_secret]);
  });

  describe('an HTTPS token endpoint signed by an extra CA', () => {
    let ca: TestCa | undefined;
    let secure: ReturnType<typeof Bun.serve> | undefined;
    // Making keys with openssl takes seconds on a busy machine.
    beforeAll(() => {
      if (!hasOpenssl) return;
      ca = createTestCa();
      secure = Bun.serve({
        port: 0,
        hostname: '127.0.0.1',
        tls: { cert: ca.cert, key: ca.key },
        fetch: () => Response.json({ access_token: 'tls-access-token', token_type: 'Bearer' }),
      });
    }, 60_000);
    afterAll(() => {
      secure?.stop(true);
      ca?.[Symbol.dispose]();
    });

    tlsTest('HTTPS_PROXY tunnels it with CONNECT, and NODE_EXTRA_CA_CERTS makes its certificate trusted', async () => {
      await using proxy = await startForwardProxy(proxyCredentials);
      const issuer = `https://localhost:${secure!.port}`;
      const run = await clientCredentials({ HTTPS_PROXY: proxyUrl(proxy.port), NODE_EXTRA_CA_CERTS: ca!.caFile }, issuer);
      expect(run.json.response).toEqual({ access_token: 'tls-access-token', token_type: 'bearer' });
      expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `localhost:${secure!.port}`, authorized: true }]);
    });

    tlsTest('HTTP_PROXY alone is for http:// URLs: an https:// token endpoint is reached direct, as API calls are', async () => {
      await using proxy = await startForwardProxy(proxyCredentials);
      const run = await clientCredentials({ HTTP_PROXY: proxyUrl(proxy.port), NODE_EXTRA_CA_CERTS: ca!.caFile }, `https://localhost:${secure!.port}`);
      expect(run.json.response).toEqual({ access_token: 'tls-access-token', token_type: 'bearer' });
      expect(proxy.requests).toEqual([]);
    });

    tlsTest('a tunnel the proxy refuses is api_error naming the endpoint, the proxy password masked', async () => {
      await using proxy = await startForwardProxy(proxyCredentials);
      const wrong = 'not-the:pass/word';
      const run = await clientCredentials({ HTTPS_PROXY: proxyUrl(proxy.port, wrong), NODE_EXTRA_CA_CERTS: ca!.caFile }, `https://localhost:${secure!.port}`);
      expect(run.json.error.error_code).toBe('api_error');
      expect(run.json.error.message).toStartWith(`Failed to reach the OAuth token endpoint https://localhost:${secure!.port}/token (`);
      expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `localhost:${secure!.port}`, authorized: false }]);
      expectNoSecrets(run, [wrong, encodeURIComponent(wrong), btoa(`${proxyCredentials.username}:${wrong}`)]);
    });

    tlsTest('without the extra CA the certificate is refused', async () => {
      const run = await clientCredentials({}, `https://localhost:${secure!.port}`);
      expect(run.json.error.error_code).toBe('api_error');
      expect(run.json.error.message).toStartWith(`Failed to reach the OAuth token endpoint https://localhost:${secure!.port}/token (`);
    });
  });
});
