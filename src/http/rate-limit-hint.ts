/** What an app's response says about its rate limit. */
export interface RateLimitHint {
  /** How long to wait before the next request, from `Retry-After` (seconds or an HTTP date), in ms. */
  retryAfterMs?: number;
  /** Requests left in the current window, from `X-RateLimit-Remaining`, `RateLimit-Remaining` or `RateLimit`. */
  remaining?: number;
  /** How long until the window resets, from `X-RateLimit-Reset`, `RateLimit-Reset` or `RateLimit`, in ms. */
  resetMs?: number;
}

/**
 * Reads the rate-limit headers of a response: `Retry-After` (delta seconds or HTTP date), the
 * `X-RateLimit-*` family (reset as delta seconds, epoch seconds or epoch milliseconds, as vendors
 * differ), the IETF `RateLimit-*` fields and the structured `RateLimit: "default";r=0;t=5` field.
 */
export function rateLimitHint(headers: Headers, now: number = Date.now()): RateLimitHint {
  const hint: RateLimitHint = {};
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) hint.retryAfterMs = retryAfter;
  const remaining = firstNumber(headers, ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining']);
  if (remaining !== undefined) hint.remaining = remaining;
  const reset = firstNumber(headers, ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset']);
  if (reset !== undefined) hint.resetMs = resetDelay(reset, now);
  const resetAfter = firstNumber(headers, ['x-ratelimit-reset-after']);
  if (hint.resetMs === undefined && resetAfter !== undefined) hint.resetMs = Math.max(0, resetAfter * 1000);
  const structured = headers.get('ratelimit');
  if (structured) {
    const r = /(?:^|[;,\s])(?:r|remaining)=(\d+(?:\.\d+)?)/.exec(structured);
    const t = /(?:^|[;,\s])(?:t|reset)=(\d+(?:\.\d+)?)/.exec(structured);
    if (hint.remaining === undefined && r) hint.remaining = Number(r[1]);
    if (hint.resetMs === undefined && t) hint.resetMs = Number(t[1]) * 1000;
  }
  return hint;
}

/** Parses `Retry-After`: delta seconds or an HTTP date; a date in the past means 0; garbage means undefined. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  // Only real dates: Date.parse would also read bare numbers and negative values.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** A reset value as a delay: vendors send delta seconds, epoch seconds (Okta, GitHub) or epoch ms. */
function resetDelay(value: number, now: number): number {
  if (value > 1e12) return Math.max(0, value - now);
  if (value > 1e9) return Math.max(0, value * 1000 - now);
  return Math.max(0, value * 1000);
}

function firstNumber(headers: Headers, names: readonly string[]): number | undefined {
  for (const name of names) {
    const raw = headers.get(name);
    if (raw == null) continue;
    // Some gateways repeat the header; Headers joins them with ", ": the first value counts.
    const number = Number(raw.split(',')[0]!.trim());
    if (raw.trim() !== '' && Number.isFinite(number) && number >= 0) return number;
  }
  return undefined;
}
