import type * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';
import { addLogSecrets, log, redactLogText, resolveLevel } from '../logging/logger.ts';
import { fastCheckMinBytes, hasCompiledCheck, safeParseLarge } from '../validation/fast-check.ts';
import type { AuthCredential } from '../wire/generated/models.ts';
import { buildUrl, normaliseBaseUrl, type QueryParams } from './build-url.ts';
import { extraCaList, type ExtraCaOptions } from './extra-ca.ts';
import {
  bodyFailure,
  duration,
  isTransientNetworkError,
  networkFailure,
  schemaFailure,
  statusFailure,
  timeoutFailure,
  type FailureContext,
} from './http-failure.ts';
import { parseErrorBody, parseJsonBody } from './parse-body.ts';
import { displayProxy, proxyForUrl } from './proxy-for-url.ts';
import { rateLimitHint } from './rate-limit-hint.ts';
import { createRateLimiter, type RateLimiter, type RateLimiterOptions } from './rate-limiter.ts';
import { createRawDataRecorder, type RawData } from './raw-data.ts';
import { httpRedactedKeys, redactBody, redactEncoded, redactHeaders, redactJson, redactUrl, withoutQuery } from './redact-http.ts';
import { clientSecrets } from './request-secrets.ts';
import { resolveAuth, type HttpAuth } from './resolve-auth.ts';
import { createTransport, sendAttempt, sleep, type Attempt } from './send-attempt.ts';
import { backoffDelay, defaultRetryPolicy, isReplaySafe, refusedByLoopback, retriesStatus, type RetryPolicy } from './retry-policy.ts';

/** The default time one attempt may take before it is abandoned: 60 s. */
export const defaultTimeoutMs = 60_000;

/** What the client needs from the handler's arguments: credentials, settings and `include_raw_data`. */
export interface HttpClientArgs {
  auth?: AuthCredential | null | undefined;
  credentials?: AuthCredential[] | null | undefined;
  settings?: unknown;
  include_raw_data?: boolean | null | undefined;
}

/** How a client is built. */
export interface HttpClientOptions extends ExtraCaOptions {
  /** Prefixed to relative paths, typically from settings; `https://` is assumed when it has no scheme. */
  baseUrl?: string | undefined;
  /** How requests authenticate; the secret comes from the request's credential unless given. */
  auth?: HttpAuth | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** How long one attempt may take, in ms (default 60 000). */
  timeoutMs?: number | undefined;
  /** Overrides of the retry policy, or `false` for a single attempt. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** A limiter to share, or the limits of the client's own one (default: 8 requests in flight, no rate cap). */
  limiter?: RateLimiter | RateLimiterOptions | undefined;
  /** A proxy URL (credentials in the URL), or `false` for none; defaults to HTTPS_PROXY/HTTP_PROXY/NO_PROXY. */
  proxy?: string | false | undefined;
  /** More values to mask in logs and error messages. */
  secrets?: Iterable<string> | undefined;
  /** The environment for proxy variables and the log level (defaults to `process.env`). */
  env?: Record<string, string | undefined> | undefined;
  /** How plain-object and array bodies are sent: their content type and serialiser (default: JSON). */
  requestBody?: RequestBodyOptions | undefined;
  /**
   * The app's own error mapping: called with an error answer the client is about to throw for (not
   * retried, or out of retries; never for `allowStatus`). Return the error to throw, or nothing to
   * fall through to the kit's default by status. Its message is masked like the kit's own.
   */
  onResponseError?: ((answer: HttpErrorAnswer) => ConnectorError | undefined) | undefined;
}

/** How the client sends a plain object or array body. */
export interface RequestBodyOptions {
  /** Its content type unless the request sets one (default `application/json`; `application/x-www-form-urlencoded` sends it form-encoded). */
  contentType?: string | undefined;
  /** Turns it into what is sent (default: JSON, or form encoding for the form content type). */
  serialize?: ((body: unknown) => NonNullable<RequestInit['body']>) | undefined;
}

/** An error answer, as {@link HttpClientOptions.onResponseError} sees it. */
export interface HttpErrorAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The body, parsed when it is JSON, else its text (`''` when empty). */
  body: unknown;
  /** The method and URL without query, free of secrets: `GET https://api.acme.test/users`. */
  endpoint: string;
  /** How many attempts the call took. */
  attempts: number;
}

