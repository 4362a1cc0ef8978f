import { describe, expect, test } from 'bun:test';
import { closedPort, startLoopbackApi } from '../../test/http/helpers/loopback-api.ts';
import { createHttpClient } from './create-http-client.ts';
import { backoffDelay, defaultRetryPolicy, isReplaySafe, refusedByLoopback, retriesStatus } from './retry-policy.ts';

describe('backoff', () => {
  test('doubles from 1 s, capped at 30 s, moved by at most 25 % either way', () => {
    const middle = [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, defaultRetryPolicy, 0.5));
    expect(middle).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(1, defaultRetryPolicy, 0)).toBe(750);
    expect(backoffDelay(1, defaultRetryPolicy, 0.999999)).toBe(1250);
    expect(backoffDelay(6, defaultRetryPolicy, 0.999999)).toBe(37_500);
  });

  test('the defaults', () => {
    expect(defaultRetryPolicy).toEqual({
      attempts: 5,
      budgetMs: 120_000,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      jitter: 0.25,
      statuses: [429, 502, 503, 504],
      unprocessedStatuses: [429],
    });
  });
});

describe('replay safety', () => {
  test('idempotent methods may be replayed; POST and PATCH only when marked', () => {
    const none = new Headers();
    for (const method of ['GET', 'head', 'PUT', 'DELETE', 'OPTIONS']) expect(isReplaySafe(method, none, undefined)).toBe(true);
    expect(isReplaySafe('POST', none, undefined)).toBe(false);
    expect(isReplaySafe('PATCH', none, undefined)).toBe(false);
    expect(isReplaySafe('POST', new Headers({ 'Idempotency-Key': 'k1' }), undefined)).toBe(true);
    expect(isReplaySafe('PATCH', none, true)).toBe(true);
    expect(isReplaySafe('GET', none, false)).toBe(false);
  });
});

describe('what is retried, per status', () => {
  const args = { auth: { token: { token: 'tok-retry-123456' } }, credentials: null };
  const fast = { auth: { kind: 'bearer' as const }, proxy: false as const, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

  test('a 429 proves the request was not processed: it is retried even for a write; a 5xx is not', () => {
    expect(retriesStatus(429, defaultRetryPolicy, false)).toBe(true);
    for (const status of [502, 503, 504]) {
      expect(retriesStatus(status, defaultRetryPolicy, false)).toBe(false);
      expect(retriesStatus(status, defaultRetryPolicy, true)).toBe(true);
    }
    expect(retriesStatus(500, defaultRetryPolicy, true)).toBe(false);
    expect(retriesStatus(429, { ...defaultRetryPolicy, unprocessedStatuses: [] }, false)).toBe(false);
  });

  test('a rate-limited POST (create_account) is sent again after Retry-After and succeeds; one answered 503 is sent once', async () => {
    using api = startLoopbackApi((_request, hit, url) =>
      hit === 1
        ? new Response('', { status: url.pathname === '/limited' ? 429 : 503, headers: { 'retry-after': '0.05' } })
        : Response.json({ id: 'u1' }, { status: 201 }),
    );
    const client = createHttpClient(args, { ...fast, baseUrl: api.url });
    expect(await client.request('/limited', { method: 'POST', body: { email: 'a@acme.test' } })).toMatchObject({ status: 201, attempts: 2 });
    expect(api.hits.get('/limited')).toBe(2);
    await expect(client.request('/busy', { method: 'POST', body: { email: 'a@acme.test' } })).rejects.toMatchObject({ code: 'bad_gateway' });
    expect(api.hits.get('/busy')).toBe(1);
  });

  test('retry: { statuses } changes what is retried', async () => {
    using api = startLoopbackApi((_request, hit) => (hit === 1 ? new Response('flaky', { status: 500 }) : Response.json([])));
    const client = createHttpClient(args, { ...fast, baseUrl: api.url, retry: { ...fast.retry, statuses: [500, 502, 503, 504] } });
    expect(await client.request('/users')).toMatchObject({ attempts: 2 });
  });

  test('a connection refused by a loopback address fails at once, without the backoff', async () => {
    const port = await closedPort();
    const client = createHttpClient(args, { auth: { kind: 'bearer' }, proxy: false, baseUrl: `http://127.0.0.1:${port}` });
    const started = performance.now();
    await expect(client.get('/users')).rejects.toMatchObject({ code: 'api_error', message: expect.stringContaining('after 1 attempt') });
    expect(performance.now() - started).toBeLessThan(900);
    expect(refusedByLoopback(`http://localhost:${port}/`, { cause: { code: 'ECONNREFUSED' } })).toBe(true);
    expect(refusedByLoopback(`http://[::1]:${port}/`, { cause: { code: 'ECONNREFUSED' } })).toBe(true);
    expect(refusedByLoopback('https://api.acme.test/', { cause: { code: 'ECONNREFUSED' } })).toBe(false);
    expect(refusedByLoopback('http://127.0.0.1/', { cause: { code: 'ECONNRESET' } })).toBe(false);
  });
});
