#!/usr/bin/env bun
/**
 * `npm run bench`: measures SPEC §6's bars in one run — cold start, sync throughput, peak memory and
 * validation cost — alternating the measured commands, and prints median, min and max as a table
 * on stdout (progress on stderr). Results also go to `build/bench.json`. Method: docs/bench.md.
 * `--quick` shortens every section for a smoke test; its numbers are not the benchmark's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { coldStart } from './cold-start.ts';
import { compileConnector } from './compile-connector.ts';
import { compileProgram } from './compile-program.ts';
import { startFakeApi, type FakeApi } from './fake-api.ts';
import { describeMachine } from './machine.ts';
import { peakMemory } from './peak-memory.ts';
import type { BarResult, ResultRow } from './result-row.ts';
import { resultTable } from './result-table.ts';
import { syncThroughput, type SyncPlan } from './sync-throughput.ts';
import { validationCost } from './validation-cost.ts';

const root = join(import.meta.dir, '..', '..');
const quick = process.argv.includes('--quick');
const accounts = 100_000;
const config = {
  quick,
  accounts,
  coldStartRounds: quick ? 5 : 40,
  sync: (quick
    ? [
        { size: 1000, maxPages: 10, rounds: 1, warmup: 0, limit: 1.5, agentStyle: true },
        { size: 100, maxPages: 20, rounds: 1, warmup: 0, limit: 1.75, agentStyle: false },
      ]
    : [
        { size: 1000, maxPages: Number.POSITIVE_INFINITY, rounds: 5, warmup: 1, limit: 1.5, agentStyle: true },
        { size: 100, maxPages: Number.POSITIVE_INFINITY, rounds: 3, warmup: 0, limit: 1.75, agentStyle: false },
      ]) satisfies SyncPlan[],
  memorySizes: [1000, 10_000, 100_000],
  memoryRounds: quick ? 1 : 3,
  validationRounds: quick ? 2 : 7,
};

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const started = performance.now();
const folder = mkdtempSync(join(tmpdir(), 'connector-bench-'));
let api: FakeApi | undefined;
const cleanUp = async () => {
  await api?.stop();
  api = undefined;
  rmSync(folder, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

try {
  const machine = describeMachine();
  say(`${machine}${quick ? ' — QUICK run: not the benchmark' : ''}`);
  say('compiling the mock connector, the bench connector (connector compile-on-prem), the fetch loop and the validation probe…');
  const mock = await compileConnector('mock-connector', join(root, 'connectors/mock-connector'), folder);
  const bench = await compileConnector('bench-http-connector', join(root, 'scripts/bench/http-connector'), folder);
  const fetchLoop = await compileProgram(join(import.meta.dir, 'programs/fetch-loop.ts'), join(folder, 'fetch-loop'));
  const validateOnce = await compileProgram(join(import.meta.dir, 'programs/validate-once.ts'), join(folder, 'validate-once'));
  const rows: ResultRow[] = [];
  const bars: BarResult[] = [];
  // Cold start runs before the fake API's pages exist, while this process is still small.
  const cold = await coldStart({
    connector: mock,
    source: join(root, 'connectors/mock-connector/src/main.ts'),
    root,
    folder,
    rounds: config.coldStartRounds,
    say,
  });
  say(`generating the fake API's pages (${accounts} accounts)…`);
  api = startFakeApi(accounts, [...new Set([...config.sync.map((plan) => plan.size), ...config.memorySizes])]);
  const sync = await syncThroughput({ connector: bench, fetchLoop, baseUrl: api.url, accounts, plans: config.sync, folder, say });
  const memory = await peakMemory({ connector: bench, fetchLoop, baseUrl: api.url, accounts, sizes: config.memorySizes, rounds: config.memoryRounds, say });
  const validation = await validationCost({ items: accounts, rounds: config.validationRounds, pageMs: sync.pageMs[1000], pageSize: 1000, validateOnce, say });
  rows.push(...cold.rows, ...sync.rows, ...memory.rows, ...validation);
  bars.push(...cold.bars, ...sync.bars, ...memory.bars);

  const seconds = (performance.now() - started) / 1000;
  const outFile = join(root, 'build', 'bench.json');
  mkdirSync(join(root, 'build'), { recursive: true });
  writeFileSync(
    outFile,
    `${JSON.stringify({ date: new Date().toISOString(), machine, seconds, config, rows, bars }, (_, value) => (value === Number.POSITIVE_INFINITY ? 'all' : value), 2)}\n`,
  );
  say(`done in ${seconds.toFixed(0)} s; results in ${relative(process.cwd(), outFile)}`);
  process.stdout.write(resultTable(machine, rows, bars));
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
