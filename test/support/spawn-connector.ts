import { resolve } from 'node:path';

const root = resolve(import.meta.dir, '../..');

/** What a connector process did. */
export interface ConnectorRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, or undefined when it is not one JSON document. */
  json: any;
}

/** How {@link spawnConnector} runs the process. */
export interface SpawnConnectorOptions {
  /** Variables added to the environment. */
  env?: Record<string, string> | undefined;
  /** Which inherited variables to leave out (`LUMOS_*` always are, so the host's logging settings do not leak in). */
  dropEnv?: ((name: string) => boolean) | undefined;
}

/**
 * Runs a connector (`program`: its command, e.g. `[bun, 'run', main.ts]` or `[compiled main]`) with a
 * capability and its request envelope passed with `--json`, from the repository's root, stdin closed.
 */
export async function spawnConnector(program: readonly string[], capability: string, envelope: unknown, options: SpawnConnectorOptions = {}): Promise<ConnectorRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('LUMOS_') && !options.dropEnv?.(name)) env[name] = value;
  }
  Object.assign(env, options.env);
  await using child = Bun.spawn([...program, capability, '--json', JSON.stringify(envelope)], { cwd: root, env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    json = undefined;
  }
  return { exitCode, stdout, stderr, json };
}
