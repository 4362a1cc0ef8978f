import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { ConnectorError } from '../../src/errors/connector-error.ts';
import { createHttpClient, type HttpClientOptions } from '../../src/http/index.ts';
import { closedPort, startLoopbackApi, startResettingServer } from './helpers/loopback-api.ts';

const args = { auth: { token: { token: 'tok-fault-123456' } }, credentials: null, settings: {}, include_raw_data: false };
/** Short delays so the suite stays fast; the schedule itself is unit-tested in retry-policy.test.ts. */
const fast: HttpClientOptions = { auth: { kind: 'bearer' }, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}

describe('429 Too Many Requests', () => {
  test('Retry-After in seconds is honoured, then the call succeeds (2 attempts, about 1 s)', async () => {
    using api = startLoopbackApi((_request, hit) =>
      hit === 1 ? new Response('slow down', { status: 429, headers: { 'retry-after': '1' } }) : Response.json({ ok: true }),
    );
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    const { result, ms } = await timed(() => client.request('/users'));
    expect(result).toMatchObject({ status: 200, data: { ok: true }, attempts: 2 });
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(2000);
  });

  test('Retry-After as an HTTP date is honoured instead of the backoff (2 attempts, no backoff wait)', async () => {
    const past = new Date(Date.now() - 5000).toUTCString();
    using api = startLoopbackApi((_request, hit) => (hit === 1 ? new Response('', { status: 429, headers: { 'retry-after': past } }) : Response.json([1])));
    // A 5 s backoff would show if the date were ignored.
    const client = createHttpClient(args, { baseUrl: api.url, retry: { baseDelayMs: 5000 } });
    const { result, ms } = await timed(() => client.request('/users'));
    expect(result.attempts).toBe(2);
    expect(ms).toBeLessThan(500);
  });

  test('X-RateLimit-Reset is the wait when there is no Retry-After', async () => {
    using api = startLoopbackApi((_request, hit) =>
      hit === 1 ? new Response('', { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.2' } }) : Response.json([]),
    );
    const client = createHttpClient(args, { baseUrl: api.url, retry: { baseDelayMs: 5000 } });
    const { result, ms } = await timed(() => client.request('/users'));
    expect(result.attempts).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(180);
    expect(ms).toBeLessThan(1000);
  });

  test('a lasting 429 ends as rate_limit with the status and the attempt count', async () => {
    using api = startLoopbackApi(() => new Response('{"error":"quota"}', { status: 429, headers: { 'retry-after': '0' } }));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url, retry: { ...(fast.retry as object), attempts: 3 } });
    const error = await failure(client.get('/users', { query: { limit: 5 } }));
    expect(error.code).toBe('rate_limit');
    expect(error.statusCode).toBe(429);
    expect(error.message).toStartWith(`[429][GET ${api.url}/users] The app still answered 429 Too Many Requests after 3 attempts`);
    expect(error.message).toContain('{"error":"quota"}');
    expect(api.hits.get('/users')).toBe(3);
  });

  test('a Retry-After beyond the time budget fails at once instead of sleeping', async () => {
    using api = startLoopbackApi(() => new Response('', { status: 429, headers: { 'retry-after': '3600' } }));
    const client = createHttpClient(args, { baseUrl: api.url });
    const { result: error, ms } = await timed(() => failure(client.get('/users')));
    expect(error.code).toBe('rate_limit');
    expect(error.message).toContain('after 1 attempt');
    expect(error.message).toContain('the app asked to wait 3600 s, more than the');
    expect(ms).toBeLessThan(500);
    expect(api.hits.get('/users')).toBe(1);
  });

  test("a 429's Retry-After holds the other requests of the call too", async () => {
    using api = startLoopbackApi((_request, hit, url) =>
      url.pathname === '/a' && hit === 1 ? new Response('', { status: 429, headers: { 'retry-after': '0.3' } }) : Response.json({ at: Date.now() }),
    );
    const client = createHttpClient(args, { baseUrl: api.url });
    const first = client.request('/a');
    await Bun.sleep(50);
    const started = Date.now();
    const second = await client.request('/b');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect((await first).attempts).toBe(2);
    expect(second.attempts).toBe(1);
  });
});

