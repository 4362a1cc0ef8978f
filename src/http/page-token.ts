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

const startAgain = 'Start the list again without a page token.';

/**
 * Encodes a list's position as an opaque, versioned base64url token.
 *
 * @example
 * encodePageToken({ list: 'accounts', cursors: { users: { cursor: 'abc', seen: [] } } });
 */
export function encodePageToken(state: PageTokenState): string {
  const cursors: Record<string, { c: UpstreamCursor | null; s?: string[] }> = {};
  // for-in rather than entries and destructuring: a page call encodes its token once, cold.
  for (const endpoint in state.cursors) {
    if (!Object.hasOwn(state.cursors, endpoint)) continue;
    const { cursor, seen } = state.cursors[endpoint]!;
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
  if (!isBase64Url(token)) {
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
  const state = readTokenJson(raw);
  if (state === undefined) {
    throw new ConnectorError(`The page token is malformed (it was not made by this connector). ${startAgain}`, 'invalid_page_token');
  }
  if (state.list !== list) {
    throw new ConnectorError(`The page token belongs to the list '${state.list}', not '${list}'. ${startAgain}`, 'invalid_page_token');
  }
  return state;
}

/**
 * A decoded token's state, or undefined unless it has exactly the shape the encoder writes:
 * `{ v: number, l: string, c: { [endpoint]: { c: string | finite number | null, s?: string[] } } }`
 * with no other key at any level. Checked by hand rather than with a valibot schema: building the
 * schema cost 0.3 ms of a compiled connector's start-up. It accepts what the schema
 * `v.strictObject({ v: v.number(), l: v.string(), c: v.record(v.string(), v.strictObject(…)) })`
 * accepted, keys the schema skipped (`__proto__`, `prototype`, `constructor`) skipped alike.
 */
function readTokenJson(raw: unknown): PageTokenState | undefined {
  if (!isObject(raw) || !hasOnlyKeys(raw, tokenKeys)) return undefined;
  const { v: version, l: list, c: entries } = raw;
  if (typeof version !== 'number' || Number.isNaN(version) || typeof list !== 'string' || !isObject(entries)) return undefined;
  const cursors: Record<string, EndpointCursor> = {};
  for (const endpoint in entries) {
    if (!Object.hasOwn(entries, endpoint) || endpoint === '__proto__' || endpoint === 'prototype' || endpoint === 'constructor') continue;
    const entry = entries[endpoint];
    if (!isObject(entry) || !hasOnlyKeys(entry, entryKeys) || !('c' in entry)) return undefined;
    const { c: cursor, s: seen } = entry;
    if (cursor !== null && typeof cursor !== 'string' && !(typeof cursor === 'number' && Number.isFinite(cursor))) return undefined;
    if (seen !== undefined && !(Array.isArray(seen) && allStrings(seen))) return undefined;
    cursors[endpoint] = { cursor, seen: seen ?? [] };
  }
  return { list, cursors };
}

/** Whether every item is a string (a loop: `every` is compiled on its first call, about 0.15 ms cold). */
function allStrings(items: unknown[]): boolean {
  for (let index = 0; index < items.length; index++) if (typeof items[index] !== 'string') return false;
  return true;
}

const tokenKeys = ['v', 'l', 'c'];
const entryKeys = ['c', 's'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Whether every enumerable key of `value` is one of `keys`. */
function hasOnlyKeys(value: object, keys: readonly string[]): boolean {
  for (const key in value) if (!keys.includes(key)) return false;
  return true;
}

/** Whether a non-empty text is made of base64url characters only (`A–Z`, `a–z`, `0–9`, `-`, `_`); a loop, as a regex costs 0.1 ms to compile in a compiled connector. */
export function isBase64Url(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 45 || code === 95)) return false;
  }
  return text.length > 0;
}

// Uint8Array's base64 and TextEncoder/TextDecoder rather than Buffer: Bun sets `Buffer` up when a
// function naming it is first run, about 0.3 ms in a compiled connector, and a page call needs it nowhere else.

/** The UTF-8 bytes of a text in base64url without padding, as `Buffer.from(text).toString('base64url')`. */
function toBase64Url(text: string): string {
  return new TextEncoder().encode(text).toBase64({ alphabet: 'base64url', omitPadding: true });
}

/** Decodes base64url text to UTF-8 as `Buffer.from(text, 'base64url').toString('utf8')` does, which ignores a dangling last character. */
function fromBase64Url(text: string): string {
  return new TextDecoder().decode(Uint8Array.fromBase64(text.length % 4 === 1 ? text.slice(0, -1) : text, { alphabet: 'base64url' }));
}
