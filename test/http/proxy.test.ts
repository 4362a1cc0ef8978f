import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { createHttpClient } from '../../src/http/index.ts';
import { startForwardProxy } from './helpers/forward-proxy.ts';
import { startLoopbackApi } from './helpers/loopback-api.ts';
import { createTestCa, hasOpenssl, type TestCa } from './helpers/test-ca.ts';

const credentials = { username: 'proxy-user', password: 'pr0xy:p@ss/word' };
const noEnv = {};
let ca: TestCa | undefined;
let secure: ReturnType<typeof Bun.serve> | undefined;

beforeAll(() => {
  if (!hasOpenssl) return;
  ca = createTestCa();
  secure = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    tls: { cert: ca.cert, key: ca.key },
    fetch: (request) => Response.json({ tls: true, path: new URL(request.url).pathname }),
  });
});

afterAll(() => {
  secure?.stop(true);
  ca?.[Symbol.dispose]();
});

describe('a forward proxy with credentials', () => {
  test('HTTP_PROXY forwards plain HTTP with Proxy-Authorization from the URL', async () => {
    await using proxy = await startForwardProxy(credentials);
    using api = startLoopbackApi((request) => Response.json({ path: new URL(request.url).pathname, proxyAuth: request.headers.get('proxy-authorization') }));
    const client = createHttpClient({}, { baseUrl: api.url, env: { HTTP_PROXY: proxy.url } });
    expect(await client.get('/users')).toEqual({ path: '/users', proxyAuth: null });
    expect(proxy.requests).toEqual([{ method: 'GET', target: `${api.url}/users`, authorized: true }]);
  });

  test.skipIf(!hasOpenssl)('HTTPS goes through a CONNECT tunnel, with the proxy option and an extra CA', async () => {
    await using proxy = await startForwardProxy(credentials);
    const client = createHttpClient({}, { baseUrl: `https://localhost:${secure!.port}`, proxy: proxy.url, ca: ca!.caPem, env: noEnv });
    expect(await client.get('/users')).toEqual({ tls: true, path: '/users' });
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `localhost:${secure!.port}`, authorized: true }]);
  });

  test.skipIf(!hasOpenssl)('HTTPS_PROXY from the real environment is honoured by a connector process', async () => {
    await using proxy = await startForwardProxy(credentials);
    const child = Bun.spawn([process.execPath, join(import.meta.dir, 'fixtures/tls-get-fixture.ts'), `https://localhost:${secure!.port}/env`], {
      env: { ...process.env, HTTPS_PROXY: proxy.url, NO_PROXY: '', no_proxy: '', NODE_EXTRA_CA_CERTS: ca!.caFile },
      stdout: 'pipe',
    });
    expect(JSON.parse(await new Response(child.stdout).text())).toEqual({ status: 200, data: { tls: true, path: '/env' } });
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: `localhost:${secure!.port}`, authorized: true }]);
  });

  test.skipIf(!hasOpenssl)('wrong credentials on a tunnel end as api_error naming the proxy, password masked, not retried', async () => {
    await using proxy = await startForwardProxy(credentials);
    const wrong = `http://proxy-user:not-the-password@127.0.0.1:${proxy.port}`;
    const client = createHttpClient({}, { baseUrl: `https://localhost:${secure!.port}`, env: { HTTPS_PROXY: wrong }, ca: ca!.caPem });
    const error = (await client.get('/users').catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('api_error');
    expect(error.message).toBe(
      `GET https://localhost:${secure!.port}/users: the proxy http://proxy-user:REDACTED@127.0.0.1:${proxy.port} refused to open a tunnel with 407: check the user and password in HTTPS_PROXY/HTTP_PROXY or the proxy option.`,
    );
    expect(proxy.requests).toHaveLength(1);
  });

  test('wrong credentials on plain HTTP end as api_error about the proxy', async () => {
    await using proxy = await startForwardProxy(credentials);
    using api = startLoopbackApi(() => Response.json({}));
    const client = createHttpClient({}, { baseUrl: api.url, proxy: `http://proxy-user:nope-nope@127.0.0.1:${proxy.port}`, env: noEnv });
    const error = (await client.get('/users').catch((caught: unknown) => caught)) as Error & { code: string };
    expect(error.code).toBe('api_error');
    expect(error.message).toContain('The proxy refused the request (407 Proxy Authentication Required)');
    expect(error.message).not.toContain('nope-nope');
    expect(api.requests).toHaveLength(0);
  });

  test('NO_PROXY and proxy: false go direct', async () => {
    await using proxy = await startForwardProxy(credentials);
    using api = startLoopbackApi(() => Response.json({ direct: true }));
    expect(await createHttpClient({}, { baseUrl: api.url, env: { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } }).get('/a')).toEqual({ direct: true });
    expect(await createHttpClient({}, { baseUrl: api.url, env: { HTTP_PROXY: proxy.url }, proxy: false }).get('/b')).toEqual({ direct: true });
    expect(proxy.requests).toEqual([]);
    expect(api.requests.map((request) => request.path)).toEqual(['/a', '/b']);
  });
});
