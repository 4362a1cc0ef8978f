import { describe, expect, test } from 'bun:test';
import { createTransport, sendAttempt, type AttemptRequest, type Transport } from './send-attempt.ts';

interface Seen {
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A loopback server answering by path; it records what each request carried. */
function startServer(): { url: string; seen: Seen[] } & Disposable {
  const seen: Seen[] = [];
  const server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    async fetch(request) {
      const { pathname } = new URL(request.url);
      const headers = Object.fromEntries([...request.headers].filter(([name]) => ['accept', 'authorization', 'content-type', 'x-custom'].includes(name)));
      seen.push({ method: request.method, headers, body: await request.text() });
      if (pathname === '/json') return Response.json({ items: [1, 2] }, { headers: { 'x-ratelimit-remaining': '7' } });
      if (pathname === '/missing') return new Response('not here', { status: 404, statusText: 'Nope' });
      if (pathname === '/empty') return new Response(null, { status: 204 });
      if (pathname === '/moved') return new Response(null, { status: 302, headers: { location: '/json' } });
      if (pathname === '/slow') return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response('late')), 2000));
      return new Response('plain text');
    },
  });
  return { url: `http://127.0.0.1:${server.port}`, seen, [Symbol.dispose]: () => void server.stop(true) };
}

const get = (url: string, more: Partial<AttemptRequest> = {}): AttemptRequest => ({
  url,
  method: 'GET',
  headers: new Headers({ accept: 'application/json', authorization: 'Bearer tok-1', 'x-custom': 'yes' }),
  body: undefined,
  timeoutMs: 5000,
  proxy: undefined,
  ca: undefined,
  signal: undefined,
  ...more,
});

/** A transport whose no-op hook sends every request through ofetch, as before the direct path existed. */
const throughOfetch = (): Transport => createTransport({ onRequest: () => {} });

/** What an attempt's answer is, headers flattened for comparison (the date header differs between requests). */
async function answer(request: AttemptRequest, transport?: Transport): Promise<unknown> {
  const attempt = await sendAttempt(request, transport);
  if (attempt.kind !== 'response') return attempt.kind;
  const headers = Object.fromEntries([...attempt.headers].filter(([name]) => name !== 'date'));
  return { status: attempt.status, statusText: attempt.statusText, headers, text: attempt.text };
}

describe('sendAttempt without a body or hooks goes to fetch directly', () => {
  test('with the answer, and the request, that ofetch gives and sends', async () => {
    using server = startServer();
    for (const path of ['/json', '/missing', '/text']) {
      const direct = await answer(get(`${server.url}${path}`));
      expect(direct).toEqual(await answer(get(`${server.url}${path}`), throughOfetch()));
    }
    expect(await answer(get(`${server.url}/json`))).toEqual({
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'application/json;charset=utf-8', 'content-length': '15', 'x-ratelimit-remaining': '7' },
      text: '{"items":[1,2]}',
    });
    const sent = { method: 'GET', headers: { accept: 'application/json', authorization: 'Bearer tok-1', 'x-custom': 'yes' }, body: '' };
    expect(server.seen).toEqual(Array.from({ length: 7 }, () => sent));
  });

  test('the method upper-cased, as ofetch sends it', async () => {
    using server = startServer();
    await sendAttempt(get(`${server.url}/text`, { method: 'delete' }));
    await sendAttempt(get(`${server.url}/text`, { method: 'delete' }), throughOfetch());
    expect(server.seen.map((request) => request.method)).toEqual(['DELETE', 'DELETE']);
  });

  test('no body read for HEAD and 204, as ofetch reads none', async () => {
    using server = startServer();
    for (const transport of [undefined, throughOfetch()]) {
      expect(await answer(get(`${server.url}/text`, { method: 'HEAD' }), transport)).toMatchObject({ status: 200, text: '' });
      expect(await answer(get(`${server.url}/empty`), transport)).toMatchObject({ status: 204, text: '' });
    }
  });

  test("redirect: 'manual' returns the redirect; by default it is followed", async () => {
    using server = startServer();
    expect(await answer(get(`${server.url}/moved`, { redirect: 'manual' }))).toMatchObject({ status: 302, headers: { location: '/json' } });
    expect(await answer(get(`${server.url}/moved`))).toMatchObject({ status: 200, text: '{"items":[1,2]}' });
  });

  test('a timeout, a refused connection and a cancellation are told apart', async () => {
    using server = startServer();
    expect(await sendAttempt(get(`${server.url}/slow`, { timeoutMs: 50 }))).toEqual({ kind: 'timeout' });
    const port = Number(new URL(server.url).port);
    server[Symbol.dispose]();
    for (const transport of [undefined, throughOfetch()]) {
      const refused = await sendAttempt(get(`http://127.0.0.1:${port}/json`), transport);
      expect(refused.kind).toBe('network');
      expect((refused as { error: { code?: string } }).error.code).toBe('ECONNREFUSED');
    }
    const cancelled = new AbortController();
    cancelled.abort(new Error('stop'));
    const aborted = await sendAttempt(get(`http://127.0.0.1:${port}/json`, { signal: cancelled.signal }));
    expect(aborted.kind).toBe('network');
  });
});

describe('a request with a body or hooks goes through ofetch', () => {
  test("the transport's hooks run on every attempt, on one ofetch instance made on first use", async () => {
    using server = startServer();
    const calls: string[] = [];
    const transport = createTransport({ onRequest: ({ options }) => void calls.push(String(options.method)) });
    expect(transport.fetcher).toBeUndefined();
    await sendAttempt(get(`${server.url}/text`), transport);
    const fetcher = transport.fetcher;
    expect(fetcher).toBeDefined();
    await sendAttempt(get(`${server.url}/text`, { method: 'POST', body: { a: 1 } }), transport);
    expect(transport.fetcher).toBe(fetcher!);
    expect(calls).toEqual(['GET', 'POST']);
  });

  test('a plain body is sent as JSON with its content type, as before', async () => {
    using server = startServer();
    const headers = new Headers({ authorization: 'Bearer tok-1' });
    const attempt = await sendAttempt(get(`${server.url}/json`, { method: 'POST', headers, body: { a: 1 } }));
    expect(attempt).toMatchObject({ kind: 'response', status: 200 });
    expect(server.seen).toEqual([
      { method: 'POST', headers: { accept: 'application/json', authorization: 'Bearer tok-1', 'content-type': 'application/json' }, body: '{"a":1}' },
    ]);
  });
});
