import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connector } from '../command/connector-command.ts';

/**
 * Builds a connector with `connector compile-on-prem` into `work/build` and unpacks the archive into
 * `work/agent`, as the agent installs it; returns the path of the unpacked `main`. A failed build
 * throws with compile-on-prem's stderr.
 */
export async function compileForAgent(connectorDirectory: string, appId: string, work: string): Promise<string> {
  const { version } = JSON.parse(readFileSync(join(connectorDirectory, 'package.json'), 'utf8')) as { version: string };
  const { stdout, stderr, exitCode } = await connector(
    ['compile-on-prem', '--app-id', appId, '--connector-root-module-dir', connectorDirectory, '--output-directory', join(work, 'build')],
    work,
  );
  if (exitCode !== 0) throw new Error(`compile-on-prem failed (exit ${exitCode}):\n${stderr}`);
  const archive = join(work, 'build', `${appId}-${version}.tar.gz`);
  if (stdout !== `${archive}\n`) throw new Error(`compile-on-prem printed ${JSON.stringify(stdout)}, not the archive's path ${archive}`);
  const agent = join(work, 'agent');
  mkdirSync(agent);
  const untar = Bun.spawnSync(['tar', '-xzf', archive, '-C', agent]);
  if (untar.exitCode !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  return join(agent, 'main');
}
