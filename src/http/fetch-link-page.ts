import type * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';
import type { QueryParams } from './build-url.ts';
import type { HttpClient } from './create-http-client.ts';
import { nextLink } from './link-header.ts';
import type { PageRequest, PageResult } from './page-result.ts';

/** How an endpoint paginated by `Link` headers is read. */
export interface LinkPageOptions<TSchema extends v.GenericSchema, TItem> {
  /** The first page's path (relative to the client's base URL). */
  path: string;
  /** The schema of one answer. */
  schema: TSchema;
  /** The items of an answer (default: the answer itself, which must then be an array). */
  items?: (data: v.InferOutput<TSchema>) => TItem[];
  /** The query parameter that carries the page size on the first page (default `limit`). */
  sizeParam?: string;
  /** Other query parameters of the first page. */
  query?: QueryParams;
}

/**
 * Fetches one page of an endpoint paginated by RFC 8288 `Link: <…>; rel="next"` headers (Okta,
 * GitHub). The cursor is the next page's URL; it must stay on the base URL's origin, so a forged
 * token cannot send the credentials elsewhere.
 *
 * @example
 * const { items, next } = await fetchLinkPage(client, position, { path: '/api/v1/users', schema: v.array(OktaUser) });
 */
export async function fetchLinkPage<TSchema extends v.GenericSchema, TItem = v.InferOutput<TSchema> extends readonly (infer T)[] ? T : never>(
  client: HttpClient,
  page: PageRequest,
  options: LinkPageOptions<TSchema, TItem>,
): Promise<PageResult<TItem>> {
  const first = client.url(options.path, { ...options.query, [options.sizeParam ?? 'limit']: page.size });
  const origin = new URL(first).origin;
  let url = first;
  if (page.cursor !== null) {
    if (typeof page.cursor !== 'string' || !sameOrigin(page.cursor, origin)) {
      throw new ConnectorError(`The page token does not carry a next-page URL of ${origin}. Start the list again without a page token.`, 'invalid_page_token');
    }
    url = page.cursor;
  }
  const response = await client.request(url, { schema: options.schema });
  const data = response.data as v.InferOutput<TSchema>;
  const items = options.items ? options.items(data) : (data as TItem[]);
  const next = nextLink(response.headers.get('link'), url);
  if (next !== undefined && !sameOrigin(next, origin)) {
    throw new ConnectorError(
      `The app's next-page link of GET ${new URL(url).origin}${new URL(url).pathname} points to another origin (${new URL(next).origin}); the connector does not send credentials there.`,
      'api_error',
    );
  }
  return { items, next: next ?? null };
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
