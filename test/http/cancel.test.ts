import { expect, test } from 'bun:test';
import { createHttpClient } from '../../src/http/index.ts';
import { startLoopbackApi } from './helpers/loopback-api.ts';

test('a request cancelled before it starts rejects with the reason and sends nothing', async () => {
  using api = startLoopbackApi(() => Response.json({ ok: true }));
  const client = createHttpClient({}, { baseUrl: api.url });
  const controller = new AbortController();
  controller.abort(new Error('cancelled before'));
  await expect(client.get('/a', { signal: controller.signal })).rejects.toThrow('cancelled before');
  expect(api.requests).toEqual([]);
  expect(client.limiter.stats).toEqual({ active: 0, waiting: 0, pausedUntil: 0 });
});

test('a request cancelled while it waits for a slot rejects, and the one in flight ends normally', async () => {
  const { promise: answered, resolve: answer } = Promise.withResolvers<void>();
  using api = startLoopbackApi(async () => {
    await answered;
    return Response.json({ ok: true });
  });
  const client = createHttpClient({}, { baseUrl: api.url, limiter: { concurrency: 1 } });
  const first = client.get('/first');
  const controller = new AbortController();
  const second = client.get('/second', { signal: controller.signal });
  expect(client.limiter.stats).toMatchObject({ active: 1, waiting: 1 });
  controller.abort(new Error('cancelled while waiting'));
  await expect(second).rejects.toThrow('cancelled while waiting');
  answer();
  expect(await first).toEqual({ ok: true });
  expect(api.requests.map((request) => request.path)).toEqual(['/first']);
  expect(client.limiter.stats).toEqual({ active: 0, waiting: 0, pausedUntil: 0 });
});

test('a request cancelled in flight rejects with the reason and frees its slot', async () => {
  const { promise: never } = Promise.withResolvers<Response>();
  const { promise: arrived, resolve: arrive } = Promise.withResolvers<void>();
  using api = startLoopbackApi(() => {
    arrive();
    return never;
  });
  const client = createHttpClient({}, { baseUrl: api.url });
  const controller = new AbortController();
  const call = client.get('/slow', { signal: controller.signal });
  await arrived;
  controller.abort(new Error('cancelled in flight'));
  await expect(call).rejects.toThrow('cancelled in flight');
  expect(client.limiter.stats).toEqual({ active: 0, waiting: 0, pausedUntil: 0 });
});
