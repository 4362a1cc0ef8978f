import { describe, expect, test } from 'bun:test';
import { backoffDelay, defaultRetryPolicy, isReplaySafe } from './retry-policy.ts';

describe('backoff', () => {
  test('doubles from 1 s, capped at 30 s, moved by at most 25 % either way', () => {
    const middle = [1, 2, 3, 4, 5, 6, 7].map((retry) => backoffDelay(retry, defaultRetryPolicy, 0.5));
    expect(middle).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    expect(backoffDelay(1, defaultRetryPolicy, 0)).toBe(750);
    expect(backoffDelay(1, defaultRetryPolicy, 0.999999)).toBe(1250);
    expect(backoffDelay(6, defaultRetryPolicy, 0.999999)).toBe(37_500);
  });

  test('the defaults', () => {
    expect(defaultRetryPolicy).toEqual({ attempts: 5, budgetMs: 120_000, baseDelayMs: 1000, maxDelayMs: 30_000, jitter: 0.25, statuses: [429, 502, 503, 504] });
  });
});

describe('replay safety', () => {
  test('idempotent methods may be replayed; POST and PATCH only when marked', () => {
    const none = new Headers();
    for (const method of ['GET', 'head', 'PUT', 'DELETE', 'OPTIONS']) expect(isReplaySafe(method, none, undefined)).toBe(true);
    expect(isReplaySafe('POST', none, undefined)).toBe(false);
    expect(isReplaySafe('PATCH', none, undefined)).toBe(false);
    expect(isReplaySafe('POST', new Headers({ 'Idempotency-Key': 'k1' }), undefined)).toBe(true);
    expect(isReplaySafe('PATCH', none, true)).toBe(true);
    expect(isReplaySafe('GET', none, false)).toBe(false);
  });
});
