import type { ErrorCode } from './error-codes.ts';

/** Options of a {@link ConnectorError} beyond its message and code. */
export interface ConnectorErrorOptions {
  /** The connector's own code, by convention `<app_id>.<some_code>`. */
  appErrorCode?: string | undefined;
  /** The HTTP status of the app's response, when there was one. */
  statusCode?: number | undefined;
  /** The error that caused this one. */
  cause?: unknown;
}

/**
 * The error a capability throws to answer with a specific wire error code.
 *
 * @example
 * throw new ConnectorError('User 42 does not exist', 'not_found', { appErrorCode: 'acme.no_user' });
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  /** The wire `error_code`. */
  readonly code: ErrorCode;
  /** The wire `app_error_code`. */
  readonly appErrorCode: string | undefined;
  /** The wire `status_code`. */
  readonly statusCode: number | undefined;

  constructor(message: string, code: ErrorCode, options: ConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.appErrorCode = options.appErrorCode;
    this.statusCode = options.statusCode;
  }
}
