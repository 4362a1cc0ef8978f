import { expect } from 'bun:test';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnConnector, type ConnectorRun, type SpawnConnectorOptions } from '../support/spawn-connector.ts';

/** The repository root: spawned connectors run from here unless a test says otherwise. */
export const root = join(import.meta.dir, '../..');

/** The mock connector's entry point, run from source the way `bun run` runs it. */
export const mockConnector = join(root, 'connectors/mock-connector/src/main.ts');

/** The fixture programs of the contract tests. */
export const fixtures = join(root, 'test/fixtures');

/** What one run of a connector process produced. */
export type RunResult = ConnectorRun;

/** How to run a connector process. */
export interface RunOptions extends SpawnConnectorOptions {
  /** The program to run instead of the mock connector (a fixture). */
  program?: string;
}

/**
 * Runs the connector (the mock connector unless `options.program` names a fixture) as a real
 * process with `args`, reading stdout, stderr and the exit code together.
 */
export function runConnector(args: string[], options: RunOptions = {}): Promise<RunResult> {
  return spawnConnector([process.execPath, 'run', options.program ?? mockConnector], args, options);
}

/** Runs a capability of the mock connector with an inline `--json` request envelope. */
export function runCapability(capability: string, envelope: unknown, options: RunOptions = {}, extraArgs: string[] = []): Promise<RunResult> {
  return runConnector([capability, '--json', JSON.stringify(envelope), ...extraArgs], options);
}

/** A temporary directory removed when the `using` scope ends. */
export interface TempDir extends Disposable {
  readonly path: string;
  /** A path inside the directory. */
  file(name: string): string;
  /** The names of the entries in the directory. */
  list(): string[];
}

/** Makes a fresh temporary directory for one test: `using dir = tempDir();`. */
export function tempDir(prefix = 'contract-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file: (name) => join(path, name),
    list: () => readdirSync(path).sort(),
    [Symbol.dispose]: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** The standard basic credential the mock connector accepts. */
export const basicAuth = { basic: { username: 'foo', password: 'bar' } };

/** The mock connector's settings, with a host and anything else the test needs. */
export function mockSettings(settings: { host?: string; account_count?: number; state_file?: string } = {}) {
  return { host: 'acme.test', ...settings };
}

/** A request envelope with the standard credential and settings; override any part. */
export function envelope(
  request: unknown = {},
  parts: { settings?: Record<string, unknown>; page?: { token?: string | null; size?: number | null } | null; auth?: unknown; include_raw_data?: boolean } = {},
): Record<string, unknown> {
  return {
    auth: parts.auth ?? basicAuth,
    request,
    settings: { ...mockSettings(), ...parts.settings },
    ...(parts.page !== undefined ? { page: parts.page } : {}),
    ...(parts.include_raw_data !== undefined ? { include_raw_data: parts.include_raw_data } : {}),
  };
}

/** The error envelope the mock connector prints for a handled error. */
export function errorEnvelope(error: {
  message: unknown;
  error_code: string;
  status_code?: number | null;
  app_error_code?: string | null;
  raised_by?: string | null;
  raised_in?: string | null;
  app_id?: string;
}) {
  return {
    is_error: true,
    error: {
      message: error.message,
      status_code: error.status_code ?? null,
      app_error_code: error.app_error_code ?? null,
      error_code: error.error_code,
      app_id: error.app_id ?? 'mock-connector',
      raised_by: error.raised_by ?? null,
      raised_in: error.raised_in ?? null,
    },
    response: null,
    page: null,
    raw_data: null,
  };
}

/** A stack-trace line as JavaScript engines print them. */
const stackLine = /^\s{4}at /m;

/**
 * The invariants of every run: stdout is either empty or exactly one JSON document followed by a
 * newline, and neither stream carries a stack trace.
 */
export function expectCleanStreams(result: RunResult): void {
  if (result.stdout !== '') {
    expect({ stdoutIsOneJsonDocument: result.json !== undefined, stdout: result.stdout.slice(0, 500) }).toMatchObject({ stdoutIsOneJsonDocument: true });
  }
  expect(stackLine.test(result.stdout)).toBe(false);
  expect(stackLine.test(result.stderr)).toBe(false);
}

/** Asserts a run produced a handled outcome: exit 0, one JSON document, no trace; returns the document. */
export function expectEnvelope(result: RunResult): any {
  expectCleanStreams(result);
  expect({ exitCode: result.exitCode, hasJson: result.json !== undefined, stderr: result.stderr }).toMatchObject({ exitCode: 0, hasJson: true });
  return result.json;
}

/** Asserts a run failed before any envelope: the exit code, nothing on stdout, a one-line reason on stderr. */
export function expectNoEnvelope(result: RunResult, exitCode: 1 | 2, reason?: string | RegExp): void {
  expectCleanStreams(result);
  expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode, stdout: '' });
  const lastLine = result.stderr.trimEnd().split('\n').at(-1) ?? '';
  expect(lastLine).toStartWith('mock-connector: ');
  if (reason !== undefined) expect(lastLine).toMatch(reason);
}
