import * as v from 'valibot';

/** The mock connector's settings. */
export const MockSettings = v.object({
  /** The tenant's host; it names the tenant and the accounts' e-mail domain. */
  host: v.pipe(v.string(), v.minLength(1, 'host must not be empty'), v.title('Host')),
  /** How many accounts the generated tenant holds. */
  account_count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000), v.title('Account count')), 300),
  /** A JSON file where writes are kept between calls; without it, writes last one call. */
  state_file: v.optional(v.pipe(v.string(), v.title('State file'))),
});

/** The parsed settings a handler receives. */
export type MockSettings = v.InferOutput<typeof MockSettings>;