describe('502, 503, 504', () => {
  test('a burst of 503 is ridden out (4 attempts)', async () => {
    using api = startLoopbackApi((_request, hit) => (hit <= 3 ? new Response('busy', { status: 503 }) : Response.json({ ok: 1 })));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    expect(await client.request('/users')).toMatchObject({ attempts: 4, data: { ok: 1 } });
  });

  test.each([502, 503, 504])('a lasting %d ends as bad_gateway after the default 5 attempts', async (status) => {
    using api = startLoopbackApi(() => new Response('<h1>gateway</h1>', { status }));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    const error = await failure(client.get('/users'));
    expect(error).toMatchObject({ code: 'bad_gateway', statusCode: status });
    expect(error.message).toContain('after 5 attempts');
    expect(api.hits.get('/users')).toBe(5);
  });

  test('POST and PATCH are not replayed unless marked safe', async () => {
    using api = startLoopbackApi((_request, hit) => (hit === 1 ? new Response('busy', { status: 503 }) : Response.json({ id: 1 })));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    const post = await failure(client.post('/post', { body: { name: 'x' } }));
    expect(post).toMatchObject({ code: 'bad_gateway', message: `[503][POST ${api.url}/post] busy` });
    expect(api.hits.get('/post')).toBe(1);
    expect(await failure(client.patch('/patch', { body: {} }))).toMatchObject({ code: 'bad_gateway' });
    expect(api.hits.get('/patch')).toBe(1);
    expect(await client.request('/keyed', { method: 'POST', body: {}, headers: { 'Idempotency-Key': 'k-1' } })).toMatchObject({ attempts: 2 });
    expect(await client.request('/flagged', { method: 'PATCH', body: {}, replaySafe: true })).toMatchObject({ attempts: 2 });
    expect(await client.request('/put', { method: 'PUT', body: {} })).toMatchObject({ attempts: 2 });
  });

  test('other statuses are not retried and keep their wire code', async () => {
    using api = startLoopbackApi((_request, _hit, url) => new Response(JSON.stringify({ error: url.pathname }), { status: Number(url.pathname.slice(1)) }));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    for (const [status, code] of [
      [400, 'bad_request'],
      [401, 'unauthorized'],
      [403, 'permission_denied'],
      [404, 'not_found'],
      [500, 'api_error'],
    ] as const) {
      const error = await failure(client.get(`/${status}`));
      expect(error).toMatchObject({ code, statusCode: status, message: `[${status}][GET ${api.url}/${status}] {"error":"/${status}"}` });
      expect(api.hits.get(`/${status}`)).toBe(1);
    }
  });

  test('allowStatus returns the answer instead of failing', async () => {
    using api = startLoopbackApi(() => Response.json({ error: 'gone' }, { status: 404 }));
    const client = createHttpClient(args, { baseUrl: api.url });
    expect(await client.request('/users/9', { allowStatus: [404] })).toMatchObject({ status: 404, data: { error: 'gone' }, attempts: 1 });
  });
});

describe('network failures', () => {
  test('reset connections are retried, then end as api_error with the attempt count', async () => {
    await using server = await startResettingServer();
    const client = createHttpClient(args, { ...fast, baseUrl: server.url, retry: { ...(fast.retry as object), attempts: 3 } });
    const error = await failure(client.get('/users'));
    expect(error.code).toBe('api_error');
    expect(error.message).toStartWith(`Failed to connect to the API at GET ${server.url}/users (`);
    expect(error.message).toContain('after 3 attempts');
    expect(server.connections).toBe(3);
  });

  test('a refused connection ends as api_error (at once on loopback: nothing listens there)', async () => {
    const client = createHttpClient(args, { ...fast, baseUrl: `http://127.0.0.1:${await closedPort()}`, retry: { ...(fast.retry as object), attempts: 2 } });
    const error = await failure(client.get('/users'));
    expect(error.code).toBe('api_error');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('after 1 attempt');
  });

  test('a POST is not replayed after a reset', async () => {
    await using server = await startResettingServer();
    const client = createHttpClient(args, { ...fast, baseUrl: server.url });
    expect(await failure(client.post('/users', { body: {} }))).toMatchObject({ code: 'api_error', message: expect.stringContaining('after 1 attempt') });
    expect(server.connections).toBe(1);
  });
});

