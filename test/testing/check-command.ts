import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnConnector, type ConnectorRun } from '../support/spawn-connector.ts';

/** The repository root. */
export const root = join(import.meta.dir, '../..');

/**
 * Runs `connector check` (the CLI, a real process) with `args` after writing `fixture` as the
 * fixture file in `directory`.
 */
export async function runCheck(directory: string, fixture: unknown, args: string[]): Promise<ConnectorRun & { failures: string[] }> {
  const fixtureFile = join(directory, 'connector-check.json');
  writeFileSync(fixtureFile, JSON.stringify(fixture, null, 2));
  const run = await spawnConnector([process.execPath, join(root, 'src/cli/connector.ts'), 'check'], [...args, '--fixture', fixtureFile], {
    dropEnv: (name) => /_proxy$/i.test(name),
  });
  return { ...run, failures: run.stdout.split('\n').filter((line) => line.startsWith('FAIL ')) };
}

/** The summary line `connector check` ends with. */
export const summaryLine = /^connector check: (\d+) checks, (\d+) passed, (\d+) failed, (\d+) skipped$/m;
