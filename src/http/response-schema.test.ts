import { expect, test } from 'bun:test';
import * as v from 'valibot';
import { fastCheckMinBytes } from '../validation/fast-check.ts';
import { createHttpClient } from './create-http-client.ts';

const User = v.object({ id: v.string(), email: v.string(), first_name: v.nullish(v.string()), active: v.boolean() });
const UsersPage = v.object({ items: v.array(User), next_cursor: v.nullable(v.string()) });

/** A loopback app answering each path with the body given for it. */
function app(bodies: Record<string, unknown>) {
  const server = Bun.serve({ port: 0, hostname: '127.0.0.1', fetch: (request) => Response.json(bodies[new URL(request.url).pathname] ?? null) });
  const client = createHttpClient({ auth: null, credentials: null }, { baseUrl: `http://127.0.0.1:${server.port}`, retry: false, proxy: false });
  return { client, origin: `http://127.0.0.1:${server.port}`, [Symbol.dispose]: () => server.stop(true) };
}

const users = Array.from({ length: 50 }, (_, index) => ({ id: `u${index}`, email: `u${index}@example.com`, first_name: index % 2 ? 'A' : null, active: true }));

test("an answer that matches the connector's schema is its data", async () => {
  using api = app({ '/users': { items: users, next_cursor: 'c50' } });
  expect((await api.client.request('/users', { schema: UsersPage })).data).toEqual({ items: users, next_cursor: 'c50' });
});

test('keys the schema does not name are dropped from the data, as valibot drops them', async () => {
  using api = app({ '/users': { items: [{ ...users[0], surprise: 1 }], next_cursor: null, meta: { total: 1 } } });
  expect((await api.client.request('/users', { schema: UsersPage })).data).toEqual({ items: [users[0]!], next_cursor: null });
});

test("a schema's transformations still run", async () => {
  using api = app({ '/count': { total: '12' } });
  const Count = v.object({ total: v.pipe(v.string(), v.transform(Number)) });
  expect((await api.client.request('/count', { schema: Count })).data).toEqual({ total: 12 });
});

test("an answer that breaks the schema is api_error naming the path, with valibot's message", async () => {
  using api = app({ '/users': { items: [users[0], { ...users[1], active: 'yes' }], next_cursor: null }, '/list': [users[0]] });
  const failure = (path: string, problem: string) => ({
    code: 'api_error',
    message: `The app's answer to GET ${api.origin}${path} does not match what the connector expects: ${problem}. The app's API may have changed, or the base URL points at something else.`,
  });
  await expect(api.client.request('/users', { schema: UsersPage })).rejects.toMatchObject(
    failure('/users', 'body.items[1].active: expected boolean, received "yes"'),
  );
  await expect(api.client.request('/list', { schema: UsersPage })).rejects.toMatchObject(
    failure('/list', 'body.items: is required but missing; body.next_cursor: is required but missing'),
  );
});

test(`a large answer (at least ${fastCheckMinBytes} bytes) takes the compiled check and gives the same data, drops and messages`, async () => {
  const many = Array.from({ length: 600 }, (_, index) => ({
    id: `u${index}`,
    email: `user.number.${index}@example.com`,
    first_name: index % 2 ? 'A' : null,
    active: true,
  }));
  const extra = many.map((user, index) => (index === 300 ? { ...user, surprise: 1 } : user));
  const broken = many.map((user, index) => (index === 450 ? { ...user, active: 'yes' } : user));
  using api = app({
    '/users': { items: many, next_cursor: 'c600' },
    '/extra': { items: extra, next_cursor: null },
    '/broken': { items: broken, next_cursor: null },
  });
  expect(JSON.stringify({ items: many, next_cursor: 'c600' }).length).toBeGreaterThanOrEqual(fastCheckMinBytes);
  expect((await api.client.request('/users', { schema: UsersPage })).data).toEqual({ items: many, next_cursor: 'c600' });
  expect(((await api.client.request('/extra', { schema: UsersPage })).data as { items: unknown[] }).items[300]).toEqual(many[300]);
  await expect(api.client.request('/broken', { schema: UsersPage })).rejects.toMatchObject({
    code: 'api_error',
    message: `The app's answer to GET ${api.origin}/broken does not match what the connector expects: body.items[450].active: expected boolean, received "yes". The app's API may have changed, or the base URL points at something else.`,
  });
});
