import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dir, '../..');

/**
 * Builds a connector with `connector compile-on-prem` into `work/build` and unpacks the archive into
 * `work/agent`, as the agent installs it; returns the path of the unpacked `main`. A failed build
 * throws with compile-on-prem's stderr.
 */
export async function compileForAgent(connectorDirectory: string, appId: string, work: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(connectorDirectory, 'package.json'), 'utf8')) as { version: string };
  const child = Bun.spawn(
    [process.execPath, join(root, 'src/cli/connector.ts'), 'compile-on-prem', '--app-id', appId, '--connector-root-module-dir', connectorDirectory, '--output-directory', join(work, 'build')],
    { cwd: work, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' },
  );
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (exitCode !== 0) throw new Error(`compile-on-prem failed (exit ${exitCode}):\n${stderr}`);
  const archive = join(work, 'build', `${appId}-${version}.tar.gz`);
  if (stdout !== `${archive}\n`) throw new Error(`compile-on-prem printed ${JSON.stringify(stdout)}, not the archive's path ${archive}`);
  const agent = join(work, 'agent');
  mkdirSync(agent);
  const untar = Bun.spawnSync(['tar', '-xzf', archive, '-C', agent]);
  if (untar.exitCode !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  return join(agent, 'main');
}
