import type * as v from 'valibot';
import type { QueryParams } from './build-url.ts';
import type { HttpClient } from './create-http-client.ts';
import { numericCursor, type PageRequest, type PageResult } from './page-result.ts';

/** How an offset-paginated endpoint is read. */
export interface OffsetPageOptions<TSchema extends v.GenericSchema, TItem> {
  path: string;
  schema: TSchema;
  items: (data: v.InferOutput<TSchema>) => TItem[];
  /** The total number of items, when the app says; without it a short page ends the list. */
  total?: (data: v.InferOutput<TSchema>) => number | null | undefined;
  /** The query parameter of the offset (default `offset`). */
  offsetParam?: string;
  /** The query parameter of the page size (default `limit`). */
  sizeParam?: string;
  /** The first offset (default 0; some apps count from 1). */
  start?: number;
  query?: QueryParams;
}

/**
 * Fetches one page of an endpoint paginated by offset (`?offset=200&limit=100`). The list ends on
 * an empty page, when `total` is reached, or (without `total`) on a page shorter than asked for —
 * so set `maxSize` in {@link openPage} to the app's own maximum page size.
 */
export async function fetchOffsetPage<TSchema extends v.GenericSchema, TItem>(
  client: HttpClient,
  page: PageRequest,
  options: OffsetPageOptions<TSchema, TItem>,
): Promise<PageResult<TItem>> {
  const start = options.start ?? 0;
  const offset = numericCursor(page.cursor, start, 'an offset');
  const query = { ...options.query, [options.offsetParam ?? 'offset']: offset, [options.sizeParam ?? 'limit']: page.size };
  const data = (await client.request(options.path, { query, schema: options.schema })).data as v.InferOutput<TSchema>;
  const items = options.items(data);
  const total = options.total?.(data);
  const after = offset + items.length;
  // `total` counts items, `after` is an offset: with offsets counted from 1, item `total` sits at offset `total`.
  const more = items.length > 0 && (typeof total === 'number' ? after - start < total : items.length >= page.size);
  return { items, next: more ? after : null };
}
