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

/** What {@link executionSummary} may be told beyond the effect. */
export interface ExecutionSummaryOptions {
  /** A sentence for the person reading the result. */
  description?: string;
  /**
   * The capability that ran (`context.capability`): it goes into the fingerprint, so assigning and
   * unassigning the same pair get different fingerprints.
   */
  capability?: string;
  /**
   * Whether sending the same request again changes nothing more. Defaults to true for `updated`,
   * `deleted` and `noop` (the app is now in the asked-for state) and to false for `created` (a
   * replay may create a second one or fail): say `true` when the handler looked for an existing
   * one first, so that a replay ends as a `noop`.
   */
  idempotent?: boolean;
}

/**
 * Builds a write's `execution_summary`. A `noop` says the app was already in the asked-for state.
 *
 * @example
 * return { response: { assigned: true }, execution_summary: executionSummary(args.request, 'created', { capability: context.capability, idempotent: true }) };
 */
export function executionSummary(payload: unknown, effect: Effect, options: string | ExecutionSummaryOptions = {}): ExecutionSummaryInput {
  const { description, capability, idempotent } = typeof options === 'string' ? { description: options } : (options as ExecutionSummaryOptions);
  return {
    effect: effect === 'noop' ? { kind: 'noop', reason: 'state_already_matches' } : { kind: effect },
    request_fingerprint: requestFingerprint(capability === undefined ? payload : { capability, request: payload }),
    is_idempotent: idempotent ?? effect !== 'created',
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
