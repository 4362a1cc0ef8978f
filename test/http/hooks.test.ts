import { describe, expect, test } from 'bun:test';
import { ConnectorError } from '../../src/errors/connector-error.ts';
import { createHttpClient, type HttpErrorAnswer } from '../../src/http/index.ts';
import { startLoopbackApi } from './helpers/loopback-api.ts';

const token = 'tok-hooks-5e8a21c9';
const args = { auth: { token: { token } }, credentials: null, settings: {}, include_raw_data: false };

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('requestBody: content type and serialiser', () => {
  test('a plain object goes out once encoded, with the content type asked for; a request header still wins', async () => {
    using api = startLoopbackApi(() => Response.json({ ok: true }));
    const client = createHttpClient(args, { baseUrl: api.url, auth: { kind: 'bearer' }, requestBody: { contentType: 'application/scim+json' } });
    await client.post('/Users', { body: { userName: 'ada', emails: [{ value: 'a@example.test' }] } });
    await client.post('/Users', { body: [1, 2], headers: { 'content-type': 'application/json' } });
    expect(api.requests.map((request) => [request.headers.get('content-type'), request.body])).toEqual([
      ['application/scim+json', '{"userName":"ada","emails":[{"value":"a@example.test"}]}'],
      ['application/json', '[1,2]'],
    ]);
  });

  test('a serialiser turns plain bodies into what is sent; strings and URLSearchParams pass untouched', async () => {
    using api = startLoopbackApi(() => Response.json({}));
    const serialize = (body: unknown) =>
      Object.entries(body as Record<string, string>)
        .map(([key, value]) => `${key}=${value}`)
        .join(';');
    const client = createHttpClient(args, { baseUrl: api.url, auth: { kind: 'bearer' }, requestBody: { contentType: 'text/x-pairs', serialize } });
    await client.put('/a', { body: { a: '1', b: '2' } });
    await client.post('/b', { body: 'as it is', headers: { 'content-type': 'text/plain' } });
    await client.post('/c', { body: new URLSearchParams({ q: 'x y' }) });
    expect(api.requests.map((request) => [request.path, request.headers.get('content-type'), request.body])).toEqual([
      ['/a', 'text/x-pairs', 'a=1;b=2'],
      ['/b', 'text/plain', 'as it is'],
      ['/c', 'application/x-www-form-urlencoded;charset=UTF-8', 'q=x+y'],
    ]);
  });

  test('without the option, plain bodies are JSON (the default stays)', async () => {
    using api = startLoopbackApi(() => Response.json({}));
    await createHttpClient(args, { baseUrl: api.url }).patch('/x', { body: { a: 1 } });
    expect([api.requests[0]!.headers.get('content-type'), api.requests[0]!.body]).toEqual(['application/json', '{"a":1}']);
  });
});

describe("onResponseError: the app's error mapper", () => {
  const vendorError = (answer: HttpErrorAnswer) => {
    const body = answer.body as { code?: string; reason?: string };
    if (typeof body?.code !== 'string') return undefined;
    return new ConnectorError(`[${answer.status}][${answer.endpoint}] Acme says ${body.reason} (token ${token})`, 'bad_request', {
      appErrorCode: `acme.${body.code}`,
      statusCode: answer.status,
    });
  };

  test('gets status, headers, the parsed body and the endpoint; its error is thrown with the secret masked', async () => {
    const seen: HttpErrorAnswer[] = [];
    using api = startLoopbackApi(() => Response.json({ code: 'E42', reason: 'quota exceeded' }, { status: 422, headers: { 'x-request-id': 'r-1' } }));
    const client = createHttpClient(args, {
      baseUrl: api.url,
      auth: { kind: 'bearer' },
      onResponseError: (answer) => {
        seen.push(answer);
        return vendorError(answer);
      },
    });
    const error = await failure(client.post('/orders', { query: { key: token }, body: { n: 1 } }));
    expect({ message: error.message, code: error.code, appErrorCode: error.appErrorCode, statusCode: error.statusCode }).toEqual({
      message: `[422][POST ${api.url}/orders] Acme says quota exceeded (token REDACTED)`,
      code: 'bad_request',
      appErrorCode: 'acme.E42',
      statusCode: 422,
    });
    expect(seen).toHaveLength(1);
    expect({ ...seen[0], headers: seen[0]!.headers.get('x-request-id') }).toEqual({
      status: 422,
      statusText: 'Unprocessable Entity',
      headers: 'r-1',
      body: { code: 'E42', reason: 'quota exceeded' },
      endpoint: `POST ${api.url}/orders`,
      attempts: 1,
    });
  });

  test('returning nothing falls through to the default by status; allowStatus answers never reach it', async () => {
    let calls = 0;
    using api = startLoopbackApi((_request, _hit, url) =>
      url.pathname === '/gone' ? new Response('gone', { status: 404 }) : new Response('nope', { status: 403 }),
    );
    const client = createHttpClient(args, { baseUrl: api.url, onResponseError: () => void calls++ });
    const error = await failure(client.get('/private'));
    expect({ code: error.code, message: error.message }).toEqual({ code: 'permission_denied', message: `[403][GET ${api.url}/private] nope` });
    expect(await client.request('/gone', { allowStatus: [404], responseType: 'text' })).toMatchObject({ status: 404, data: 'gone' });
    expect(calls).toBe(1);
  });

  test('a retried status reaches the mapper once, with the last answer, after the retries', async () => {
    const seen: number[] = [];
    using api = startLoopbackApi((_request, hit) => Response.json({ code: 'BUSY', reason: `busy ${hit}` }, { status: 503 }));
    const client = createHttpClient(args, {
      baseUrl: api.url,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
      onResponseError: (answer) => {
        seen.push(answer.attempts);
        return vendorError(answer);
      },
    });
    const error = await failure(client.get('/busy'));
    expect({ seen, hits: api.hits.get('/busy'), message: error.message }).toEqual({
      seen: [3],
      hits: 3,
      message: `[503][GET ${api.url}/busy] Acme says busy 3 (token REDACTED)`,
    });
  });
});

test('the kit calls globalThis.fetch when it sends, not a fetch captured when it was imported', async () => {
  using api = startLoopbackApi(() => Response.json({ from: 'server' }));
  const client = createHttpClient(args, { baseUrl: api.url, auth: { kind: 'bearer' } });
  const original = globalThis.fetch;
  const recorded: string[] = [];
  globalThis.fetch = Object.assign(
    async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      recorded.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return Response.json({ from: 'replay' });
    },
    { preconnect: original.preconnect },
  ) as typeof fetch;
  try {
    expect(await client.post('/users', { body: { a: 1 } })).toEqual({ from: 'replay' });
  } finally {
    globalThis.fetch = original;
  }
  expect(recorded).toEqual([`POST ${api.url}/users`]);
  expect(api.requests).toHaveLength(0);
  expect(await client.get('/users')).toEqual({ from: 'server' });
});
