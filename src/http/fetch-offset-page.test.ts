import { expect, test } from 'bun:test';
import * as v from 'valibot';
import { createHttpClient } from './create-http-client.ts';
import { fetchOffsetPage } from './fetch-offset-page.ts';
import type { UpstreamCursor } from './page-token.ts';
import type { PageResult } from './page-result.ts';

const Page = v.object({ items: v.array(v.number()), total: v.number() });

/** Walks a loopback list of `total` items counted from `start` (as SCIM's startIndex counts from 1) in pages of `size`. */
async function walk(start: number, total: number, size: number): Promise<number[]> {
  using server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    fetch(request) {
      const query = new URL(request.url).searchParams;
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      const items = Array.from({ length: total }, (_, index) => index + start).filter((item) => item >= offset && item < offset + limit);
      return Response.json({ items, total });
    },
  });
  const client = createHttpClient({ auth: null, credentials: null }, { baseUrl: `http://127.0.0.1:${server.port}`, retry: false, proxy: false });
  const seen: number[] = [];
  let cursor: UpstreamCursor | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page: PageResult<number> = await fetchOffsetPage(
      client,
      { size, cursor },
      { path: '/items', schema: Page, items: (data) => data.items, total: (data) => data.total, start },
    );
    seen.push(...page.items);
    if (page.next === null) return seen;
    cursor = page.next;
  }
  throw new Error('the list did not end');
}

test('offsets counted from 0 or from 1 reach the last item with total given, whatever the page size', async () => {
  for (const size of [1, 2, 3, 7]) {
    expect(await walk(0, 23, size)).toEqual(Array.from({ length: 23 }, (_, index) => index));
    expect(await walk(1, 23, size)).toEqual(Array.from({ length: 23 }, (_, index) => index + 1));
  }
});
