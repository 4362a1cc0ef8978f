import type * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';
import { errorCodeForStatus } from '../errors/http-status.ts';
import { describeIssues } from '../dispatch/format-issues.ts';

/** What every failure message names: the endpoint (method and URL without query), attempts and time taken. */
export interface FailureContext {
  /** `GET https://api.acme.test/users`. */
  endpoint: string;
  attempts: number;
  elapsedMs: number;
  /** Why the client stopped retrying, when it gave up early (e.g. the time budget). */
  stopReason?: string | undefined;
}

const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);

/** The error an app's non-success status becomes: its wire code by status, with the body and, after retries, the attempt count. */
export function statusFailure(context: FailureContext, status: number, statusText: string, body: string, retriable: boolean): ConnectorError {
  const where = `[${status}][${context.endpoint}]`;
  if (status === 407) {
    return new ConnectorError(
      `${where} The proxy refused the request (407 Proxy Authentication Required): check the user and password in HTTPS_PROXY/HTTP_PROXY or the client's proxy option.`,
      'api_error',
      { statusCode: status },
    );
  }
  const statusLine = statusText ? `${status} ${statusText}` : String(status);
  if (!retriable) return new ConnectorError(body ? `${where} ${body}` : `${where} ${statusLine}`, errorCodeForStatus(status), { statusCode: status });
  const advice =
    status === 429
      ? ' The app is rate limiting: lower the request rate or try again later.'
      : ' The app or a gateway in front of it is unavailable: try again later.';
  return new ConnectorError(
    `${where} The app still answered ${statusLine} after ${attemptsText(context)}.${advice}${body ? ` Last answer: ${body}` : ''}`,
    errorCodeForStatus(status),
    { statusCode: status },
  );
}

/** The error a failed connection becomes: a TLS problem, a refused proxy, or an unreachable app. */
export function networkFailure(context: FailureContext, error: unknown, proxy: string | undefined): ConnectorError {
  const code = codeOf(error);
  if (code !== undefined && tlsCodes.has(code)) {
    return new ConnectorError(
      `${context.endpoint}: the app's TLS certificate could not be verified (${code}). If a private CA or a TLS-inspecting proxy signs it, point NODE_EXTRA_CA_CERTS or SSL_CERT_FILE at its PEM file, or pass the client's ca/caFile option.`,
      'api_error',
      { cause: error },
    );
  }
  const proxyStatus = (error as { status?: unknown } | undefined)?.status;
  if (code === 'ERR_PROXY_TUNNEL') {
    const detail =
      proxyStatus === 407
        ? ' with 407: check the user and password in HTTPS_PROXY/HTTP_PROXY or the proxy option'
        : typeof proxyStatus === 'number'
          ? ` with ${proxyStatus}`
          : '';
    return new ConnectorError(`${context.endpoint}: the proxy${proxy ? ` ${proxy}` : ''} refused to open a tunnel${detail}.`, 'api_error', { cause: error });
  }
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  const via = proxy ? ` through the proxy ${proxy}` : '';
  return new ConnectorError(
    `Failed to connect to the API at ${context.endpoint}${via} (${reason}) after ${attemptsText(context)}. Please verify the URL or try at a later time due to a potential temporary network issue.`,
    'api_error',
    { cause: error },
  );
}

/** Whether a failed connection is worth another attempt (a bad certificate or refused proxy credentials are not). */
export function isTransientNetworkError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && tlsCodes.has(code)) return false;
  if (code === 'ERR_PROXY_TUNNEL') {
    const status = (error as { status?: unknown }).status;
    return status === 502 || status === 503 || status === 504;
  }
  return true;
}

/** The error a call that did not answer in time becomes (`request_timeout`). */
export function timeoutFailure(context: FailureContext, timeoutMs: number, budgetBound: boolean): ConnectorError {
  const what = budgetBound ? `the call's time budget ran out` : `no answer within ${duration(timeoutMs)}`;
  return new ConnectorError(
    `${context.endpoint}: the app did not answer in time (${what}) after ${attemptsText(context)}. Try again later, or raise the client's timeoutMs or retry.budgetMs.`,
    'request_timeout',
  );
}

/** The error a success answer that is not what the connector expects becomes (`api_error`). */
export function bodyFailure(endpoint: string, status: number, problem: string, snippet: string): ConnectorError {
  return new ConnectorError(`[${status}][${endpoint}] ${problem}${snippet ? ` The answer starts with: ${snippet}` : ''}`, 'api_error', { statusCode: status });
}

/** The error an answer that fails the connector's valibot schema becomes, naming the endpoint and the offending paths. */
export function schemaFailure(endpoint: string, issues: readonly v.BaseIssue<unknown>[]): ConnectorError {
  return new ConnectorError(
    `The app's answer to ${endpoint} does not match what the connector expects: ${describeIssues(issues, 'body')}. The app's API may have changed, or the base URL points at something else.`,
    'api_error',
  );
}

function attemptsText(context: FailureContext): string {
  const count = context.attempts === 1 ? '1 attempt' : `${context.attempts} attempts`;
  return `${count} in ${duration(context.elapsedMs)}${context.stopReason ? ` (${context.stopReason})` : ''}`;
}

/** A duration for messages: `250 ms`, `1.2 s`, `45 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
