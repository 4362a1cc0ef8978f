import { ConnectorError } from '../errors/connector-error.ts';
import type { PageResult } from './page-result.ts';
import type { UpstreamCursor } from './page-token.ts';

/** Limits of {@link walkPages}. */
export interface WalkPagesOptions {
  /** Names the walk in error messages, e.g. `members of group 42`. */
  label?: string;
  /** Stop with an error after this many pages (default 10 000). */
  maxPages?: number;
}

/**
 * Walks every page of an upstream list inside one capability call (e.g. all groups of one user),
 * yielding each page's items. A cursor seen before, or more than `maxPages` pages, ends the walk
 * with a ConnectorError `api_error` instead of looping forever.
 *
 * @example
 * for await (const groups of walkPages((cursor) => fetchLinkPage(client, { size: 200, cursor }, { path: `/users/${id}/groups`, schema: v.array(Group) }))) {
 *   entitlements.push(...groups.map(toEntitlement));
 * }
 */
export async function* walkPages<TItem>(
  fetchPage: (cursor: UpstreamCursor | null) => Promise<PageResult<TItem>>,
  options: WalkPagesOptions = {},
): AsyncGenerator<TItem[], void, undefined> {
  const label = options.label ?? 'the list';
  const maxPages = options.maxPages ?? 10_000;
  const seen = new Set<string>();
  let cursor: UpstreamCursor | null = null;
  for (let pages = 1; ; pages++) {
    const { items, next } = await fetchPage(cursor);
    yield items;
    if (next === null) return;
    const key = `${typeof next}:${next}`;
    if (seen.has(key)) {
      throw new ConnectorError(
        `The app returned a next-page cursor for ${label} that it had already returned, so paging stopped instead of looping forever.`,
        'api_error',
      );
    }
    if (pages >= maxPages)
      throw new ConnectorError(`${label} has more than ${maxPages} pages; paging stopped. Raise maxPages if the app really holds that much.`, 'api_error');
    seen.add(key);
    cursor = next;
  }
}
