import { expect, test } from 'bun:test';
import * as v from 'valibot';
import { createHttpClient } from './create-http-client.ts';
import { fetchPageNumberPage, type PageNumberPageOptions } from './fetch-page-number-page.ts';
import type { PageResult } from './page-result.ts';
import type { UpstreamCursor } from './page-token.ts';

const Page = v.object({ data: v.array(v.number()), per_page: v.number(), total: v.number(), next: v.nullable(v.string()) });
type Options = Omit<PageNumberPageOptions<typeof Page, number>, 'path' | 'schema' | 'items'>;

/** Walks a loopback list of `total` items that the app serves at most `cap` per page, asking for `size`; returns the items and the requests made. */
async function walk(total: number, cap: number, size: number, options: Options): Promise<{ items: number[]; requests: number }> {
  let requests = 0;
  using server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      requests += 1;
      const query = new URL(request.url).searchParams;
      const perPage = Math.min(cap, Number(query.get('per_page')));
      const page = Number(query.get('page'));
      const data = Array.from({ length: total }, (_, index) => index).slice((page - 1) * perPage, page * perPage);
      return Response.json({ data, per_page: perPage, total, next: page * perPage < total ? `/items?page=${page + 1}` : null });
    },
  });
  const client = createHttpClient({ auth: null, credentials: null }, { baseUrl: `http://127.0.0.1:${server.port}`, retry: false, proxy: false });
  const items: number[] = [];
  let cursor: UpstreamCursor | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: PageResult<number> = await fetchPageNumberPage(client, { size, cursor }, { path: '/items', schema: Page, items: (d) => d.data, ...options });
    items.push(...page.items);
    if (page.next === null) return { items, requests };
    cursor = page.next;
  }
  throw new Error('the list did not end');
}

const all = (total: number) => Array.from({ length: total }, (_, index) => index);

test('an app capping pages at 50 while 100 are asked for loses nothing without any hint: the list ends on an empty page', async () => {
  expect(await walk(120, 50, 100, {})).toEqual({ items: all(120), requests: 4 });
});

test('each proof the app offers ends the list without the extra request, and none ends it early under a cap', async () => {
  expect(await walk(120, 50, 100, { hasNext: (d) => d.next !== null })).toEqual({ items: all(120), requests: 3 });
  expect(await walk(120, 50, 100, { pageSize: (d) => d.per_page })).toEqual({ items: all(120), requests: 3 });
  expect(await walk(120, 50, 100, { totalItems: (d) => d.total, pageSize: (d) => d.per_page })).toEqual({ items: all(120), requests: 3 });
  expect(await walk(100, 50, 100, { pageSize: (d) => d.per_page })).toEqual({ items: all(100), requests: 3 });
  // With a total but not the app's page size, it may take one more request, never one fewer.
  expect((await walk(120, 50, 100, { totalItems: (d) => d.total })).items).toEqual(all(120));
  expect(await walk(120, 50, 100, { totalPages: (d) => Math.ceil(d.total / d.per_page) })).toEqual({ items: all(120), requests: 3 });
  expect(await walk(0, 50, 100, {})).toEqual({ items: [], requests: 1 });
});
