import { ConnectorError } from '../errors/connector-error.ts';
import { decodePageToken, encodePageToken, type UpstreamCursor } from './page-token.ts';

/** How a paginated capability reads its page. */
export interface OpenPageOptions {
  /** Names the list, e.g. `accounts`; a token of another list is refused. */
  list: string;
  /** The upstream endpoints the list walks, in order; defaults to one endpoint named after the list. */
  endpoints?: readonly string[];
  /** The page size when the request gives none (default 100). */
  defaultSize?: number;
  /** The largest page size asked of the app (default 1000); set it to the app's own maximum. */
  maxSize?: number;
  /** How many earlier cursors per endpoint the token remembers to detect a loop (default 8). */
  history?: number;
}

/** Where a paginated capability stands: the page size, the endpoint and the upstream cursor to fetch. */
export interface PagePosition {
  /** The page size, from `page.size`, bounded to 1…`maxSize`. */
  size: number;
  /** The endpoint to fetch from. */
  endpoint: string;
  /** The upstream cursor to ask for; `null` on the endpoint's first page. */
  cursor: UpstreamCursor | null;
  /**
   * The wire `page` to return: `cursor` is the upstream cursor of the next page, or null/undefined
   * when the endpoint has no more (the list then moves to its next endpoint, or ends with `null`).
   * A cursor the app already returned ends the list with a ConnectorError `api_error`.
   */
  next(cursor: UpstreamCursor | null | undefined): { token: string; size: number } | null;
}

/** The wire `page` of a request, as a handler receives it. */
export interface RequestedPage {
  token?: string | null | undefined;
  size?: number | null | undefined;
}

/**
 * Reads the request's `page` into a position: which endpoint and upstream cursor to fetch, and
 * how many items. A malformed or foreign token is a ConnectorError `invalid_page_token`.
 *
 * @example
 * const position = openPage(args.page, { list: 'accounts', maxSize: 200 });
 * const { items, next } = await fetchCursorPage(client, position, { path: '/users', schema: UsersPage, items: (d) => d.users, nextCursor: (d) => d.next });
 * return { response: items.map(toAccount), page: position.next(next) };
 */
export function openPage(page: RequestedPage | null | undefined, options: OpenPageOptions): PagePosition {
  const { list } = options;
  const endpoints = options.endpoints ?? [list];
  if (endpoints.length === 0) throw new TypeError('openPage needs at least one endpoint.');
  const maxSize = options.maxSize ?? 1000;
  const history = options.history ?? 8;
  const requested = page?.size;
  const size = Math.min(maxSize, Math.max(1, Math.trunc(requested ?? options.defaultSize ?? Math.min(100, maxSize))));
  const state = decodePageToken(page?.token, list);
  const entries = Object.entries(state.cursors);
  let endpoint = endpoints[0]!;
  let cursor: UpstreamCursor | null = null;
  let seen: string[] = [];
  if (page?.token) {
    const entry = entries[0];
    if (entry === undefined || entries.length > 1 || !endpoints.includes(entry[0])) {
      const named = entry === undefined ? 'no endpoint' : `'${entries.map(([name]) => name).join("', '")}'`;
      throw new ConnectorError(
        `The page token of the list '${list}' names ${named}, not one of '${endpoints.join("', '")}'. Start the list again without a page token.`,
        'invalid_page_token',
      );
    }
    // Index reads rather than destructuring, which goes through the iterator protocol (cold, once per page process).
    endpoint = entry[0];
    cursor = entry[1].cursor;
    seen = entry[1].seen;
  }
  return {
    size,
    endpoint,
    cursor,
    next(nextCursor) {
      if (nextCursor == null) {
        const following = endpoints[endpoints.indexOf(endpoint) + 1];
        if (following === undefined) return null;
        return { token: encodePageToken({ list, cursors: { [following]: { cursor: null, seen: [] } } }), size };
      }
      const mark = cursorFingerprint(nextCursor);
      const current = cursor === null ? undefined : cursorFingerprint(cursor);
      if (mark === current || seen.includes(mark)) {
        throw new ConnectorError(
          `The app returned a next-page cursor for '${endpoint}' that it had already returned earlier in the list '${list}', so paging stopped instead of looping forever. The app's pagination is inconsistent: retry the sync later, or report it to the app's vendor.`,
          'api_error',
        );
      }
      const remembered = current === undefined ? seen : seen.concat(current).slice(-history);
      return { token: encodePageToken({ list, cursors: { [endpoint]: { cursor: nextCursor, seen: remembered } } }), size };
    },
  };
}

/** A short, stable fingerprint of a cursor, so the token remembers cursors without growing with them. */
export function cursorFingerprint(cursor: UpstreamCursor): string {
  return Bun.hash(`${typeof cursor}:${cursor}`).toString(36);
}
