import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';

/** The version written into every page token; a token of another version is refused. */
export const pageTokenVersion = 1;

/** An upstream cursor: an opaque string, a next-page URL, an offset or a page number. */
export type UpstreamCursor = string | number;

/** Where one endpoint of a list stands. */
export interface EndpointCursor {
  /** The upstream cursor to ask for next; `null` means the endpoint's first page. */
  cursor: UpstreamCursor | null;
  /** Fingerprints of the cursors already followed, newest last, to detect an upstream loop. */
  seen: string[];
}

/** What a page token carries: the list it belongs to and one cursor per endpoint still being walked. */
export interface PageTokenState {
  list: string;
  cursors: Record<string, EndpointCursor>;
}

const TokenSchema = v.strictObject({
  v: v.number(),
  l: v.string(),
  c: v.record(
    v.string(),
    v.strictObject({
      c: v.nullable(v.union([v.string(), v.pipe(v.number(), v.finite())])),
      s: v.optional(v.array(v.string())),
    }),
  ),
});

const startAgain = 'Start the list again without a page token.';

/**
 * Encodes a list's position as an opaque, versioned base64url token.
 *
 * @example
 * encodePageToken({ list: 'accounts', cursors: { users: { cursor: 'abc', seen: [] } } });
 */
export function encodePageToken(state: PageTokenState): string {
  const cursors: Record<string, { c: UpstreamCursor | null; s?: string[] }> = {};
  for (const [endpoint, { cursor, seen }] of Object.entries(state.cursors)) {
    cursors[endpoint] = seen.length > 0 ? { c: cursor, s: seen } : { c: cursor };
  }
  return toBase64Url(JSON.stringify({ v: pageTokenVersion, l: state.list, c: cursors }));
}

/**
 * Decodes a token made by {@link encodePageToken} for `list`. No token (the first page) gives no
 * cursors; a malformed token, one of another version or one of another list is a ConnectorError
 * `invalid_page_token`, never a crash.
 */
export function decodePageToken(token: string | null | undefined, list: string): PageTokenState {
  if (token == null || token === '') return { list, cursors: {} };
  if (!/^[A-Za-z0-9_-]+$/.test(token)) {
    throw new ConnectorError(`The page token is malformed (it is not base64url). ${startAgain}`, 'invalid_page_token');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(token));
  } catch {
    throw new ConnectorError(`The page token is malformed (it does not decode). ${startAgain}`, 'invalid_page_token');
  }
  const versioned = raw as { v?: unknown } | null;
  if (typeof versioned === 'object' && versioned !== null && typeof versioned.v === 'number' && versioned.v !== pageTokenVersion) {
    throw new ConnectorError(
      `The page token has version ${versioned.v}, but this connector reads version ${pageTokenVersion}. ${startAgain}`,
      'invalid_page_token',
    );
  }
  const parsed = v.safeParse(TokenSchema, raw);
  if (!parsed.success) {
    throw new ConnectorError(`The page token is malformed (it was not made by this connector). ${startAgain}`, 'invalid_page_token');
  }
  if (parsed.output.l !== list) {
    throw new ConnectorError(`The page token belongs to the list '${parsed.output.l}', not '${list}'. ${startAgain}`, 'invalid_page_token');
  }
  const cursors: Record<string, EndpointCursor> = {};
  for (const [endpoint, entry] of Object.entries(parsed.output.c)) cursors[endpoint] = { cursor: entry.c, seen: entry.s ?? [] };
  return { list, cursors };
}

// Uint8Array's base64 and TextEncoder/TextDecoder rather than Buffer: the first use of Buffer in a
// process costs about 0.3 ms in a compiled connector, and a page call uses it nowhere else.

/** The UTF-8 bytes of a text in base64url without padding, as `Buffer.from(text).toString('base64url')`. */
function toBase64Url(text: string): string {
  return new TextEncoder().encode(text).toBase64({ alphabet: 'base64url', omitPadding: true });
}

/** Decodes base64url text to UTF-8 as `Buffer.from(text, 'base64url').toString('utf8')` does, which ignores a dangling last character. */
function fromBase64Url(text: string): string {
  return new TextDecoder().decode(Uint8Array.fromBase64(text.length % 4 === 1 ? text.slice(0, -1) : text, { alphabet: 'base64url' }));
}
