import type * as v from 'valibot';
import type { QueryParams } from './build-url.ts';
import type { HttpClient } from './create-http-client.ts';
import type { PageRequest, PageResult } from './page-result.ts';

/** How a cursor-paginated endpoint is read. */
export interface CursorPageOptions<TSchema extends v.GenericSchema, TItem> {
  /** The endpoint's path (relative to the client's base URL). */
  path: string;
  /** The schema of one answer. */
  schema: TSchema;
  /** The items of an answer. */
  items: (data: v.InferOutput<TSchema>) => TItem[];
  /** The next cursor, from the answer's body or headers; null, undefined or `''` at the end. */
  nextCursor: (data: v.InferOutput<TSchema>, headers: Headers) => string | number | null | undefined;
  /** The query parameter that carries the cursor (default `cursor`). */
  cursorParam?: string;
  /** The query parameter that carries the page size (default `limit`). */
  sizeParam?: string;
  /** Other query parameters. */
  query?: QueryParams;
}

/**
 * Fetches one page of an endpoint paginated by an opaque cursor (`?cursor=…&limit=…`, next cursor
 * in the body or a header).
 *
 * @example
 * const { items, next } = await fetchCursorPage(client, position, {
 *   path: '/users', schema: UsersPage, items: (page) => page.users, nextCursor: (page) => page.next_cursor,
 * });
 */
export async function fetchCursorPage<TSchema extends v.GenericSchema, TItem>(
  client: HttpClient,
  page: PageRequest,
  options: CursorPageOptions<TSchema, TItem>,
): Promise<PageResult<TItem>> {
  const query: QueryParams = { ...options.query, [options.sizeParam ?? 'limit']: page.size };
  if (page.cursor !== null) query[options.cursorParam ?? 'cursor'] = page.cursor;
  const response = await client.request(options.path, { query, schema: options.schema });
  const data = response.data as v.InferOutput<TSchema>;
  const next = options.nextCursor(data, response.headers);
  return { items: options.items(data), next: next === undefined || next === null || next === '' ? null : next };
}
