import { describe, expect, test } from 'bun:test';
import { parseRetryAfter, rateLimitHint } from './rate-limit-hint.ts';

const now = Date.parse('2026-01-01T00:00:00Z');

describe('Retry-After', () => {
  test('delta seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });

  test('an HTTP date, past dates meaning now', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
  });

  test('garbage is ignored', () => {
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('rate-limit headers', () => {
  test('X-RateLimit-Reset as epoch seconds (Okta, GitHub)', () => {
    const headers = new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 42) });
    expect(rateLimitHint(headers, now)).toEqual({ remaining: 0, resetMs: 42_000 });
  });

  test('X-RateLimit-Reset as delta seconds, and as epoch milliseconds', () => {
    expect(rateLimitHint(new Headers({ 'x-ratelimit-reset': '7' }), now).resetMs).toBe(7000);
    expect(rateLimitHint(new Headers({ 'x-ratelimit-reset': String(now + 2500) }), now).resetMs).toBe(2500);
  });

  test('IETF RateLimit-* fields and the structured RateLimit field', () => {
    expect(rateLimitHint(new Headers({ 'ratelimit-remaining': '3', 'ratelimit-reset': '10' }), now)).toEqual({ remaining: 3, resetMs: 10_000 });
    expect(rateLimitHint(new Headers({ ratelimit: '"default";r=0;t=5' }), now)).toEqual({ remaining: 0, resetMs: 5000 });
    expect(rateLimitHint(new Headers({ ratelimit: 'limit=100, remaining=0, reset=9' }), now)).toEqual({ remaining: 0, resetMs: 9000 });
  });

  test('Retry-After alongside the others', () => {
    const headers = new Headers({ 'retry-after': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' });
    expect(rateLimitHint(headers, now)).toEqual({ retryAfterMs: 2000, remaining: 0, resetMs: 30_000 });
  });

  test('no headers, no hint', () => {
    expect(rateLimitHint(new Headers(), now)).toEqual({});
    expect(rateLimitHint(new Headers({ 'x-ratelimit-remaining': 'lots' }), now)).toEqual({});
  });
});
