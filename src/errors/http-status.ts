import type { ErrorCode } from './error-codes.ts';
import type { ExceptionHandler } from './exception-handler.ts';

/** Maps an app's HTTP status to the wire error code (reference §3.3; anything else is `api_error`). */
export function errorCodeForStatus(status: number | null | undefined): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'permission_denied';
    case 404:
      return 'not_found';
    case 429:
      return 'rate_limit';
    case 502:
    case 503:
    case 504:
      return 'bad_gateway';
    default:
      return 'api_error';
  }
}

/** Reads the HTTP status carried by a thrown value (ofetch's `FetchError`, a `Response`, or a `status`/`statusCode` field). */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  const response = record['response'];
  const candidates = [
    typeof response === 'object' && response !== null ? (response as Record<string, unknown>)['status'] : undefined,
    record['statusCode'],
    record['status'],
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate >= 100) return candidate;
  }
  return undefined;
}

/**
 * The reference's `HTTPHandler`: sets `error_code` from the HTTP status of errors that carry one.
 * It is the default when an integration declares no exception handlers.
 */
export const httpStatusHandler: ExceptionHandler = {
  when: (error) => statusOf(error) !== undefined,
  handle: (_error, wireError) => ({ ...wireError, error_code: errorCodeForStatus(wireError.status_code) }),
};
