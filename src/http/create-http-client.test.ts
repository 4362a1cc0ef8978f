import { expect, test } from 'bun:test';
import * as v from 'valibot';
import { createHttpClient } from './create-http-client.ts';

test('allowStatus returns an error answer with a schema given: the schema checks success answers only', async () => {
  using server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => (new URL(request.url).pathname === '/users/1' ? Response.json({ id: '1' }) : Response.json({ detail: 'gone' }, { status: 404 })),
  });
  const client = createHttpClient({ auth: null, credentials: null }, { baseUrl: `http://127.0.0.1:${server.port}`, retry: false, proxy: false });
  const User = v.object({ id: v.string() });
  expect(await client.request('/users/9', { schema: User, allowStatus: [404] })).toMatchObject({ status: 404, data: { detail: 'gone' } });
  expect(await client.request('/users/1', { schema: User, allowStatus: [404] })).toMatchObject({ status: 200, data: { id: '1' } });
  // A success answer that does not match is still refused.
  expect(client.request('/users/1', { schema: v.object({ id: v.number() }), allowStatus: [404] })).rejects.toMatchObject({ code: 'api_error' });
});
