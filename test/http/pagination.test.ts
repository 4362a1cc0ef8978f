import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { dispatch } from '../../src/dispatch/dispatch.ts';
import { ConnectorError } from '../../src/errors/connector-error.ts';
import {
  createHttpClient,
  encodePageToken,
  fetchCursorPage,
  fetchLinkPage,
  fetchOffsetPage,
  fetchPageNumberPage,
  openPage,
  walkPages,
  type HttpClient,
  type PageResult,
  type RequestedPage,
} from '../../src/http/index.ts';
import { createIntegration } from '../../src/integration/create-integration.ts';
import { startLoopbackApi } from './helpers/loopback-api.ts';

const users = Array.from({ length: 23 }, (_, index) => ({ id: `u${String(index + 1).padStart(2, '0')}` }));
const groups = Array.from({ length: 5 }, (_, index) => ({ id: `g${index + 1}` }));
const User = v.object({ id: v.string() });
const args = { auth: { token: { token: 'tok-page-123456' } }, credentials: null, settings: {}, include_raw_data: false };

/** A fake vendor API with one endpoint per pagination style, capped at 10 items per page like many apps. */
function startPagedApi() {
  const cap = (value: string | null) => Math.min(10, Number(value ?? 10));
  return startLoopbackApi((request, _hit, url) => {
    const q = url.searchParams;
    switch (url.pathname) {
      case '/link/users': {
        const limit = cap(q.get('limit'));
        const start = q.has('after') ? users.findIndex((user) => user.id === q.get('after')) + 1 : 0;
        const page = users.slice(start, start + limit);
        const headers = new Headers({ link: `<${url.origin}/link/users?limit=${limit}>; rel="self"` });
        if (start + limit < users.length) headers.append('link', `<${url.origin}/link/users?after=${page.at(-1)!.id}&limit=${limit}>; rel="next"`);
        return Response.json(page, { headers });
      }
      case '/cursor/users': {
        const start = Number(q.get('cursor') ?? 0);
        const limit = cap(q.get('limit'));
        return Response.json({ users: users.slice(start, start + limit), next_cursor: start + limit < users.length ? String(start + limit) : null });
      }
      case '/offset/users': {
        const offset = Number(q.get('offset'));
        return Response.json({ items: users.slice(offset, offset + cap(q.get('limit'))), total: users.length });
      }
      case '/pages/users': {
        const size = cap(q.get('per_page'));
        const page = Number(q.get('page'));
        return Response.json({ data: users.slice((page - 1) * size, page * size), total_pages: Math.ceil(users.length / size) });
      }
      case '/loop/users': {
        // A broken app: after the first page it hands out the same cursor for ever.
        return Response.json({ users: users.slice(0, 2), next_cursor: q.has('cursor') ? 'stuck' : 'first' });
      }
      case '/groups':
        return Response.json({
          groups: groups.slice(Number(q.get('cursor') ?? 0), Number(q.get('cursor') ?? 0) + 2),
          next: Number(q.get('cursor') ?? 0) + 2 < groups.length ? Number(q.get('cursor') ?? 0) + 2 : null,
        });
      case '/roles':
        return Response.json({
          items: [{ id: 'r1' }, { id: 'r2' }, { id: 'r3' }].slice(Number(q.get('offset')), Number(q.get('offset')) + Number(q.get('limit'))),
          total: 3,
        });
      default:
        return new Response(`no ${request.url}`, { status: 404 });
    }
  });
}

/** Walks a list the way the agent does: one call per page, nothing kept between calls but the token. */
async function walkAsAgent<T>(
  size: number | undefined,
  call: (page: RequestedPage) => Promise<{ items: T[]; page: { token: string; size: number } | null }>,
): Promise<{ items: T[]; calls: number }> {
  const items: T[] = [];
  let page: RequestedPage = size === undefined ? {} : { size };
  for (let calls = 1; calls < 100; calls++) {
    const result = await call(page);
    items.push(...result.items);
    if (result.page === null) return { items, calls };
    page = result.page;
  }
  throw new Error('the list did not end');
}

const styles: Record<string, (client: HttpClient, position: { size: number; cursor: string | number | null }) => Promise<PageResult<{ id: string }>>> = {
  link: (client, position) => fetchLinkPage(client, position, { path: '/link/users', schema: v.array(User) }),
  cursor: (client, position) =>
    fetchCursorPage(client, position, {
      path: '/cursor/users',
      schema: v.object({ users: v.array(User), next_cursor: v.nullable(v.string()) }),
      items: (d) => d.users,
      nextCursor: (d) => d.next_cursor,
    }),
  offset: (client, position) =>
    fetchOffsetPage(client, position, {
      path: '/offset/users',
      schema: v.object({ items: v.array(User), total: v.number() }),
      items: (d) => d.items,
      total: (d) => d.total,
    }),
  'page-number': (client, position) =>
    fetchPageNumberPage(client, position, {
      path: '/pages/users',
      schema: v.object({ data: v.array(User), total_pages: v.number() }),
      items: (d) => d.data,
      totalPages: (d) => d.total_pages,
    }),
};

describe.each(Object.keys(styles))('%s pagination through page tokens', (style) => {
  test.each([1, 7, 10, 500, undefined])('walks every item exactly once at page size %p', async (size) => {
    using api = startPagedApi();
    const { items, calls } = await walkAsAgent(size, async (page) => {
      const client = createHttpClient(args, { baseUrl: api.url });
      const position = openPage(page, { list: 'accounts', maxSize: 10 });
      const { items, next } = await styles[style]!(client, position);
      return { items, page: position.next(next) };
    });
    expect(items).toEqual(users);
    const effective = Math.min(size ?? 10, 10);
    expect(calls).toBe(Math.ceil(users.length / effective));
    // page.size is respected and bounded by maxSize in every upstream request.
    for (const request of api.requests) expect(request.search).toMatch(new RegExp(`(limit|per_page)=${effective}(&|$)`));
  });
});

