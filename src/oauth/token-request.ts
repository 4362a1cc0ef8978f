import { ConnectorError } from '../errors/connector-error.ts';
import type { Logger } from '../logging/logger.ts';
import { addLogSecrets } from '../logging/logger.ts';
import { redactText } from '../logging/redact.ts';
import { displayProxy, proxyForUrl, proxySecrets } from '../http/proxy-for-url.ts';
import { sendAttempt } from '../http/send-attempt.ts';
import { _withoutQuery } from './resolve-url.ts';
import type { ClientAuthEncoding, OAuthSettings } from './types.ts';
import { _arctic } from './arctic.ts';

/** One call to a token endpoint. */
export interface TokenRequest {
  settings: OAuthSettings;
  tokenUrl: URL;
  /** The grant's own parameters (`grant_type`, `code`, …); client authentication is added here. */
  params: Record<string, string>;
  clientId: string;
  clientSecret: string;
  /** Values never to show in a message or log line: codes, verifiers, refresh tokens. */
  secrets: readonly string[];
  log: Logger;
}

/** A token endpoint's successful answer. */
export interface TokenAnswer {
  status: number;
  /** The endpoint without its query string, for messages. */
  url: string;
  /** The JSON object it answered with. */
  data: Record<string, unknown>;
}

/** The reference gives token endpoints 300 s. */
const timeoutMs = 300_000;

/**
 * Sends a token request in any of the shapes the settings allow and returns the JSON answer.
 * Written here rather than with arctic's `OAuth2Client` because arctic only sends form POSTs with
 * HTTP Basic, and its errors drop the status (400 vs 401) and, for other statuses, the body that
 * the `[status][url] OAuth request failed: …` message needs. Failures throw `api_error`.
 */
export async function _sendTokenRequest(call: TokenRequest): Promise<TokenAnswer> {
  const { settings, clientId, clientSecret } = call;
  const secrets = new Set([clientSecret, ...call.secrets].filter(Boolean));
  addLogSecrets(secrets);
  const redact = (text: string): string => redactText(text, secrets);

  const method = settings.requestType?.method ?? 'POST';
  // fetch cannot send a body with GET, so a GET always carries its parameters in the query.
  const data = method === 'GET' ? 'QUERY' : (settings.requestType?.data ?? 'FORMDATA');
  const clientAuth = settings.clientAuth ?? 'CLIENT_SECRET_POST';
  const params = { ...call.params };
  const headers = new Headers({ accept: 'application/json' });
  if (clientAuth === 'CLIENT_SECRET_BASIC') {
    const basic = _basicCredentials(clientId, clientSecret, settings.clientAuthEncoding ?? 'FORM_URLENCODED');
    secrets.add(basic);
    addLogSecrets([basic]);
    headers.set('authorization', `Basic ${basic}`);
  } else {
    params['client_id'] = clientId;
    params['client_secret'] = clientSecret;
  }
  const url = new URL(call.tokenUrl);
  let body: string | undefined;
  if (data === 'QUERY') {
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  } else if (data === 'JSON') {
    body = JSON.stringify(params);
    headers.set('content-type', 'application/json');
  } else {
    body = new URLSearchParams(params).toString();
    headers.set('content-type', 'application/x-www-form-urlencoded');
  }

  const where = _withoutQuery(url);
  // The HTTP kit's proxy decision (HTTPS_PROXY/HTTP_PROXY/NO_PROXY, CIDR blocks included), so token
  // requests take the same way out as API calls; extra CAs (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE) are
  // Bun's trust store for both.
  const proxy = proxyForUrl(url);
  if (proxy !== undefined) {
    const proxyParts = proxySecrets(proxy);
    for (const part of proxyParts) secrets.add(part);
    addLogSecrets(proxyParts);
  }
  call.log.debug(
    `OAuth ${params['grant_type']} request: ${method} ${where} (${clientAuth}, ${data})${proxy === undefined ? '' : ` via proxy ${displayProxy(proxy)}`}`,
  );
  // The kit's transport, with its proxy decision; a redirect is not followed: a token endpoint that
  // redirects is misconfigured, and following would resend the client secret to another address.
  const attempt = await sendAttempt({
    url: url.href,
    method,
    headers,
    body,
    timeoutMs,
    proxy,
    ca: undefined,
    signal: undefined,
    redirect: 'manual',
  });
  if (attempt.kind !== 'response') {
    const { ArcticFetchError } = await _arctic();
    const reason = attempt.kind === 'timeout' ? `no answer within ${timeoutMs / 1000} s` : describe(attempt.error);
    throw new ConnectorError(
      redact(
        `Failed to reach the OAuth token endpoint ${where} (${reason}). Check the token URL in the connector's OAuth settings and that this host can reach it.`,
      ),
      'api_error',
      { cause: new ArcticFetchError(attempt.kind === 'network' ? attempt.error : new Error(reason)) },
    );
  }
  const { text, status } = attempt;
  const payload = parseBody(text, attempt.headers.get('content-type') ?? '');
  // Some vendors (GitHub among them) answer 200 with an OAuth error object.
  const isError = status >= 300 || (typeof payload?.['error'] === 'string' && payload['access_token'] === undefined);
  if (isError) {
    const { OAuth2RequestError } = await _arctic();
    const error = typeof payload?.['error'] === 'string' ? payload['error'] : undefined;
    const description = typeof payload?.['error_description'] === 'string' ? payload['error_description'] : null;
    const detail = error ? (description ? `${error}: ${description}` : error) : payload ? JSON.stringify(payload) : snippet(text);
    const cause = error ? new OAuth2RequestError(error, description, null, null) : undefined;
    throw new ConnectorError(redact(`[${status}][${where}] OAuth request failed: ${detail}`), 'api_error', { statusCode: status, cause });
  }
  if (!payload) {
    throw new ConnectorError(redact(`[${status}][${where}] OAuth request failed: the answer is not a JSON object: ${snippet(text)}`), 'api_error', {
      statusCode: status,
    });
  }
  return { status, url: where, data: payload };
}

/**
 * The base64 credentials of a `CLIENT_SECRET_BASIC` header. RFC 6749 §2.3.1 form-encodes the id and
 * the secret before joining them with `:`, so a secret holding `+ / = % :` survives a server that
 * decodes them; `RAW` joins them as they are, for servers that compare the raw value.
 */
export function _basicCredentials(clientId: string, clientSecret: string, encoding: ClientAuthEncoding): string {
  const encode = encoding === 'RAW' ? (value: string) => value : formEncode;
  return Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`, 'utf8').toString('base64');
}

/** `application/x-www-form-urlencoded` encoding of one value (space as `+`). */
function formEncode(value: string): string {
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function parseBody(text: string, contentType: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    // Older vendors answer in the form encoding they were sent.
    if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
    return undefined;
  }
}

function snippet(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '(empty body)';
  return trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const text = typeof code === 'string' && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return text.replace(/\b(https?:\/\/[^\s"'?#]+)[?#][^\s"']*/g, '$1');
}
