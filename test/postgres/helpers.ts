import { expect } from 'bun:test';
import { join } from 'node:path';
import { spawnCapability, type ConnectorRun } from '../support/spawn-connector.ts';
import type { PostgresServer } from './postgres-server.ts';

/** The repository root. */
export const root = join(import.meta.dir, '../..');

/** The PostgreSQL connector's entry point, run from source as `bun run` runs it. */
export const postgresMain = join(root, 'connectors/postgres/src/main.ts');

/** What one run of the connector produced. */
export type Run = ConnectorRun;

/** Runs `program` (the connector from source unless given, e.g. a compiled binary) with a capability and its request envelope. */
export async function runPostgres(capability: string, envelope: unknown, options: { program?: string[]; env?: Record<string, string> } = {}): Promise<Run> {
  const run = await spawnCapability(options.program ?? [process.execPath, 'run', postgresMain], capability, envelope, {
    env: options.env,
    dropEnv: (name) => name.startsWith('PG'),
  });
  // Whatever happened, the contract holds: exit 0 and exactly one JSON document on stdout.
  expect({ exitCode: run.exitCode, lines: run.stdout.split('\n').length, parsed: run.json !== undefined }).toEqual({ exitCode: 0, lines: 2, parsed: true });
  return run;
}

/** A user the connector signs in as. */
export interface Login {
  username: string;
  password: string;
}

/** A request envelope for the test server. */
export function envelope(
  server: PostgresServer,
  login: Login,
  parts: { settings?: Record<string, unknown>; request?: unknown; page?: unknown; include_raw_data?: boolean } = {},
) {
  return {
    auth: { basic: { username: login.username, password: login.password } },
    settings: { host: server.host, port: server.port, tls_mode: 'disable', ...parts.settings },
    request: parts.request ?? {},
    ...(parts.page === undefined ? {} : { page: parts.page }),
    ...(parts.include_raw_data === undefined ? {} : { include_raw_data: parts.include_raw_data }),
  };
}

/** Runs a capability and expects success; returns the response envelope. */
export async function succeed(
  capability: string,
  request: unknown,
  options: { program?: string[] } = {},
): Promise<{ response: any; page: any; raw_data: any; execution_summary?: any }> {
  const run = await runPostgres(capability, request, options);
  if (run.json.is_error) throw new Error(`${capability} failed: ${JSON.stringify(run.json.error)}\n${run.stderr}`);
  return run.json;
}

/** Runs a capability and expects an error envelope; returns its `error`. */
export async function fail(
  capability: string,
  request: unknown,
): Promise<{ error_code: string; app_error_code: string | null; message: string; raised_by: string }> {
  const run = await runPostgres(capability, request);
  if (!run.json.is_error) throw new Error(`${capability} succeeded, but an error was expected: ${run.stdout}`);
  return run.json.error;
}

/** Walks a paginated capability to its end with `size` items a page; returns every item and how many pages it took. */
export async function walk(capability: string, base: ReturnType<typeof envelope>, size: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const result = await succeed(capability, { ...base, page: token === undefined ? { size } : { token, size } });
    pages++;
    expect(result.response.length).toBeLessThanOrEqual(size);
    // A page that says more follows is never empty.
    if (result.page !== null) expect(result.response.length).toBe(size);
    items.push(...result.response);
    token = result.page?.token;
    if (pages > 10_000) throw new Error(`${capability} did not end`);
  } while (token !== undefined);
  return { items, pages };
}

/** The byte order PostgreSQL's "C" collation sorts names in. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
