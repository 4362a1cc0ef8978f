import * as v from 'valibot';
import { ConnectorError, errorCodeForStatus, type ErrorCode } from 'lumos-connector-sdk';

/** A SCIM error answer (RFC 7644 §3.12): `status` is a string by the RFC, a number on some servers. */
const ScimErrorBody = v.looseObject({
  status: v.optional(v.union([v.string(), v.number()])),
  scimType: v.optional(v.string()),
  detail: v.optional(v.string()),
});

/** The codes of SCIM statuses the SDK's default mapping does not cover the way SCIM means them. */
const scimStatusCodes: Record<number, ErrorCode> = {
  // 409: a uniqueness or version conflict; the request must change before it can succeed.
  409: 'bad_request',
  // 412: the resource changed since it was read (ETag mismatch).
  412: 'bad_request',
  413: 'bad_request',
  501: 'unsupported_operation',
};

/**
 * Turns a SCIM error answer into a ConnectorError: 401 is `unauthorized`, 403 `permission_denied`, 404 is `not_found`, a 409 (uniqueness) is
 * `bad_request`, and the message and `app_error_code` carry the server's `scimType` and `detail`.
 * `endpoint` is the method and URL without query, already free of secrets.
 */
export function scimError(status: number, body: unknown, endpoint: string): ConnectorError {
  const parsed = v.safeParse(ScimErrorBody, body);
  const scimType = parsed.success ? parsed.output.scimType : undefined;
  const detail = parsed.success ? parsed.output.detail : typeof body === 'string' && body !== '' ? body.slice(0, 500) : undefined;
  const code = scimStatusCodes[status] ?? errorCodeForStatus(status);
  const kind = scimType ? ` (scimType ${scimType})` : '';
  const advice =
    scimType === 'uniqueness'
      ? ' A resource with the same unique value (userName, displayName or externalId) already exists.'
      : status === 404
        ? ' It does not exist, or this credential may not see it.'
        : status === 401
          ? ' Check the token, or the user name and password, and that they are still valid.'
          : status === 403
            ? ' The credential is valid but may not do this: check its scopes or role on the SCIM server.'
            : '';
  return new ConnectorError(`[${status}][${endpoint}] The SCIM server refused the request${kind}: ${detail ?? 'no detail given'}.${advice}`, code, {
    appErrorCode: `scim.${scimType ?? `http_${status}`}`,
    statusCode: status,
  });
}
