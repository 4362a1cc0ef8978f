import { ConnectorError } from './connector-error.ts';
import { handlerMatches, type ExceptionHandler } from './exception-handler.ts';
import { statusOf } from './http-status.ts';
import type { WireError } from './wire-error.ts';

/** Where an error was raised, for the wire error's `app_id` and `raised_in`. */
export interface RaiseSite {
  appId: string;
  capability: string;
  /** The stable `module:function` name of the capability's handler. */
  raisedIn: string;
}

const connectFailureMessage = 'Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue.';

const connectFailureCodes = new Set([
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const connectFailurePattern = /unable to connect|name or service not known|nodename nor servname provided|fetch failed/i;

/**
 * Turns any thrown value into the wire error (reference §3.2): a `ConnectorError` keeps its own
 * code; anything else gets the default treatment, then every matching exception handler in order.
 */
export function toWireError(error: unknown, site: RaiseSite, handlers: readonly ExceptionHandler[]): WireError {
  if (error instanceof ConnectorError) {
    return {
      message: error.message,
      status_code: error.statusCode ?? null,
      app_error_code: error.appErrorCode ?? null,
      error_code: error.code,
      app_id: site.appId,
      raised_by: error.name,
      raised_in: site.raisedIn,
    };
  }
  let wireError = defaultWireError(error, site);
  for (const handler of handlers) {
    if (!handlerMatches(handler, error)) continue;
    wireError = handler.handle(error, wireError, { capability: site.capability }) ?? wireError;
  }
  return wireError;
}

function defaultWireError(error: unknown, site: RaiseSite): WireError {
  const wireError: WireError = {
    message: stripUrlQueries(messageOf(error)),
    status_code: statusCodeOf(error) ?? null,
    app_error_code: null,
    error_code: 'unexpected_error',
    app_id: site.appId,
    raised_by: nameOf(error),
    raised_in: site.raisedIn,
  };
  const plainMessage = plainMessageOf(error);
  if (plainMessage.includes('Illegal header')) {
    return { ...wireError, error_code: 'bad_request', message: 'Illegal header constructed: a header name or value contains characters HTTP does not allow.' };
  }
  if (wireError.status_code === null && isConnectFailure(error)) {
    const url = urlOf(error);
    return { ...wireError, error_code: 'api_error', message: url ? `${connectFailureMessage} (${url})` : connectFailureMessage };
  }
  if (error instanceof SyntaxError && /JSON/i.test(error.message)) {
    return { ...wireError, error_code: 'api_error', message: `Failed to parse JSON response: ${error.message}` };
  }
  return wireError;
}

/** The status: a numeric `code` wins over the response's status, as in the reference. */
function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null) {
    const code = (error as Record<string, unknown>)['code'];
    if (typeof code === 'number' && Number.isInteger(code)) return code;
  }
  return statusOf(error);
}

function messageOf(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) {
    const body = bodyText(error);
    if (body) {
      const url = urlOf(error);
      return url ? `[${status}][${url}] ${body}` : `[${status}] ${body}`;
    }
  }
  return plainMessageOf(error) || (status === undefined ? 'Unknown error' : `HTTP ${status}`);
}

function plainMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

function nameOf(error: unknown): string {
  if (error instanceof Error) {
    if (error.name && error.name !== 'Error') return error.name;
    return error.constructor?.name || 'Error';
  }
  return typeof error;
}

/** The response body of an HTTP error: JSON when it parsed to something non-empty, else its text. */
function bodyText(error: unknown): string {
  const record = error as Record<string, unknown>;
  const response = record['response'] as Record<string, unknown> | undefined;
  const data = record['data'] ?? response?.['_data'];
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data.trim();
  if (typeof data === 'object') {
    const empty = Array.isArray(data) ? data.length === 0 : Object.keys(data).length === 0;
    if (empty) return '';
    try {
      return JSON.stringify(data);
    } catch {
      return '';
    }
  }
  return String(data);
}

/** The URL an HTTP error concerns, without its query string (which may carry secrets). */
function urlOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const response = record['response'] as Record<string, unknown> | undefined;
  const request = record['request'];
  const candidates = [typeof request === 'string' ? request : (request as Record<string, unknown> | undefined)?.['url'], response?.['url'], record['url']];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate) return stripQuery(candidate);
  }
  return undefined;
}

/** Query strings often carry keys and tokens: drop them from every URL in a message. */
function stripUrlQueries(message: string): string {
  return message.replace(/\b(https?:\/\/[^\s"'?#]+)[?#][^\s"']*/g, '$1');
}

function stripQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

function isConnectFailure(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current !== 'object') break;
    const record = current as Record<string, unknown>;
    if (typeof record['code'] === 'string' && connectFailureCodes.has(record['code'])) return true;
    if (typeof record['message'] === 'string' && connectFailurePattern.test(record['message'])) return true;
    current = record['cause'];
  }
  return false;
}
