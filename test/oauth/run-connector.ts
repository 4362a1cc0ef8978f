import { expect } from 'bun:test';
import { join } from 'node:path';
import { spawnCapability, type ConnectorRun } from '../support/spawn-connector.ts';

const root = join(import.meta.dir, '../..');

/** The OAuth example connector's entry point, run from source. */
export const oauthExample = join(root, 'connectors/oauth-example/src/main.ts');

/** The connector whose OAuth settings come from `OAUTH_FIXTURE_SETTINGS`. */
export const oauthFixtureConnector = join(import.meta.dir, 'oauth-connector-fixture.ts');

/** What one connector process printed; every handled outcome is one JSON document on stdout. */
export type Run = ConnectorRun;

/**
 * Runs `capability` of a connector (source or compiled) as a real process with an inline `--json` envelope, logging at
 * DEBUG so that the tests can check no secret reaches the log.
 */
export async function runCapability(program: string, capability: string, envelope: unknown, env: Record<string, string> = {}): Promise<Run> {
  // A `.ts` entry point runs from source with bun; anything else is a compiled executable.
  const command = program.endsWith('.ts') ? [process.execPath, 'run', program] : [program];
  const run = await spawnCapability(command, capability, envelope, { env: { LUMOS_LOG_LEVEL: 'DEBUG', ...env } });
  expect({ exitCode: run.exitCode, stdoutIsJson: run.json !== undefined, stderr: run.exitCode === 0 ? '' : run.stderr }).toEqual({
    exitCode: 0,
    stdoutIsJson: true,
    stderr: '',
  });
  return run;
}

/** The CLI's "Running <capability> with --json …" line, written before any OAuth code runs. */
export const invocationLine = / INFO [^:]+: Running \S+ with --json /;

/** Asserts that none of `secrets` appears in what a run printed, the CLI's invocation line included. */
export function expectNoSecrets(run: Pick<Run, 'stdout' | 'stderr'>, secrets: readonly string[], where: 'stderr' | 'both' = 'both'): void {
  const text = where === 'both' ? `${run.stdout}\n${run.stderr}` : run.stderr;
  const leaked = secrets.filter((secret) => secret && text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…`);
  expect(leaked).toEqual([]);
}
