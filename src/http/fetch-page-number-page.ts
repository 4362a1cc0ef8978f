import type * as v from 'valibot';
import type { QueryParams } from './build-url.ts';
import type { HttpClient } from './create-http-client.ts';
import { numericCursor, type PageRequest, type PageResult } from './page-result.ts';

/**
 * How an endpoint paginated by page number is read. Give whichever proof of the end the app offers
 * (`totalPages`, `totalItems`, `hasNext`, `pageSize`); without any, the list ends on an empty page.
 */
export interface PageNumberPageOptions<TSchema extends v.GenericSchema, TItem> {
  path: string;
  schema: TSchema;
  items: (data: v.InferOutput<TSchema>) => TItem[];
  /** The number of pages, when the app says: the list ends on the last one. */
  totalPages?: (data: v.InferOutput<TSchema>) => number | null | undefined;
  /** The number of items in the whole list, when the app says: the list ends once that many were read. */
  totalItems?: (data: v.InferOutput<TSchema>) => number | null | undefined;
  /** Whether the app says there is another page (a `next` link, `has_more`): `false` ends the list. */
  hasNext?: (data: v.InferOutput<TSchema>) => boolean | null | undefined;
  /**
   * The page size the app says it used (often capped below what was asked for): a page shorter than
   * that ends the list. A page shorter than the size *asked for* proves nothing, since apps cap it.
   */
  pageSize?: (data: v.InferOutput<TSchema>) => number | null | undefined;
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
 * only on proof: an empty page, the last of `totalPages`, `totalItems` read, `hasNext` false, or a
 * page shorter than the app's own `pageSize`. Without any of them it ends on the first empty page
 * (one request more), never on a short page: an app capping pages at 50 would otherwise lose all
 * accounts after the first 50 when asked for 100.
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
  return { items, next: endOfList(data, items.length, number - firstPage, options) ? null : number + 1 };
}

/** Whether the app proves this page (the `index`-th, from 0) is the last one. */
function endOfList<TSchema extends v.GenericSchema>(
  data: v.InferOutput<TSchema>,
  count: number,
  index: number,
  options: PageNumberPageOptions<TSchema, unknown>,
): boolean {
  if (count === 0) return true;
  const totalPages = options.totalPages?.(data);
  if (typeof totalPages === 'number') return index + 1 >= totalPages;
  const hasNext = options.hasNext?.(data);
  if (typeof hasNext === 'boolean') return !hasNext;
  const pageSize = options.pageSize?.(data);
  const totalItems = options.totalItems?.(data);
  // Pages before this one were full, at the app's own size when it says it, else at this page's size.
  if (typeof totalItems === 'number') return index * (typeof pageSize === 'number' ? pageSize : count) + count >= totalItems;
  if (typeof pageSize === 'number') return count < pageSize;
  return false;
}
