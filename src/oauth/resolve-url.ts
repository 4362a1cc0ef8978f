import { ConnectorError } from '../errors/connector-error.ts';
import type { OAuthSettingsArgs, OAuthUrl } from './types.ts';

/**
 * The absolute URL a setting stands for, calling it with the request when it is a function.
 * A missing or malformed URL is the connector's configuration problem, reported as `bad_request`.
 */
export function _resolveUrl(url: OAuthUrl | undefined, args: OAuthSettingsArgs, what: 'authorization' | 'token'): URL {
  const value = typeof url === 'function' ? url(args) : url;
  if (!value) throw new ConnectorError(`Required URL was not provided for the OAuth flow: the OAuth settings have no ${what} URL.`, 'bad_request');
  try {
    return new URL(value);
  } catch {
    throw new ConnectorError(
      `The OAuth ${what} URL is not an absolute URL: '${_withoutQuery(String(value))}'. Check the connector's OAuth settings.`,
      'bad_request',
    );
  }
}

/** A URL without query or fragment, safe for messages and logs (queries may carry secrets). */
export function _withoutQuery(url: string | URL): string {
  const text = String(url);
  const cut = text.search(/[?#]/);
  return cut === -1 ? text : text.slice(0, cut);
}
