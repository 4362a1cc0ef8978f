import { ConnectorError } from '../errors/connector-error.ts';
import type { UpstreamCursor } from './page-token.ts';

/** What a page fetch needs from a {@link PagePosition}: the page size and the upstream cursor. */
export interface PageRequest {
  size: number;
  cursor: UpstreamCursor | null;
}

/** One page from the app: its items and the upstream cursor of the next page (`null` at the end). */
export interface PageResult<TItem> {
  items: TItem[];
  next: UpstreamCursor | null;
}

/** The cursor as a whole number of at least `minimum`, or an `invalid_page_token` error (a token from another pagination style). */
export function numericCursor(cursor: UpstreamCursor | null, start: number, what: string): number {
  if (cursor === null) return start;
  if (typeof cursor === 'number' && Number.isInteger(cursor) && cursor >= start) return cursor;
  throw new ConnectorError(
    `The page token carries ${JSON.stringify(cursor)}, which is not ${what}. Start the list again without a page token.`,
    'invalid_page_token',
  );
}