describe('pagination faults', () => {
  test('a repeated upstream cursor ends with api_error instead of an endless sync', async () => {
    using api = startPagedApi();
    let calls = 0;
    const walk = walkAsAgent(2, async (page) => {
      calls += 1;
      const client = createHttpClient(args, { baseUrl: api.url });
      const position = openPage(page, { list: 'accounts' });
      const { items, next } = await fetchCursorPage(client, position, {
        path: '/loop/users',
        schema: v.object({ users: v.array(User), next_cursor: v.string() }),
        items: (d) => d.users,
        nextCursor: (d) => d.next_cursor,
      });
      return { items, page: position.next(next) };
    });
    await expect(walk).rejects.toMatchObject({ code: 'api_error', message: expect.stringContaining('already returned') });
    // first page → 'first'; 'first' → 'stuck'; 'stuck' → 'stuck' again: caught on the third call.
    expect(calls).toBe(3);
  });

  test('a forged Link token pointing at another host is invalid_page_token, and nothing is sent', async () => {
    using api = startPagedApi();
    const client = createHttpClient(args, { baseUrl: api.url });
    const token = encodePageToken({ list: 'accounts', cursors: { accounts: { cursor: 'https://attacker.test/steal', seen: [] } } });
    const position = openPage({ token }, { list: 'accounts' });
    await expect(styles['link']!(client, position)).rejects.toMatchObject({ code: 'invalid_page_token' });
    expect(api.requests).toHaveLength(0);
  });

  test('an offset token given to a cursor list of another style is invalid_page_token', async () => {
    using api = startPagedApi();
    const client = createHttpClient(args, { baseUrl: api.url });
    const token = encodePageToken({ list: 'accounts', cursors: { accounts: { cursor: 'abc', seen: [] } } });
    await expect(styles['offset']!(client, openPage({ token }, { list: 'accounts' }))).rejects.toBeInstanceOf(ConnectorError);
  });

  test('a list over two endpoints carries one cursor per endpoint and walks both', async () => {
    using api = startPagedApi();
    const { items, calls } = await walkAsAgent(2, async (page) => {
      const client = createHttpClient(args, { baseUrl: api.url });
      const position = openPage(page, { list: 'entitlements', endpoints: ['groups', 'roles'] });
      const result =
        position.endpoint === 'groups'
          ? await fetchCursorPage(client, position, {
              path: '/groups',
              schema: v.object({ groups: v.array(User), next: v.nullable(v.number()) }),
              items: (d) => d.groups,
              nextCursor: (d) => d.next,
            })
          : await fetchOffsetPage(client, position, {
              path: '/roles',
              schema: v.object({ items: v.array(User), total: v.number() }),
              items: (d) => d.items,
              total: (d) => d.total,
            });
      return { items: result.items, page: position.next(result.next) };
    });
    expect(items.map((item) => item.id)).toEqual(['g1', 'g2', 'g3', 'g4', 'g5', 'r1', 'r2', 'r3']);
    expect(calls).toBe(5);
  });

  test('walkPages reads a whole upstream list within one call', async () => {
    using api = startPagedApi();
    const client = createHttpClient(args, { baseUrl: api.url });
    const all: { id: string }[] = [];
    for await (const page of walkPages((cursor) => styles['link']!(client, { size: 10, cursor }))) all.push(...page);
    expect(all).toEqual(users);
  });
});

describe('through dispatch, as the connector runs', () => {
  const integration = createIntegration({
    appId: 'paged',
    version: '1.0.0',
    description: { userFriendlyName: 'Paged', categories: ['DEVELOPERS'] },
    auth: 'token',
    settings: v.object({ base_url: v.string() }),
  }).register('list_accounts', async (args) => {
    const client = createHttpClient(args, { baseUrl: args.settings.base_url, auth: { kind: 'bearer' } });
    const position = openPage(args.page, { list: 'accounts', maxSize: 10 });
    const { items, next } = await fetchLinkPage(client, position, { path: '/link/users', schema: v.array(User) });
    return { response: items.map((user) => ({ integration_specific_id: user.id })), page: position.next(next), raw_data: client.rawData() };
  });

  test('pages, then a foreign token answers invalid_page_token in the envelope', async () => {
    using api = startPagedApi();
    const request = (page: RequestedPage) =>
      JSON.stringify({ auth: { token: { token: 'tok-page-123456' } }, settings: { base_url: api.url }, request: {}, page, include_raw_data: true });
    const first = await dispatch(integration, 'list_accounts', request({ size: 20 }));
    expect(first.ok).toBe(true);
    const envelope = first.envelope as { response: unknown[]; page: { token: string; size: number }; raw_data: { responses: unknown[] } };
    expect(envelope.response).toHaveLength(10);
    expect(envelope.page.size).toBe(10);
    expect(envelope.raw_data.responses).toHaveLength(1);
    const foreign = encodePageToken({ list: 'groups', cursors: { groups: { cursor: 'x', seen: [] } } });
    const refused = await dispatch(integration, 'list_accounts', request({ token: foreign }));
    expect(refused).toMatchObject({ ok: false, envelope: { error: { error_code: 'invalid_page_token' } } });
    const garbage = await dispatch(integration, 'list_accounts', request({ token: 'not a token!' }));
    expect(garbage).toMatchObject({ ok: false, envelope: { error: { error_code: 'invalid_page_token' } } });
  });
});
