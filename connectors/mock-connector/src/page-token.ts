import { ConnectorError } from 'lumos-connector-sdk';

/** Where the next page of a list starts; the token names its list so a token of one list fails on another. */
export interface Cursor {
  list: string;
  offset: number;
}

/** Encodes a cursor as an opaque, versioned base64url token. */
export function encodeToken(cursor: Cursor): string {
  return Buffer.from(JSON.stringify({ v: 1, l: cursor.list, o: cursor.offset })).toString('base64url');
}

/** Decodes a token of `list`; a malformed or foreign token is an `invalid_page_token` error. */
export function decodeToken(token: string | null | undefined, list: string): number {
  if (token == null || token === '') return 0;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ConnectorError('The page token is malformed: start the list again without a token.', 'invalid_page_token');
  }
  const record = decoded as { v?: unknown; l?: unknown; o?: unknown } | null;
  if (record?.v !== 1 || typeof record.o !== 'number' || !Number.isInteger(record.o) || record.o < 0) {
    throw new ConnectorError('The page token is malformed: start the list again without a token.', 'invalid_page_token');
  }
  if (record.l !== list) {
    throw new ConnectorError(`The page token belongs to another list (${String(record.l)}), not ${list}.`, 'invalid_page_token');
  }
  return record.o;
}

/** The page size asked for, bounded to 1…1000 (default 100). */
export function pageSize(size: number | null | undefined): number {
  if (size == null) return 100;
  return Math.min(1000, Math.max(1, size));
}
