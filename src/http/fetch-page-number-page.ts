import type * as v from 'valibot';
import type { QueryParams } from './build-url.ts';
import type { HttpClient } from './create-http-client.ts';
import { numericCursor, type PageRequest, type PageResult } from './page-result.ts';

/** How an endpoint paginated by page number is read. */
export interface PageNumberPageOptions<TSchema extends v.GenericSchema, TItem> {
  path: string;
  schema: TSchema;
  items: (data: v.InferOutput<TSchema>) => TItem[];
  /** The number of pages, when the app says; without it a short page ends the list. */
  totalPages?: (data: v.InferOutput<TSchema>) => number | null | undefined;
  /** The query parameter of the page number (default `page`). */
  pageParam?: string;
  /** The query parameter of the page size (default `per_page`). */
  sizeParam?: string;
  /** The first page's number (default 1). */
  firstPage?: number;
  query?: QueryParams;
}

/**
 * Fetches one page of an endpoint paginated by page number (`?page=3&per_page=100`). The list ends
 * on an empty page, at `totalPages`, or (without it) on a page shorter than asked for.
 */
export async function fetchPageNumberPage<TSchema extends v.GenericSchema, TItem>(
  client: HttpClient,
  page: PageRequest,
  options: PageNumberPageOptions<TSchema, TItem>,
): Promise<PageResult<TItem>> {
  const firstPage = options.firstPage ?? 1;
  const number = numericCursor(page.cursor, firstPage, 'a page number');
  const query = { ...options.query, [options.pageParam ?? 'page']: number, [options.sizeParam ?? 'per_page']: page.size };
  const data = (await client.request(options.path, { query, schema: options.schema })).data as v.InferOutput<TSchema>;
  const items = options.items(data);
  const totalPages = options.totalPages?.(data);
  const more = items.length > 0 && (typeof totalPages === 'number' ? number < firstPage + totalPages - 1 : items.length >= page.size);
  return { items, next: more ? number + 1 : null };
}
