/** When and how the HTTP client retries a call. */
export interface RetryPolicy {
  /** Attempts per call, the first included (default 5). */
  attempts: number;
  /** The whole call, waits and retries included, must end within this many ms (default 120 000). */
  budgetMs: number;
  /** The first backoff delay in ms (default 1000); each retry doubles it. */
  baseDelayMs: number;
  /** The longest backoff delay in ms (default 30 000); a `Retry-After` may ask for more, within the budget. */
  maxDelayMs: number;
  /** Each backoff delay is moved by up to this fraction either way (default 0.25). */
  jitter: number;
  /** Statuses worth another attempt (default 429, 502, 503, 504). */
  statuses: readonly number[];
  /**
   * Statuses of `statuses` that prove the app did not process the request, so that even a write
   * without an `Idempotency-Key` is sent again (default 429: rate limiting refuses a request
   * before it runs). Never add a 5xx here: the write may have happened.
   */
  unprocessedStatuses: readonly number[];
}

/** The default retry policy: 5 attempts, backoff 1 s, 2 s, 4 s, 8 s (±25 %), at most 30 s, 120 s per call. */
export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  budgetMs: 120_000,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  jitter: 0.25,
  statuses: [429, 502, 503, 504],
  unprocessedStatuses: [429],
};

/** Whether an answer with `status` is sent again: a status of `statuses`, and the request replay-safe or the status one that proves it was not processed. */
export function retriesStatus(status: number, policy: RetryPolicy, replaySafe: boolean): boolean {
  return policy.statuses.includes(status) && (replaySafe || policy.unprocessedStatuses.includes(status));
}

/**
 * Whether a connection failure is a loopback address refusing the connection: nothing listens
 * on that port, and no load balancer in between is restarting, so retrying only makes the caller
 * wait (a connector pointed at a stopped local app answered after 17 s of backoff).
 */
export function refusedByLoopback(url: string, error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  const code = (cause as { code?: unknown } | null)?.code ?? (error as { code?: unknown } | null)?.code;
  if (code !== 'ECONNREFUSED' && code !== 'ConnectionRefused') return false;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Methods that HTTP defines as idempotent: replaying them is safe. */
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** The backoff before retry number `retry` (1 for the first retry), with jitter; `random` is in [0, 1). */
export function backoffDelay(retry: number, policy: RetryPolicy, random: number = Math.random()): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  const jittered = exponential * (1 - policy.jitter + 2 * policy.jitter * random);
  return Math.max(0, Math.round(jittered));
}

/**
 * Whether a request may be sent again: idempotent methods may; POST and PATCH only with an
 * `Idempotency-Key` header or when the caller says so.
 */
export function isReplaySafe(method: string, headers: Headers, replaySafe: boolean | undefined): boolean {
  if (replaySafe !== undefined) return replaySafe;
  if (idempotentMethods.has(method.toUpperCase())) return true;
  return headers.has('idempotency-key') || headers.has('x-idempotency-key');
}
