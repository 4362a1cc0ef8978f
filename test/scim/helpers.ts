import { expect } from 'bun:test';
import { join } from 'node:path';
import { spawnCapability, type ConnectorRun } from '../support/spawn-connector.ts';
import type { ScimServer } from './scim-server.ts';
import { credentials } from './seed.ts';

/** The repository root. */
export const root = join(import.meta.dir, '../..');

/** The SCIM connector's entry point, run from source as `bun run` runs it. */
export const scimMain = join(root, 'connectors/scim/src/main.ts');

/** What one run of the connector produced. */
export type Run = ConnectorRun;

/** Runs `program` (the connector from source unless given, e.g. a compiled binary) with a capability and its request envelope. */
export async function runScim(capability: string, envelope: unknown, options: { program?: string[]; env?: Record<string, string> } = {}): Promise<Run> {
  const run = await spawnCapability(options.program ?? [process.execPath, 'run', scimMain], capability, envelope, {
    env: options.env,
    dropEnv: (name) => /_proxy$/i.test(name),
  });
  // Whatever happened, the contract holds: exit 0 and exactly one JSON document on stdout.
  expect({ exitCode: run.exitCode, lines: run.stdout.split('\n').length, parsed: run.json !== undefined }).toEqual({ exitCode: 0, lines: 2, parsed: true });
  return run;
}

/** How the connector signs in: the full bearer token (default), the read-only one, basic auth, or a given token. */
export type Login = 'token' | 'read-only' | 'basic' | { token: string };

function credentialsOf(login: Login) {
  if (login === 'basic') return [{ id: 'basic', basic: credentials.basic }];
  const token = login === 'token' ? credentials.token : login === 'read-only' ? credentials.readOnlyToken : login.token;
  return [{ id: 'token', token: { token } }];
}

/** A request envelope for the test server. */
export function envelope(
  server: ScimServer,
  parts: { login?: Login; settings?: Record<string, unknown>; request?: unknown; page?: unknown; include_raw_data?: boolean } = {},
) {
  return {
    credentials: credentialsOf(parts.login ?? 'token'),
    settings: { base_url: server.url, ...parts.settings },
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
  const run = await runScim(capability, request, options);
  if (run.json.is_error) throw new Error(`${capability} failed: ${JSON.stringify(run.json.error)}\n${run.stderr}`);
  return run.json;
}

/** Runs a capability and expects an error envelope; returns its `error`. */
export async function fail(
  capability: string,
  request: unknown,
): Promise<{ error_code: string; app_error_code: string | null; message: string; status_code: number | null; [key: string]: unknown }> {
  const run = await runScim(capability, request);
  if (!run.json.is_error) throw new Error(`${capability} succeeded, but an error was expected: ${run.stdout}`);
  return run.json.error;
}

/** Walks a paginated capability to its end with `size` items a page; returns every item and how many pages it took. */
export async function walk(
  capability: string,
  base: ReturnType<typeof envelope>,
  size: number,
  options: { program?: string[] } = {},
): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const result = await succeed(capability, { ...base, page: token === undefined ? { size } : { token, size } }, options);
    pages++;
    expect(result.response.length).toBeLessThanOrEqual(size);
    items.push(...result.response);
    token = result.page?.token;
    if (pages > 1000) throw new Error(`${capability} did not end`);
  } while (token !== undefined);
  return { items, pages };
}

/** A write's execution_summary with the given effect. */
export function summary(effect: 'created' | 'updated' | 'deleted' | 'noop') {
  return {
    effect: effect === 'noop' ? { kind: 'noop', reason: 'state_already_matches' } : { kind: effect },
    request_fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    is_idempotent: true,
  };
}