describe('timeouts and the time budget', () => {
  test('an app that stalls past the timeout ends as request_timeout after every attempt', async () => {
    using api = startLoopbackApi(() => new Promise<Response>(() => {}));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url, timeoutMs: 100, retry: { ...(fast.retry as object), attempts: 2 } });
    const { result: error, ms } = await timed(() => failure(client.get('/users')));
    expect(error.code).toBe('request_timeout');
    expect(error.message).toContain('no answer within 100 ms');
    expect(error.message).toContain('after 2 attempts');
    expect(api.hits.get('/users')).toBe(2);
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(1000);
  });

  test('a body that stalls after the headers times out too', async () => {
    using api = startLoopbackApi(
      () =>
        new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('[1,')) }), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = createHttpClient(args, { ...fast, baseUrl: api.url, timeoutMs: 100, retry: false });
    expect(await failure(client.get('/users'))).toMatchObject({ code: 'request_timeout', message: expect.stringContaining('after 1 attempt') });
  });

  test('the budget bounds the whole call, waits and attempts included', async () => {
    using api = startLoopbackApi(() => new Promise<Response>(() => {}));
    const client = createHttpClient(args, { baseUrl: api.url, timeoutMs: 5000, retry: { budgetMs: 300 } });
    const { result: error, ms } = await timed(() => failure(client.get('/users')));
    expect(error.code).toBe('request_timeout');
    expect(error.message).toContain("the call's time budget ran out");
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(800);
  });

  test('a backoff that would overrun the budget stops the retries early', async () => {
    using api = startLoopbackApi(() => new Response('busy', { status: 503 }));
    const client = createHttpClient(args, { baseUrl: api.url, retry: { budgetMs: 300, baseDelayMs: 200, jitter: 0 } });
    const { result: error, ms } = await timed(() => failure(client.get('/users')));
    expect(error.code).toBe('bad_gateway');
    // Attempt 1, wait 200 ms, attempt 2, then a 400 ms wait would overrun the 300 ms budget.
    expect(error.message).toContain('after 2 attempts');
    expect(error.message).toContain('the next retry would start after 400 ms');
    expect(ms).toBeLessThan(300);
  });
});

