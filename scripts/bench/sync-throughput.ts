import { alternate } from './alternate.ts';
import { resultRow, type BarResult, type ResultRow } from './result-row.ts';
import { summarize } from './stats.ts';
import { walkList, type Walk } from './walk-list.ts';

/** One page size to walk, and how. */
export interface SyncPlan {
  size: number;
  /** The most pages a walk reads (a prefix of the list when fewer than the list holds). */
  maxPages: number;
  rounds: number;
  warmup: number;
}

/** What the sync section needs. */
export interface SyncInput {
  connector: string;
  fetchLoop: string;
  baseUrl: string;
  accounts: number;
  plans: readonly SyncPlan[];
  say: (line: string) => void;
}

/** What the sync section measured: rows, bars, and the connector's median cost of one page per size. */
export interface SyncOutcome {
  rows: ResultRow[];
  bars: BarResult[];
  pageMs: Record<number, number>;
}

/**
 * Sync throughput: the compiled bench connector and the compiled fetch-and-print loop each walk
 * `list_accounts` one process per page, alternating walk by walk.
 */
export async function syncThroughput(input: SyncInput): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { rows: [], bars: [], pageMs: {} };
  for (const plan of input.plans) {
    const walks: Record<'connector' | 'loop', Walk[]> = { connector: [], loop: [] };
    const walk = (who: 'connector' | 'loop', executable: string) => async () => {
      const result = await walkList(executable, input.baseUrl, plan.size, plan.maxPages);
      walks[who].push(result);
      return result.ms;
    };
    const pages = Math.min(plan.maxPages, Math.ceil(input.accounts / plan.size));
    const scope = pages * plan.size >= input.accounts ? `all ${input.accounts} accounts` : `first ${pages} pages (${pages * plan.size} of ${input.accounts} accounts)`;
    input.say(`sync, page size ${plan.size}: ${scope}, ${pages} processes per walk, ${plan.rounds} rounds (+${plan.warmup} warm-up)`);
    const samples = await alternate(
      { connector: walk('connector', input.connector), loop: walk('loop', input.fetchLoop) },
      { rounds: plan.rounds, warmup: plan.warmup, onRound: (round) => input.say(`  round ${round}/${plan.rounds}`) },
    );
    // Warm-up walks are dropped from the per-walk records too.
    const kept = (who: 'connector' | 'loop') => walks[who].slice(plan.warmup);
    for (const who of ['connector', 'loop'] as const) {
      const label = who === 'connector' ? 'compiled connector (HTTP kit)' : 'floor: compiled fetch-and-print loop';
      const mine = kept(who);
      const items = mine[0]?.items ?? 0;
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: walk`, 'ms', summarize(samples[who]), scope));
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: per page`, 'ms', summarize(mine.map((w) => w.ms / w.pages))));
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: throughput`, 'accounts/s', summarize(mine.map((w) => (w.items / w.ms) * 1000)), `${items} accounts per walk`));
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: CPU per page`, 'ms', summarize(mine.map((w) => w.cpuMs / w.pages)), 'user+system of the page process'));
    }
    const connector = summarize(samples.connector).median;
    const measured = connector / summarize(samples.loop).median;
    outcome.pageMs[plan.size] = connector / pages;
    outcome.bars.push({ bar: `sync, page size ${plan.size}: connector / fetch loop`, measured, limit: 1.25, met: measured <= 1.25, note: `ratio of median walk times; ${scope}` });
  }
  return outcome;
}