/** One request's options. */
export interface HttpRequestOptions<TSchema extends v.GenericSchema | undefined = undefined> {
  /** The method (default GET). */
  method?: string | undefined;
  query?: QueryParams | undefined;
  /** A plain object or array is sent as JSON; strings, `URLSearchParams`, `FormData` and binary as they are. */
  body?: unknown;
  headers?: Record<string, string> | undefined;
  /** Validates the answer; a mismatch is an `api_error` naming the endpoint and the offending path. */
  schema?: TSchema;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry policy for this request, or `false` for a single attempt. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** Whether a POST or PATCH may be sent again; an `Idempotency-Key` header implies it. */
  replaySafe?: boolean | undefined;
  /** Statuses returned to the caller instead of thrown (e.g. `[404]` to test for existence); their body is returned parsed but not checked against `schema`. */
  allowStatus?: readonly number[] | undefined;
  /** `json` (default) parses the answer; `text` returns it as it is. */
  responseType?: 'json' | 'text' | undefined;
  /** Cancels the request and its retries. */
  signal?: AbortSignal | undefined;
}

/** An answer the client returned. */
export interface HttpResponse<TData> {
  status: number;
  headers: Headers;
  /** The URL asked for (secrets unmasked: do not log it). */
  url: string;
  data: TData;
  /** How many attempts the call took. */
  attempts: number;
}

/** The data type of a request: the schema's output, or `unknown` without one. */
export type DataOf<TSchema> = TSchema extends v.GenericSchema ? v.InferOutput<TSchema> : unknown;

type MethodOptions<TSchema extends v.GenericSchema | undefined> = Omit<HttpRequestOptions<TSchema>, 'method'>;

/** An HTTP client bound to one capability call. */
export interface HttpClient {
  /** Sends a request and returns the whole answer. */
  request<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: HttpRequestOptions<TSchema>): Promise<HttpResponse<DataOf<TSchema>>>;
  /** GETs and returns the answer's data, validated when a schema is given. */
  get<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: MethodOptions<TSchema>): Promise<DataOf<TSchema>>;
  post<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: MethodOptions<TSchema>): Promise<DataOf<TSchema>>;
  put<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: MethodOptions<TSchema>): Promise<DataOf<TSchema>>;
  patch<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: MethodOptions<TSchema>): Promise<DataOf<TSchema>>;
  delete<TSchema extends v.GenericSchema | undefined = undefined>(path: string, options?: MethodOptions<TSchema>): Promise<DataOf<TSchema>>;
  /** The call's answers for `raw_data`, or null when the request did not ask for them. */
  rawData(): RawData | null;
  /** The full URL of a path, query included. */
  url(path: string, query?: QueryParams): string;
  /** The limiter the client's requests share. */
  readonly limiter: RateLimiter;
}

const proxyVariables = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'];

/**
 * Creates the HTTP client of one capability call: base URL, authentication from the request's
 * credential, JSON in and out, per-attempt timeouts, retries with backoff that honour
 * `Retry-After`, client-side rate limiting, `raw_data` capture, proxies, extra CAs and redacted
 * debug logging. Every secret of the request is masked in logs and error messages.
 *
 * @example
 * const client = createHttpClient(args, { baseUrl: args.settings.base_url, auth: { kind: 'token', scheme: 'SSWS' } });
 * const users = await client.get('/api/v1/users', { query: { limit: 200 }, schema: v.array(User) });
 * return { response: users.map(toAccount), raw_data: client.rawData() };
 */
