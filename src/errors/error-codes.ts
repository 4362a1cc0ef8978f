import type { ErrorCode as WireErrorCode } from '../wire/generated/models.ts';

/**
 * Every wire `ErrorCode`, with the HTTP status it stands for where one applies. `satisfies` checks
 * the table against the generated wire enum: a code missing here, or one the wire does not have, is a tsc error.
 */
export const errorCodes = {
  /** The app says the object does not exist (HTTP 404). */
  not_found: 404,
  /** The connector itself failed in a way it could not classify. */
  internal_error: 500,
  /** The app answered with an error the connector could not classify, or could not be reached. */
  api_error: 500,
  /** The app rejected the credentials (HTTP 401). */
  unauthorized: 401,
  /** The request was malformed: bad JSON, wrong types, missing settings or credentials (HTTP 400). */
  bad_request: 400,
  /** The credentials are valid but lack a permission (HTTP 403). */
  permission_denied: 403,
  /** The capability is not implemented by this connector. */
  not_implemented: 501,
  /** An exception no handler classified. */
  unexpected_error: 500,
  /** The app does not support the operation. */
  unsupported_operation: 400,
  /** A value is not one the app knows. */
  unknown_value: 400,
  /** A value is not acceptable to the app. */
  invalid_value: 400,
  /** The app or a gateway in front of it is unavailable (HTTP 502, 503, 504). */
  bad_gateway: 502,
  /** No credentials were presented. */
  unauthenticated: 401,
  /** The app did not answer in time. */
  request_timeout: 408,
  /** No connection could be opened in time. */
  connection_timeout: 504,
  /** The app refused the connection. */
  connection_rejected: 502,
  /** The app's rate limit was hit and retries ran out (HTTP 429). */
  rate_limit: 429,
  /** The credentials have expired. */
  authentication_expired: 401,
  /** The app reported an internal failure. */
  service_error: 500,
  /** The capability produced a response that does not match the wire schema. */
  invalid_response: 500,
  /** A call made by the connector's client failed. */
  client_call_error: 500,
  /** The app closed the connection. */
  connection_closed: 502,
  /** The credentials were revoked. */
  creds_revoked: 401,
  /** The page token is malformed or belongs to another list. */
  invalid_page_token: 400,
  /** A parameter the integration needs is missing. */
  integration_missing_parameter: 400,
} as const satisfies Record<WireErrorCode, number>;

/** A wire `ErrorCode` value. */
export type ErrorCode = keyof typeof errorCodes;

/** Whether a value is a wire `ErrorCode`. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
