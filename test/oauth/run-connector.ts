import { expect } from 'bun:test';
import { join } from 'node:path';

const root = join(import.meta.dir, '../..');

/** The OAuth example connector's entry point, run from source. */
export const oauthExample = join(root, 'connectors/oauth-example/src/main.ts');

/** The connector whose OAuth settings come from `OAUTH_FIXTURE_SETTINGS`. */
export const oauthFixtureConnector = join(import.meta.dir, 'oauth-connector-fixture.ts');

/** What one connector process printed. */
export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed: every handled outcome is one JSON document. */
  json: any;
}

/**
 * Runs `capability` of a connector (source or compiled) as a real process with an inline `--json` envelope, logging at
 * DEBUG so that the tests can check no secret reaches the log.
 */
export async function runCapability(program: string, capability: string, envelope: unknown, env: Record<string, string> = {}): Promise<Run> {
  const childEnv: Record<string, string> = { LUMOS_LOG_LEVEL: 'DEBUG', ...env };
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('LUMOS_')) childEnv[key] ??= value;
  // A `.ts` entry point runs from source with bun; anything else is a compiled executable.
  const command = program.endsWith('.ts') ? [process.execPath, 'run', program] : [program];
  await using child = Bun.spawn([...command, capability, '--json', JSON.stringify(envelope)], {
    cwd: root,
    env: childEnv,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  expect({ exitCode, stdoutIsJson: json !== undefined, stderr: exitCode === 0 ? '' : stderr }).toEqual({ exitCode: 0, stdoutIsJson: true, stderr: '' });
  return { exitCode, stdout, stderr, json };
}

/** The CLI's "Running <capability> with --json …" line, written before any OAuth code runs. */
export const invocationLine = / INFO [^:]+: Running \S+ with --json /;

/** Asserts that none of `secrets` appears in what a run printed, the CLI's invocation line included. */
export function expectNoSecrets(run: Pick<Run, 'stdout' | 'stderr'>, secrets: readonly string[], where: 'stderr' | 'both' = 'both'): void {
  const text = where === 'both' ? `${run.stdout}\n${run.stderr}` : run.stderr;
  const leaked = secrets.filter((secret) => secret && text.includes(secret)).map((secret) => `${secret.slice(0, 4)}…`);
  expect(leaked).toEqual([]);
}
