// HTTP record and replay: a connector built on the HTTP kit records a loopback API's answers once,
// the cassette holds no secret of the request, and replay serves it offline — failing loudly on
// any request that was not recorded.
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { createIntegration, secret } from '../../src/index.ts';
import { createHttpClient } from '../../src/http/index.ts';
import { connectorHarness, HarnessError, recordHttp, withHttpCassette } from '../../src/testing/index.ts';
import { tempDir } from '../contract/helpers.ts';

const token = 'cassette-bearer-token-9f8e7d';
const apiKey = 'cassette-api-key-1a2b3c';
const people = ['ada', 'alan', 'grace', 'edsger', 'barbara'];

/** A loopback API: bearer auth, an API key in the query, a session cookie, and two people a page. */
function startApi() {
  return Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      const url = new URL(request.url);
      if (request.headers.get('authorization') !== `Bearer ${token}` || url.searchParams.get('key') !== apiKey)
        return new Response('{"error":"unauthorized"}', { status: 401 });
      const page = Number(url.searchParams.get('page') ?? '0');
      const data = people.slice(page * 2, page * 2 + 2).map((name) => ({ id: name, email: `${name}@example.test` }));
      const body = { data, next: page * 2 + 2 < people.length ? page + 1 : null, issued_for: apiKey };
      return Response.json(body, { headers: { 'set-cookie': `session=${token}-session; HttpOnly`, 'x-request-id': `page-${page}` } });
    },
  });
}

const Users = v.object({ data: v.array(v.object({ id: v.string(), email: v.string() })), next: v.nullable(v.number()) });

const integration = createIntegration({
  appId: 'cassette-connector',
  version: '0.0.1',
  description: { userFriendlyName: 'Cassette Connector', categories: ['DEVELOPERS'] },
  auth: 'token',
  settings: v.object({ base_url: v.string(), api_key: v.pipe(v.string(), secret()) }),
}).register('list_accounts', async (args) => {
  const client = createHttpClient(args, { baseUrl: args.settings.base_url, auth: { kind: 'bearer' } });
  const page = args.page?.token ? Number(args.page.token) : 0;
  const users = await client.get('/users', { query: { key: args.settings.api_key, page }, schema: Users });
  return {
    response: users.data.map((user) => ({ integration_specific_id: user.id, email: user.email, user_status: 'ACTIVE' as const })),
    page: users.next === null ? null : { token: String(users.next) },
  };
});

const harnessFor = (baseUrl: string) => connectorHarness(integration, { auth: { token: { token } }, settings: { base_url: baseUrl, api_key: apiKey } });

describe('recordHttp', () => {
  test('records a walk, holds no secret of the request, and replays it offline', async () => {
    using dir = tempDir('cassette-');
    const cassette = dir.file('cassettes/list-accounts.json');
    const recorded = await (async () => {
      using api = startApi();
      await using c = harnessFor(api.url.origin);
      await using http = recordHttp({ cassette, mode: 'record', secrets: c.secrets(), scrubJsonPaths: ['data.*.email'] });
      const walked = await c.walk('list_accounts', {});
      expect(http.count).toBe(3);
      return walked;
    })();
    expect(recorded.items.map((account) => account.integration_specific_id)).toEqual(people);

    const text = readFileSync(cassette, 'utf8');
    // No secret of the recording session: the token, the API key, their encoded forms, the session cookie.
    for (const value of [token, apiKey, encodeURIComponent(apiKey), btoa(token), 'example.test']) expect(text).not.toContain(value);
    const file = JSON.parse(text);
    expect(file.interactions).toHaveLength(3);
    expect(file.interactions[0].request).toMatchObject({ method: 'GET', headers: { authorization: 'SCRUBBED' } });
    expect(file.interactions[0].request.url).toEndWith('/users?key=REDACTED&page=0');
    expect(file.interactions[0].response.headers).toMatchObject({ 'set-cookie': 'SCRUBBED', 'x-request-id': 'page-0' });
    expect(JSON.parse(file.interactions[0].response.body)).toEqual({
      data: [
        { id: 'ada', email: 'SCRUBBED' },
        { id: 'alan', email: 'SCRUBBED' },
      ],
      next: 1,
      issued_for: 'REDACTED',
    });

    // Replay with no server at all: the same walk, answered from the cassette (emails scrubbed).
    await using c = harnessFor('http://127.0.0.1:9');
    const replayed = await withHttpCassette({ cassette, secrets: c.secrets(), scrubJsonPaths: ['data.*.email'] }, () => c.walk('list_accounts', {}));
    expect(replayed.items.map((account) => account.integration_specific_id)).toEqual(people);
    expect(replayed.pages).toBe(3);
  }, 30_000);

  test('replay fails loudly on a request that was not recorded, and restores fetch', async () => {
    using dir = tempDir('cassette-');
    const cassette = dir.file('list-accounts.json');
    {
      using api = startApi();
      await using c = harnessFor(api.url.origin);
      await withHttpCassette({ cassette, mode: 'record', secrets: c.secrets() }, () => c.call('list_accounts', {}));
    }
    const realFetch = globalThis.fetch;
    await using c = harnessFor('http://127.0.0.1:9');
    const replay = recordHttp({ cassette, mode: 'replay', secrets: c.secrets() });
    const second = await c.call('list_accounts', {}, { page: { token: '1' } });
    // The connector sees a failed request (its handled error), and the replay says why.
    expect(second.ok).toBe(false);
    await expect(replay.stop()).rejects.toThrow(
      `Replay of ${cassette}: request 1 (GET /users?key=REDACTED&page=1) was not recorded: the cassette expects GET /users?key=REDACTED&page=0 here.`,
    );
    expect(globalThis.fetch).toBe(realFetch);
  }, 30_000);

  test('replay fails when a recorded request was not made', async () => {
    using dir = tempDir('cassette-');
    const cassette = dir.file('walk.json');
    {
      using api = startApi();
      await using c = harnessFor(api.url.origin);
      await withHttpCassette({ cassette, mode: 'record', secrets: c.secrets() }, () => c.walk('list_accounts', {}));
    }
    await using c = harnessFor('http://127.0.0.1:9');
    await expect(withHttpCassette({ cassette, mode: 'replay', secrets: c.secrets() }, () => c.call('list_accounts', {}))).rejects.toThrow(
      '2 recorded request(s) were not made, the first GET /users?key=REDACTED&page=1',
    );
  }, 30_000);

  test('a missing cassette in replay says how to record it', () => {
    expect(() => recordHttp({ cassette: '/nonexistent/cassette.json', mode: 'replay' })).toThrow(HarnessError);
    expect(() => recordHttp({ cassette: '/nonexistent/cassette.json', mode: 'replay' })).toThrow(
      'No cassette at /nonexistent/cassette.json: record it once against the real app with LUMOS_RECORD_HTTP=1.',
    );
  });
});
