import { ConnectorError } from 'lumos-connector-sdk';
import { decodePageToken, encodePageToken } from 'lumos-connector-sdk/http';

/** A keyset position: the sort key of the last row handed out (names and small numbers). */
export type Keyset = readonly (string | number)[];

/** The SDK's opaque page token carries the keyset as JSON under this endpoint name. */
const endpoint = 'catalog';

/** Encodes where `list` goes on: after the row with sort key `after`. */
export function encodeKeyset(list: string, after: Keyset): string {
  return encodePageToken({ list, cursors: { [endpoint]: { cursor: JSON.stringify(after), seen: [] } } });
}

/**
 * Decodes a token of `list` made by {@link encodeKeyset}: undefined on the first page, the sort key
 * of the last row handed out otherwise. A malformed or foreign token is `invalid_page_token`.
 */
export function decodeKeyset(token: string | null | undefined, list: string, shape: readonly ('string' | 'number')[]): Keyset | undefined {
  const state = decodePageToken(token, list);
  const cursor = state.cursors[endpoint]?.cursor;
  if (cursor === undefined) {
    if (Object.keys(state.cursors).length === 0) return undefined;
    throw malformed();
  }
  let after: unknown;
  try {
    after = JSON.parse(String(cursor));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(after) || after.length !== shape.length || after.some((part, index) => typeof part !== shape[index])) throw malformed();
  return after as Keyset;
}

/** The page size asked for, bounded to 1…1000 (default 100). */
export function pageSize(size: number | null | undefined): number {
  if (size == null) return 100;
  return Math.min(1000, Math.max(1, Math.floor(size)));
}

function malformed(): ConnectorError {
  return new ConnectorError('The page token was not made by this connector. Start the list again without a page token.', 'invalid_page_token');
}
