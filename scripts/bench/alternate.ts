/** A measured command: one run, returning the sample it measured (e.g. milliseconds). */
export type Measured = () => Promise<number>;

/** How {@link alternate} runs. */
export interface AlternateOptions {
  /** Rounds whose samples are kept. */
  rounds: number;
  /** Rounds run first and thrown away (page cache, CPU frequency, the API's JIT). */
  warmup?: number;
  /** Called after each kept round, for progress on stderr. */
  onRound?: (round: number) => void;
}

/**
 * Runs every subject once per round, rotating the order each round, so that drift on the machine
 * (other load, thermal state) falls on all subjects alike instead of on whichever ran last.
 */
export async function alternate<TName extends string>(subjects: Record<TName, Measured>, options: AlternateOptions): Promise<Record<TName, number[]>> {
  const names = Object.keys(subjects) as TName[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<TName, number[]>;
  const warmup = options.warmup ?? 0;
  for (let round = 0; round < warmup + options.rounds; round++) {
    const offset = round % names.length;
    const order = [...names.slice(offset), ...names.slice(0, offset)];
    for (const name of order) {
      const sample = await subjects[name]();
      if (round >= warmup) samples[name].push(sample);
    }
    if (round >= warmup) options.onRound?.(round - warmup + 1);
  }
  return samples;
}
