import { fetchCursorPage, fetchOffsetPage, type PageRequest, type PageResult, type QueryParams } from 'lumos-connector-sdk/http';
import type * as v from 'valibot';
import { ListResponse } from './list-response.ts';
import type { ScimClient } from './scim-client.ts';
import { pagingMode } from './service-provider-config.ts';

/** Which list to read and how. */
export interface ScimPageOptions<TItem extends v.GenericSchema> {
  /** `/Users` or `/Groups`. */
  path: string;
  /** The schema of one resource. */
  item: TItem;
  /** filter, attributes, excludedAttributes. */
  query?: QueryParams;
}

/**
 * Fetches one page of a SCIM list. The first page pages by RFC 9865 cursor when the server's
 * ServiceProviderConfig advertises it, else by `startIndex` (counted from 1) and `count`; later
 * pages go on the way the first went (a string cursor is a SCIM cursor, a number a startIndex), so
 * the configuration is read once per list.
 */
export async function fetchScimPage<TItem extends v.GenericSchema>(
  client: ScimClient,
  page: PageRequest,
  options: ScimPageOptions<TItem>,
): Promise<PageResult<v.InferOutput<TItem>>> {
  const mode = page.cursor === null ? pagingMode(await client.serviceProviderConfig()) : typeof page.cursor === 'string' ? 'cursor' : 'index';
  const schema = ListResponse(options.item);
  const items = (data: v.InferOutput<typeof schema>) => data.Resources as v.InferOutput<TItem>[];
  if (mode === 'cursor') {
    // An empty `cursor` asks for the first page by cursor (RFC 9865 §2.1).
    return fetchCursorPage(client, page, {
      path: options.path,
      schema,
      items,
      nextCursor: (data) => data.nextCursor,
      cursorParam: 'cursor',
      sizeParam: 'count',
      query: { ...options.query, cursor: '' },
    });
  }
  return fetchOffsetPage(client, page, {
    path: options.path,
    schema,
    items,
    total: (data) => data.totalResults,
    offsetParam: 'startIndex',
    sizeParam: 'count',
    start: 1,
    ...(options.query === undefined ? {} : { query: options.query }),
  });
}
