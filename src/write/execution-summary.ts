import type * as v from 'valibot';
import type { ExecutionSummary } from '../wire/generated/models.ts';

/** What a write did. */
export type Effect = 'created' | 'updated' | 'deleted' | 'noop';

/** A write's `execution_summary`, as the handler returns it. */
export type ExecutionSummaryInput = v.InferInput<typeof ExecutionSummary>;

/**
 * A stable fingerprint of a request payload: SHA-256 of its JSON with keys sorted at every level,
 * so the same request always gets the same fingerprint whatever its key order.
 */
export function requestFingerprint(payload: unknown): string {
  return new Bun.CryptoHasher('sha256').update(canonicalJson(payload)).digest('hex');
}

/**
 * Builds a write's `execution_summary`. A `noop` says the app was already in the asked-for state.
 *
 * @example
 * return { response: { activated: true, status: 'ACTIVE' }, execution_summary: executionSummary(args.request, 'noop') };
 */
export function executionSummary(payload: unknown, effect: Effect, description?: string): ExecutionSummaryInput {
  return {
    effect: effect === 'noop' ? { kind: 'noop', reason: 'state_already_matches' } : { kind: effect },
    request_fingerprint: requestFingerprint(payload),
    is_idempotent: true,
    ...(description === undefined ? {} : { description }),
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