export function createHttpClient(args: HttpClientArgs, options: HttpClientOptions = {}): HttpClient {
  const env = options.env ?? process.env;
  const resolvedAuth = resolveAuth({ auth: args.auth ?? null, credentials: args.credentials ?? null }, options.auth);
  // Every proxy URL given or in the environment, even when proxy is false: their passwords are masked all the same.
  const proxies = typeof options.proxy === 'string' && options.proxy !== '' ? [options.proxy] : [];
  let proxyInEnv = false;
  for (const name of proxyVariables) {
    const value = env[name];
    if (value) {
      proxies.push(value);
      proxyInEnv = true;
    }
  }
  addLogSecrets(clientSecrets(args, [...resolvedAuth.secrets, ...(options.secrets ?? [])], proxies));
  // The redacted keys are only needed to show a URL, headers or a body: built then, from the environment as it is when the client is made.
  const additionalKeys = process.env['LUMOS_ADDITIONAL_REDACTED_LOG_KEYS'];
  let redactedKeys: Set<string> | undefined;
  const keys = () => (redactedKeys ??= httpRedactedKeys(Object.keys(resolvedAuth.headers), { LUMOS_ADDITIONAL_REDACTED_LOG_KEYS: additionalKeys }));
  const maskValues = (text: string) => redactLogText(text);
  /** Masks every secret in a text: values (plain, JSON-, URL- and form-encoded) and secret query parameters of the URLs in it. */
  const mask = (text: string) => redactEncoded(maskValues(text.replace(/https?:\/\/[^\s"'<>\])]+/g, (url) => redactUrl(url, keys(), maskValues))), maskValues);
  const baseUrl = options.baseUrl === undefined ? undefined : normaliseBaseUrl(options.baseUrl);
  const limiter = options.limiter !== undefined && 'acquire' in options.limiter ? options.limiter : createRateLimiter(options.limiter);
  const recorder = createRawDataRecorder(args.include_raw_data === true);
  const tlsCa = extraCaList(options);
  const debug = resolveLevel(env['LUMOS_LOG_LEVEL']).level >= 4;
  const clientPolicy = options.retry === false ? { ...defaultRetryPolicy, attempts: 1 } : { ...defaultRetryPolicy, ...options.retry };
  const clientTimeout = options.timeoutMs ?? defaultTimeoutMs;
  const proxyConfigured = options.proxy !== false && (options.proxy !== undefined || proxyInEnv);
  const bodyOptions = options.requestBody;
  // The body hook runs in ofetch's onRequest, before ofetch serialises what is left (JSON, or form for that content type).
  const transport = createTransport(
    bodyOptions === undefined
      ? {}
      : {
          onRequest: ({ options: init }) => {
            if (!isPlainBody(init.body)) return;
            if (bodyOptions.contentType !== undefined && !init.headers.has('content-type')) init.headers.set('content-type', bodyOptions.contentType);
            if (bodyOptions.serialize !== undefined) init.body = bodyOptions.serialize(init.body);
          },
        },
  );

  async function request<TSchema extends v.GenericSchema | undefined>(
    path: string,
    request: HttpRequestOptions<TSchema> = {},
  ): Promise<HttpResponse<DataOf<TSchema>>> {
    const method = (request.method ?? 'GET').toUpperCase();
    const url = buildUrl(baseUrl, path, request.query);
    // Masking costs more than a loopback request: only done when a log line, an error or raw_data needs it.
    let shown: string | undefined;
    const shownUrl = () => (shown ??= mask(redactUrl(url, keys(), maskValues)));
    const endpoint = () => `${method} ${redactLogText(withoutQuery(url))}`;
    const responseType = request.responseType ?? 'json';
    const headers = new Headers(options.headers);
    for (const name in resolvedAuth.headers) if (Object.hasOwn(resolvedAuth.headers, name)) headers.set(name, resolvedAuth.headers[name]!);
    const extra = request.headers;
    if (extra) for (const name in extra) if (Object.hasOwn(extra, name)) headers.set(name, extra[name]!);
    if (responseType === 'json' && !headers.has('accept')) headers.set('accept', 'application/json');
    const policy: RetryPolicy =
      request.retry === undefined ? clientPolicy : request.retry === false ? { ...clientPolicy, attempts: 1 } : { ...clientPolicy, ...request.retry };
    const streaming = typeof (request.body as { getReader?: unknown } | null)?.getReader === 'function';
    const replaySafe = !streaming && isReplaySafe(method, headers, request.replaySafe);
    const timeoutMs = request.timeoutMs ?? clientTimeout;
    const proxy = proxyConfigured ? proxyForUrl(new URL(url), env, options.proxy) : undefined;
    const shownProxy = proxy === undefined ? undefined : displayProxy(proxy);
    const started = Date.now();
    const context = (attempts: number, stopReason?: string): FailureContext => ({
      endpoint: endpoint(),
      attempts,
      elapsedMs: Date.now() - started,
      stopReason,
    });

    for (let attempt = 1; ; attempt++) {
      // A free slot is taken at once; a cancelled request still goes to acquire, which rejects with its reason.
      const release = (request.signal?.aborted ? undefined : limiter.tryAcquire?.()) ?? (await limiter.acquire(request.signal));
      let outcome: Attempt;
      const attemptStarted = performance.now();
      if (debug) {
        log.debug(
          `HTTP ${method} ${shownUrl()} attempt ${attempt}${shownProxy ? ` via proxy ${shownProxy}` : ''}; headers ${JSON.stringify(redactHeaders(headers, keys(), mask))}${request.body === undefined ? '' : `; body ${redactBody(request.body, keys(), mask)}`}`,
        );
      }
      // The attempt's timeout is cut short when less of the call's budget is left.
      const attemptTimeoutMs = Math.min(timeoutMs, Math.max(1, policy.budgetMs - (Date.now() - started)));
      try {
        outcome = await sendAttempt(
          { url, method, headers, body: request.body, timeoutMs: attemptTimeoutMs, proxy, ca: tlsCa, signal: request.signal },
          transport,
        );
      } finally {
        release();
      }
      const ms = Math.round(performance.now() - attemptStarted);
      if (debug) logOutcome(method, shownUrl, outcome, ms);
      if (request.signal?.aborted) throw request.signal.reason;

      let retryAfterMs: number | undefined;
      let retriable: boolean;
      let budgetBound = false;
      if (outcome.kind === 'response') {
        const hint = rateLimitHint(outcome.headers);
        if (hint.remaining === 0 && hint.resetMs !== undefined) limiter.pauseUntil(Date.now() + Math.min(hint.resetMs, policy.budgetMs));
        const allowed = request.allowStatus?.includes(outcome.status) ?? false;
        if ((outcome.status >= 200 && outcome.status < 300) || allowed) {
          return finish(outcome, url, method, endpoint, shownUrl, responseType, request.schema, attempt);
        }
        retriable = retriesStatus(outcome.status, policy, replaySafe);
        retryAfterMs = hint.retryAfterMs ?? (outcome.status === 429 ? hint.resetMs : undefined);
        if (retryAfterMs !== undefined && outcome.status === 429) limiter.pauseUntil(Date.now() + Math.min(retryAfterMs, policy.budgetMs));
      } else if (outcome.kind === 'timeout') {
        budgetBound = attemptTimeoutMs < timeoutMs;
        retriable = replaySafe && !budgetBound;
      } else {
        retriable = replaySafe && isTransientNetworkError(outcome.error) && !refusedByLoopback(url, outcome.error);
      }

      const fail = (stopReason?: string): never => {
        const failure = context(attempt, stopReason);
        let error: ConnectorError;
        if (outcome.kind === 'response') {
          const parsed = parseErrorBody(outcome.text);
          const mapped = options.onResponseError?.({
            status: outcome.status,
            statusText: outcome.statusText,
            headers: outcome.headers,
            body: parsed,
            endpoint: failure.endpoint,
            attempts: attempt,
          });
          const body = redactBody(parsed, keys(), mask, 1000);
          error = mapped ?? statusFailure(failure, outcome.status, outcome.statusText, body, attempt > 1 || stopReason !== undefined);
        } else if (outcome.kind === 'timeout') {
          error = timeoutFailure(failure, timeoutMs, budgetBound);
        } else {
          error = networkFailure(failure, outcome.error, shownProxy);
        }
        throw new ConnectorError(mask(error.message), error.code, { statusCode: error.statusCode, appErrorCode: error.appErrorCode, cause: error.cause });
      };
      if (!retriable || attempt >= policy.attempts) fail();
      const delay = retryAfterMs ?? backoffDelay(attempt, policy);
      const left = policy.budgetMs - (Date.now() - started);
      if (delay >= left) {
        const asked = retryAfterMs !== undefined ? `the app asked to wait ${duration(retryAfterMs)}` : `the next retry would start after ${duration(delay)}`;
        fail(`${asked}, more than the ${duration(Math.max(0, left))} left of the call's ${duration(policy.budgetMs)} budget`);
      }
      const why = outcome.kind === 'response' ? `answered ${outcome.status}` : outcome.kind === 'timeout' ? 'timed out' : 'could not connect';
      log.info(`HTTP ${method} ${shownUrl()} ${why}; retrying in ${duration(delay)} (attempt ${attempt + 1} of ${policy.attempts})`);
      await sleep(delay, request.signal);
    }
  }

  function finish<TSchema extends v.GenericSchema | undefined>(
    outcome: Extract<Attempt, { kind: 'response' }>,
    url: string,
    method: string,
    endpoint: () => string,
    shownUrl: () => string,
    responseType: 'json' | 'text',
    schema: TSchema | undefined,
    attempts: number,
  ): HttpResponse<DataOf<TSchema>> {
    const snippet = (text: string) => redactBody(text, keys(), mask, 200);
    const ok = outcome.status >= 200 && outcome.status < 300;
    let data: unknown;
    if (responseType === 'text') data = outcome.text;
    else if (!ok) data = parseErrorBody(outcome.text);
    else {
      const parsed = parseJsonBody(outcome.text, outcome.headers.get('content-type'));
      if (!parsed.ok)
        throw new ConnectorError(mask(bodyFailure(endpoint(), outcome.status, parsed.problem, snippet(outcome.text)).message), 'api_error', {
          statusCode: outcome.status,
        });
      data = parsed.data;
    }
    if (recorder.enabled) recorder.record({ method, url: shownUrl(), status: outcome.status, body: data });
    // An error answer returned through allowStatus is the app's error body, not the success shape the schema describes.
    if (schema !== undefined && ok) {
      // A schema given its check at compile time (the connector's exported ones) is checked with it at any size.
      const parsed = safeParseLarge(schema, data, outcome.text.length >= fastCheckMinBytes || hasCompiledCheck(schema));
      if (!parsed.success) {
        const error = schemaFailure(endpoint(), parsed.issues);
        throw new ConnectorError(mask(error.message), error.code);
      }
      data = parsed.output;
    }
    return { status: outcome.status, headers: outcome.headers, url, data: data as DataOf<TSchema>, attempts };
  }

  function logOutcome(method: string, shownUrl: () => string, outcome: Attempt, ms: number): void {
    if (outcome.kind === 'response') {
      log.debug(
        `HTTP ${method} ${shownUrl()} → ${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ''} in ${ms} ms; headers ${JSON.stringify(redactHeaders(outcome.headers, keys(), mask))}; body ${redactBody(outcome.text, keys(), mask)}`,
      );
    } else if (outcome.kind === 'timeout') {
      log.debug(`HTTP ${method} ${shownUrl()} → timed out after ${ms} ms`);
    } else {
      const cause = outcome.error;
      const code = (cause as { code?: unknown }).code;
      log.debug(
        `HTTP ${method} ${shownUrl()} → failed after ${ms} ms: ${typeof code === 'string' ? code : ''} ${mask(cause instanceof Error ? cause.message : String(cause))}`,
      );
    }
  }

  const send =
    (method: string) =>
    async <TSchema extends v.GenericSchema | undefined = undefined>(path: string, init: MethodOptions<TSchema> = {}): Promise<DataOf<TSchema>> =>
      (await request<TSchema>(path, { ...init, method })).data;

  return {
    request,
    get: send('GET'),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: send('DELETE'),
    rawData: () => {
      const raw = recorder.rawData();
      // raw_data is the app's data as it is, except that it must never echo the request's secrets back.
      return raw === null ? null : { responses: raw.responses.map((entry) => ({ ...entry, body: redactJson(entry.body, undefined, mask) })) };
    },
    url: (path, query) => buildUrl(baseUrl, path, query),
    limiter,
  };
}

/** A body ofetch serialises: a plain object or array (strings, `URLSearchParams`, `FormData`, binary and streams are sent as they are). */
function isPlainBody(body: unknown): boolean {
  if (
    typeof body !== 'object' ||
    body === null ||
    body instanceof URLSearchParams ||
    body instanceof FormData ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob
  )
    return false;
  return (
    Array.isArray(body) ||
    Object.getPrototypeOf(body) === Object.prototype ||
    Object.getPrototypeOf(body) === null ||
    typeof (body as { toJSON?: unknown }).toJSON === 'function'
  );
}
