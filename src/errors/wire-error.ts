import type { ErrorCode } from './error-codes.ts';

/** The `error` object of the wire error envelope, keys in wire order. */
export interface WireError {
  message: string;
  status_code: number | null;
  app_error_code: string | null;
  error_code: ErrorCode;
  app_id: string;
  raised_by: string | null;
  raised_in: string | null;
}

/** The wire error envelope: what a connector prints when a capability fails. */
export interface ErrorEnvelope {
  is_error: true;
  error: WireError;
  response: null;
  page: null;
  raw_data: null;
}

/** Builds a `bad_request`-style wire error raised by the SDK itself (no status, class or handler). */
export function sdkError(appId: string, errorCode: ErrorCode, message: string): WireError {
  return {
    message,
    status_code: null,
    app_error_code: null,
    error_code: errorCode,
    app_id: appId,
    raised_by: null,
    raised_in: null,
  };
}

/** Wraps a wire error in the error envelope. */
export function errorEnvelope(error: WireError): ErrorEnvelope {
  return { is_error: true, error, response: null, page: null, raw_data: null };
}