describe('answers that are not what the connector expects', () => {
  test('invalid JSON with status 200 is api_error naming the endpoint, not retried', async () => {
    using api = startLoopbackApi(() => new Response('{"users": [', { headers: { 'content-type': 'application/json' } }));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    const error = await failure(client.get('/users', { query: { page: 2 } }));
    expect(error.code).toBe('api_error');
    expect(error.message).toStartWith(`[200][GET ${api.url}/users] The app answered with invalid JSON (`);
    expect(error.message).toEndWith('The answer starts with: {"users": [');
    expect(api.hits.get('/users')).toBe(1);
  });

  test('an HTML page with status 200 is api_error', async () => {
    using api = startLoopbackApi(
      () => new Response('<!DOCTYPE html><html><body>Sign in</body></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
    );
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    const error = await failure(client.get('/users'));
    expect(error.code).toBe('api_error');
    expect(error.message).toContain(`[200][GET ${api.url}/users] The app answered with an HTML page (text/html) instead of JSON`);
    expect(error.message).toContain('Sign in');
  });

  test('an answer that fails the schema names the endpoint and the offending path', async () => {
    using api = startLoopbackApi(() =>
      Response.json({
        users: [
          { id: '1', email: 'a@acme.test' },
          { id: '2', email: null },
        ],
      }),
    );
    const client = createHttpClient(args, { baseUrl: api.url });
    const Users = v.object({ users: v.array(v.object({ id: v.string(), email: v.string() })) });
    const error = await failure(client.get('/users', { query: { limit: 2 }, schema: Users }));
    expect(error.code).toBe('api_error');
    expect(error.message).toBe(
      `The app's answer to GET ${api.url}/users does not match what the connector expects: body.users[1].email: expected string, received null. The app's API may have changed, or the base URL points at something else.`,
    );
  });

  test('a valid answer comes back typed', async () => {
    using api = startLoopbackApi(() => Response.json({ users: [{ id: '1' }] }));
    const client = createHttpClient(args, { baseUrl: api.url });
    const users = await client.get('/users', { schema: v.object({ users: v.array(v.object({ id: v.string() })) }) });
    expect(users.users[0]!.id).toBe('1');
  });
});

describe('the client', () => {
  test('sends the credential the way the app wants it', async () => {
    using api = startLoopbackApi((request) => Response.json(Object.fromEntries(request.headers)));
    const both = {
      auth: null,
      credentials: [{ token: { token: 'tok-abcdef' } }, { basic: { username: 'ann', password: 'pw-abcdef' } }, { oauth: { access_token: 'at-abcdef' } }],
    };
    const header = async (options: HttpClientOptions, name: string) =>
      ((await createHttpClient(both, { baseUrl: api.url, ...options }).get('/me')) as Record<string, string>)[name];
    expect(await header({ auth: { kind: 'bearer' } }, 'authorization')).toBe('Bearer tok-abcdef');
    expect(await header({ auth: { kind: 'token', scheme: 'SSWS' } }, 'authorization')).toBe('SSWS tok-abcdef');
    expect(await header({ auth: { kind: 'api_key', header: 'X-API-Key' } }, 'x-api-key')).toBe('tok-abcdef');
    expect(await header({ auth: { kind: 'basic' } }, 'authorization')).toBe(`Basic ${btoa('ann:pw-abcdef')}`);
    expect(await header({ auth: { kind: 'oauth' } }, 'authorization')).toBe('Bearer at-abcdef');
    expect(await header({ headers: { 'user-agent': 'acme-connector/1.0' } }, 'user-agent')).toBe('acme-connector/1.0');
  });

  test('joins the base URL and path, adds the query, and sends JSON', async () => {
    using api = startLoopbackApi(async (request, _hit, url) =>
      Response.json({ path: url.pathname, search: url.search, type: request.headers.get('content-type'), body: await request.json() }),
    );
    const client = createHttpClient(args, { baseUrl: `${api.url}/api/v1/` });
    expect(await client.post('/users', { query: { tag: ['a', 'b'], skip: undefined, n: 1 }, body: { name: 'Ann' } })).toEqual({
      path: '/api/v1/users',
      search: '?tag=a&tag=b&n=1',
      type: 'application/json',
      body: { name: 'Ann' },
    });
  });

  test('assumes https:// for a base URL without a scheme, and rejects a base URL that is not http(s)', () => {
    expect(createHttpClient(args, { baseUrl: 'acme.okta.com' }).url('/api/v1/users')).toBe('https://acme.okta.com/api/v1/users');
    expect(() => createHttpClient(args, { baseUrl: 'ftp://acme.test' })).toThrow('is not an http(s) URL');
  });

  test('limits concurrency across the parallel requests of a call', async () => {
    using api = startLoopbackApi(async () => {
      await Bun.sleep(10);
      return Response.json({});
    });
    const client = createHttpClient(args, { baseUrl: api.url, limiter: { concurrency: 3 } });
    await Promise.all(Array.from({ length: 15 }, (_, index) => client.get(`/item/${index}`)));
    expect(api.inFlight.peak).toBe(3);
  });

  test('keeps to a requests-per-window budget', async () => {
    using api = startLoopbackApi(() => Response.json({}));
    const client = createHttpClient(args, { baseUrl: api.url, limiter: { requestsPerWindow: 4, windowMs: 100 } });
    const { ms } = await timed(() => Promise.all(Array.from({ length: 9 }, () => client.get('/x'))));
    // Four now, four after one window, one after two.
    expect(ms).toBeGreaterThanOrEqual(195);
    expect(ms).toBeLessThan(600);
  });

  test('records raw answers only when include_raw_data is true', async () => {
    using api = startLoopbackApi((_request, _hit, url) => Response.json({ path: url.pathname }));
    const off = createHttpClient(args, { baseUrl: api.url });
    await off.get('/a');
    expect(off.rawData()).toBeNull();
    const on = createHttpClient({ ...args, include_raw_data: true }, { baseUrl: api.url });
    await on.get('/a', { query: { access_token: 'zzz', q: 1 } });
    await on.get('/b');
    expect(on.rawData()).toEqual({
      responses: [
        { method: 'GET', url: `${api.url}/a?access_token=REDACTED&q=1`, status: 200, body: { path: '/a' } },
        { method: 'GET', url: `${api.url}/b`, status: 200, body: { path: '/b' } },
      ],
    });
  });
});
