import { alternate, type Measured } from './alternate.ts';
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
  /** The bar: connector / fetch loop, ratio of median walk times (the goal stays 1.25×). */
  limit: number;
  /** Also walk the connector the agent's own way (`--json-file`, gzip `--result-file-path`). */
  agentStyle: boolean;
}

/** What the sync section needs. */
export interface SyncInput {
  connector: string;
  fetchLoop: string;
  baseUrl: string;
  accounts: number;
  plans: readonly SyncPlan[];
  /** A scratch folder for the agent-style walk's request and result files. */
  folder: string;
  say: (line: string) => void;
}

/** What the sync section measured: rows, bars, and the connector's median cost of one page per size. */
export interface SyncOutcome {
  rows: ResultRow[];
  bars: BarResult[];
  pageMs: Record<number, number>;
}

type Who = 'connector' | 'loop' | 'agent';
const labels: Record<Who, string> = {
  connector: 'compiled connector (HTTP kit)',
  agent: 'compiled connector, agent style',
  loop: 'floor: compiled fetch-and-print loop',
};

/**
 * Sync throughput: the compiled bench connector and the compiled fetch-and-print loop each walk
 * `list_accounts` one process per page, alternating walk by walk.
 */
export async function syncThroughput(input: SyncInput): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { rows: [], bars: [], pageMs: {} };
  for (const plan of input.plans) {
    const walks: Record<Who, Walk[]> = { connector: [], loop: [], agent: [] };
    const walk = (who: Who, executable: string) => async () => {
      const result = await walkList(executable, input.baseUrl, plan.size, plan.maxPages, who === 'agent' ? input.folder : undefined);
      walks[who].push(result);
      return result.ms;
    };
    const pages = Math.min(plan.maxPages, Math.ceil(input.accounts / plan.size));
    const scope =
      pages * plan.size >= input.accounts ? `all ${input.accounts} accounts` : `first ${pages} pages (${pages * plan.size} of ${input.accounts} accounts)`;
    input.say(`sync, page size ${plan.size}: ${scope}, ${pages} processes per walk, ${plan.rounds} rounds (+${plan.warmup} warm-up)`);
    const subjects: Partial<Record<Who, Measured>> = { connector: walk('connector', input.connector), loop: walk('loop', input.fetchLoop) };
    if (plan.agentStyle) subjects.agent = walk('agent', input.connector);
    const samples: Partial<Record<Who, number[]>> = await alternate(subjects as Record<string, Measured>, {
      rounds: plan.rounds,
      warmup: plan.warmup,
      onRound: (round) => input.say(`  round ${round}/${plan.rounds}`),
    });
    // Warm-up walks are dropped from the per-walk records too.
    const kept = (who: Who) => walks[who].slice(plan.warmup);
    for (const who of plan.agentStyle ? (['connector', 'agent', 'loop'] as const) : (['connector', 'loop'] as const)) {
      const label = labels[who];
      const mine = kept(who);
      const items = mine[0]?.items ?? 0;
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: walk`, 'ms', summarize(samples[who]!), scope));
      outcome.rows.push(resultRow('sync', `${label}, page ${plan.size}: per page`, 'ms', summarize(mine.map((w) => w.ms / w.pages))));
      outcome.rows.push(
        resultRow(
          'sync',
          `${label}, page ${plan.size}: throughput`,
          'accounts/s',
          summarize(mine.map((w) => (w.items / w.ms) * 1000)),
          `${items} accounts per walk`,
        ),
      );
      outcome.rows.push(
        resultRow('sync', `${label}, page ${plan.size}: CPU per page`, 'ms', summarize(mine.map((w) => w.cpuMs / w.pages)), 'user+system of the page process'),
      );
    }
    const connector = summarize(samples.connector!).median;
    const measured = connector / summarize(samples.loop!).median;
    outcome.pageMs[plan.size] = connector / pages;
    const note = `ratio of median walk times; ${scope}; goal 1.25×`;
    outcome.bars.push({ bar: `sync, page size ${plan.size}: connector / fetch loop`, measured, limit: plan.limit, met: measured <= plan.limit, note });
  }
  return outcome;
}
