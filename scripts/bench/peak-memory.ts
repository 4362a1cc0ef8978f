import { existsSync } from 'node:fs';
import { encodePageToken } from '../../src/http/page-token.ts';
import { alternate } from './alternate.ts';
import { listRequest } from './walk-list.ts';
import { resultRow, type BarResult, type ResultRow } from './result-row.ts';
import { summarize } from './stats.ts';
import { peakRss } from './peak-rss.ts';
import { python } from './python-start.ts';
import { timedRun } from './timed-run.ts';

/** What the memory section needs. */
export interface MemoryInput {
  connector: string;
  fetchLoop: string;
  baseUrl: string;
  accounts: number;
  /** Page sizes of the single calls, e.g. 1,000 / 10,000 / 100,000. */
  sizes: readonly number[];
  rounds: number;
  say: (line: string) => void;
}

const mib = 1024 * 1024;

/**
 * Peak RSS (wait4's ru_maxrss of the finished process, see {@link peakRss}: nothing to install,
 * nothing racing the exit) of one `list_accounts` call per page size, and of the smallest page read
 * from the end of the tenant to show that the tenant's size does not matter. Each call is first run
 * once to check its answer and measure its output.
 */
export async function peakMemory(input: MemoryInput): Promise<{ rows: ResultRow[]; bars: BarResult[] }> {
  if (!existsSync(python)) {
    return {
      rows: [
        {
          section: 'memory',
          measure: 'peak RSS',
          unit: 'MiB',
          median: Number.NaN,
          min: Number.NaN,
          max: Number.NaN,
          n: 0,
          note: `unavailable: ${python} (the fork-and-wait4 parent) not found`,
        },
      ],
      bars: [],
    };
  }
  const smallest = Math.min(...input.sizes);
  const lastOffset = input.accounts - smallest;
  const cases = [
    ...input.sizes.map((size) => ({ label: `${size} items`, size, connectorToken: null, loopToken: null })),
    {
      label: `${smallest} items from offset ${lastOffset}`,
      size: smallest,
      connectorToken: encodePageToken({ list: 'accounts', cursors: { accounts: { cursor: `c${lastOffset}`, seen: [] } } }),
      loopToken: `c${lastOffset}`,
    },
  ];
  const subjects: Record<string, () => Promise<number>> = {};
  const bytes: Record<string, number> = {};
  for (const entry of cases) {
    for (const [name, executable, token] of [
      [`compiled connector, ${entry.label}`, input.connector, entry.connectorToken],
      [`floor: fetch loop, ${entry.label}`, input.fetchLoop, entry.loopToken],
    ] as const) {
      const command = [executable, 'list_accounts', '--json', listRequest(input.baseUrl, entry.size, token)];
      const check = await timedRun(command);
      const items = (JSON.parse(check.stdout) as { response?: unknown[] | null }).response?.length;
      if (items !== entry.size) throw new Error(`${name}: expected ${entry.size} items, got ${check.stdout.slice(0, 300)}`);
      bytes[name] = check.stdout.length;
      subjects[name] = async () => (await peakRss(command)) / mib;
    }
  }
  input.say(`memory: ${Object.keys(subjects).length} calls × ${input.rounds} rounds, alternated`);
  const samples = await alternate(subjects, { rounds: input.rounds, warmup: 1 });
  const rows = Object.entries(samples).map(([name, values]) => {
    const output = bytes[name] ?? 0;
    return resultRow('memory', `peak RSS, ${name}`, 'MiB', summarize(values), `${(output / mib).toFixed(1)} MiB of JSON on stdout`);
  });
  const median = (name: string) => summarize(samples[name]!).median;
  const largest = Math.max(...input.sizes);
  const perItem = ((median(`compiled connector, ${largest} items`) - median(`compiled connector, ${smallest} items`)) * mib) / (largest - smallest);
  const outputPerItem = (bytes[`compiled connector, ${largest} items`] ?? 0) / largest;
  const loopPerItem = ((median(`floor: fetch loop, ${largest} items`) - median(`floor: fetch loop, ${smallest} items`)) * mib) / (largest - smallest);
  rows.push({
    section: 'memory',
    measure: `growth per item, ${smallest} → ${largest} items, connector`,
    unit: 'B/item',
    median: perItem,
    min: perItem,
    max: perItem,
    n: 1,
    note: `${(perItem / outputPerItem).toFixed(1)}× the ${outputPerItem.toFixed(0)} B of output JSON per item`,
  });
  rows.push({
    section: 'memory',
    measure: `growth per item, ${smallest} → ${largest} items, fetch loop`,
    unit: 'B/item',
    median: loopPerItem,
    min: loopPerItem,
    max: loopPerItem,
    n: 1,
    note: 'floor',
  });
  const tenantRatio = median(`compiled connector, ${cases.at(-1)!.label}`) / median(`compiled connector, ${smallest} items`);
  const bars: BarResult[] = [
    {
      bar: `memory: peak RSS, ${smallest} items at the tenant's end / at its start`,
      measured: tenantRatio,
      limit: 1.1,
      met: tenantRatio <= 1.1,
      note: `grows with the page (${perItem.toFixed(0)} B per item), not with the ${input.accounts}-account tenant`,
    },
  ];
  return { rows, bars };
}
