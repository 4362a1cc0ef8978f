import { ConnectorError } from '../errors/connector-error.ts';

/** Query parameters: arrays repeat the key; `null` and `undefined` are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined | readonly (string | number | boolean)[]>;

/**
 * The URL of a request: an absolute `http(s)` path as it is, else the base URL and the path joined
 * with one slash (`https://a.test/api/v1/` + `/users`), then the query appended.
 */
export function buildUrl(baseUrl: string | undefined, path: string, query?: QueryParams): string {
  let url: string;
  if (/^https?:\/\//i.test(path)) url = path;
  else if (baseUrl === undefined)
    throw new ConnectorError(`The HTTP client has no baseUrl, so it cannot request the relative path ${JSON.stringify(path)}.`, 'bad_request');
  else url = `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
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
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
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
