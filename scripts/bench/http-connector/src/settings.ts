import * as v from 'valibot';

/** The bench connector's settings: where the fake API listens. */
export const BenchSettings = v.object({
  base_url: v.pipe(v.string(), v.title('Base URL')),
});

/** The parsed settings a handler receives. */
export type BenchSettings = v.InferOutput<typeof BenchSettings>;
