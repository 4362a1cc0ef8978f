import { ConnectorError } from '../errors/connector-error.ts';

/** Query parameters: arrays repeat the key; `null` and `undefined` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number | boolean)[]>;

/**
 * The URL of a request: an absolute `http(s)` path as it is, else the base URL and the path joined
 * with one slash (`https://a.test/api/v1/` + `/users`), then the query appended.
 */
export function buildUrl(baseUrl: string | undefined, path: string, query?: QueryParams): string {
  let url: string;
  if (isHttpUrl(path)) url = path;
  else if (baseUrl === undefined)
    throw new ConnectorError(`The HTTP client has no baseUrl, so it cannot request the relative path ${JSON.stringify(path)}.`, 'bad_request');
  else url = `${trimSlashes(baseUrl, 'end')}/${trimSlashes(path, 'start')}`;
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const key in query) {
    if (!Object.hasOwn(query, key)) continue;
    const value = query[key];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  if (search === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${search}`;
}

/** A base URL (typically from settings) with a scheme, `https://` when it has none; anything but http(s) is a `bad_request`. */
export function normaliseBaseUrl(raw: string): string {
  const trimmed = raw.trim();
  const withScheme = hasScheme(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConnectorError(`The base URL ${JSON.stringify(raw)} is not a URL: check the settings.`, 'bad_request');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError(`The base URL ${JSON.stringify(raw)} is not an http(s) URL: check the settings.`, 'bad_request');
  }
  return withScheme;
}

// String scans rather than regexes: each regex costs about 0.1 ms to compile the first time in a
// compiled connector, and these run on every call.

/** Whether a path is an absolute `http://` or `https://` URL (any case), as `/^https?:\/\//i` tests. */
export function isHttpUrl(path: string): boolean {
  const head = path.slice(0, 8).toLowerCase();
  return head.startsWith('http://') || head.startsWith('https://');
}

/** The text without its leading (`start`) or trailing (`end`) slashes, as `replace(/^\/+/, '')` or `replace(/\/+$/, '')`. */
export function trimSlashes(text: string, side: 'start' | 'end'): string {
  if (side === 'start') {
    let start = 0;
    while (text.charCodeAt(start) === 47) start++;
    return text.slice(start);
  }
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47) end--;
  return text.slice(0, end);
}

/** Whether a text starts with a URL scheme and `//` (`name://`, the name an ASCII letter then letters, digits, `+`, `.`, `-`), as `/^[a-z][a-z0-9+.-]*:\/\//i` tests. */
export function hasScheme(text: string): boolean {
  const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (!isLetter(text.charCodeAt(0))) return false;
  let i = 1;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!(isLetter(code) || (code >= 48 && code <= 57) || code === 43 || code === 46 || code === 45)) break;
  }
  return text.startsWith('://', i);
}
