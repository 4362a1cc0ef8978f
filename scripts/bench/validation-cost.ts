import * as v from 'valibot';
import { fastCheckMinItems } from '../../src/validation/fast-check.ts';
import { FoundAccountData, ListAccountsResponse } from '../../src/wire/generated/models.ts';
import { ApiUsersPage } from './http-connector/src/api-user.ts';
import { toAccount } from './http-connector/src/to-account.ts';
import { fakeUser } from './fake-api.ts';
import { resultRow, type ResultRow } from './result-row.ts';
import { summarize } from './stats.ts';
import { timedRun } from './timed-run.ts';

/** What the validation section needs. */
export interface ValidationInput {
  items: number;
  rounds: number;
  /** The connector's median cost of one page of `pageSize` items, from the sync section. */
  pageMs: number | undefined;
  pageSize: number;
  /** The compiled programs/validate-once.ts. */
  validateOnce: string;
  say: (line: string) => void;
}

/**
 * Validation cost, in this process: `items` accounts against the wire schema (the array of
 * FoundAccountData, and the ListAccountsResponse envelope), and the fake API's users against the
 * bench connector's upstream schema — the two checks a `list_accounts` call makes — alternated;
 * then one page's wire check in fresh compiled processes, where the JIT is cold.
 */
export async function validationCost(input: ValidationInput): Promise<ResultRow[]> {
  const users = Array.from({ length: input.items }, (_, index) => fakeUser(index));
  const accounts = users.map(toAccount);
  const wire = v.array(FoundAccountData);
  const checks: Record<string, () => boolean> = {
    [`wire: v.array(FoundAccountData), ${input.items} accounts`]: () => v.safeParse(wire, accounts).success,
    [`wire: ListAccountsResponse envelope, ${input.items} accounts`]: () =>
      v.safeParse(ListAccountsResponse, { response: accounts, page: null, raw_data: null }).success,
    [`upstream: ApiUsersPage, ${input.items} users`]: () => v.safeParse(ApiUsersPage, { items: users, next_cursor: null }).success,
  };
  input.say(`validation: ${Object.keys(checks).length} checks × ${input.rounds} rounds, alternated, in-process`);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(checks).map((name) => [name, []]));
  const names = Object.keys(checks);
  for (let round = 0; round < input.rounds + 1; round++) {
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const started = performance.now();
      if (!checks[name]!()) throw new Error(`${name}: validation failed`);
      if (round > 0) samples[name]!.push(performance.now() - started);
    }
  }

  const share = (ms: number) =>
    input.pageMs === undefined
      ? 'no page time measured'
      : `${(((ms * input.pageSize) / input.items / input.pageMs) * 100).toFixed(1)}% of a ${input.pageSize}-item page (${input.pageMs.toFixed(1)} ms)`;
  // A connector process validates once, with a cold JIT: time that in fresh compiled processes.
  const cold: number[] = [];
  const coldCompiled: number[] = [];
  for (let round = 0; round < input.rounds; round++) {
    const order = round % 2 === 0 ? (['valibot', 'fastcheck'] as const) : (['fastcheck', 'valibot'] as const);
    for (const mode of order) {
      const ms = Number((await timedRun([input.validateOnce, String(input.pageSize), mode])).stdout);
      (mode === 'valibot' ? cold : coldCompiled).push(ms);
    }
  }

  const rows = Object.entries(samples).map(([name, values]) => {
    const summary = summarize(values);
    return resultRow('validation', name, 'ms', summary, `${((summary.median * 1000) / input.items).toFixed(2)} µs/item; warm: ${share(summary.median)}`);
  });
  const coldSummary = summarize(cold);
  const coldShare = input.pageMs === undefined ? '' : `: ${((coldSummary.median / input.pageMs) * 100).toFixed(1)}% of a ${input.pageSize}-item page`;
  rows.push(
    resultRow(
      'validation',
      `wire: v.array(FoundAccountData), ${input.pageSize} accounts, once in a fresh compiled process`,
      'ms',
      coldSummary,
      `cold JIT, as in a connector${coldShare}`,
    ),
  );
  const compiledSummary = summarize(coldCompiled);
  const compiledShare = input.pageMs === undefined ? '' : `: ${((compiledSummary.median / input.pageMs) * 100).toFixed(1)}% of a ${input.pageSize}-item page`;
  rows.push(
    resultRow(
      'validation',
      `wire: fastCheck(v.array(FoundAccountData)), ${input.pageSize} accounts, built and run once in a fresh compiled process`,
      'ms',
      compiledSummary,
      `what dispatch checks a page of ${fastCheckMinItems} items or more with${compiledShare}`,
    ),
  );
  return rows;
}
