import { join } from 'node:path';
import { extractArchive } from '../../src/compile/extract-archive.ts';
import { settlePageCache } from './settle-page-cache.ts';

const root = join(import.meta.dir, '..', '..');

/**
 * Builds a connector package with the repository's own `connector compile-on-prem` (its progress
 * goes to our stderr), unpacks the archive into `into/<appId>` as the agent does, and returns the
 * path of the unpacked `main`, settled in the page cache like every other measured program.
 */
export async function compileConnector(appId: string, packageFolder: string, into: string): Promise<string> {
  const archives = join(into, 'archives');
  const child = Bun.spawn(
    [
      process.execPath,
      join(root, 'src/cli/connector.ts'),
      'compile-on-prem',
      '--app-id',
      appId,
      '--connector-root-module-dir',
      packageFolder,
      '--output-directory',
      archives,
      '--no-verify',
    ],
    { cwd: root, stdin: 'ignore', stdout: 'pipe', stderr: 'inherit' },
  );
  const [stdout, exitCode] = await Promise.all([new Response(child.stdout).text(), child.exited]);
  if (exitCode !== 0) throw new Error(`connector compile-on-prem ${appId} exited with ${exitCode}`);
  const folder = join(into, appId);
  await extractArchive(stdout.trim(), folder);
  const main = join(folder, 'main');
  await settlePageCache(main);
  return main;
}
