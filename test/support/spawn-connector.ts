import { resolve } from 'node:path';

const root = resolve(import.meta.dir, '../..');

/** What a connector process did. */
export interface ConnectorRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, when it is exactly one JSON document followed by a newline; undefined otherwise. */
  json?: any;
}

/** How {@link spawnConnector} runs the process. */
export interface SpawnConnectorOptions {
  /** Variables added to the environment; `undefined` removes an inherited one. */
  env?: Record<string, string | undefined> | undefined;
  /** Which inherited variables to leave out (`LUMOS_*` always are, so the host's logging settings do not leak in). */
  dropEnv?: ((name: string) => boolean) | undefined;
  /** Text fed to stdin (closed otherwise). */
  stdin?: string | undefined;
  /** The working directory; the repository root by default. */
  cwd?: string | undefined;
}

/**
 * Runs a connector (`program`: its command, e.g. `[bun, 'run', main.ts]` or `[compiled main]`) with
 * `args`, reading stdout, stderr and the exit code together.
 */
export async function spawnConnector(program: readonly string[], args: readonly string[], options: SpawnConnectorOptions = {}): Promise<ConnectorRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith('LUMOS_') && !options.dropEnv?.(name)) env[name] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  await using child = Bun.spawn([...program, ...args], {
    cwd: options.cwd ?? root,
    env,
    stdin: options.stdin === undefined ? 'ignore' : new Blob([options.stdin]),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const run: ConnectorRun = { exitCode, stdout, stderr };
  if (stdout.endsWith('\n') && stdout.indexOf('\n') === stdout.length - 1) {
    try {
      run.json = JSON.parse(stdout);
    } catch {
      // Not JSON: callers check the contract and report it.
    }
  }
  return run;
}

/** Runs one capability of a connector with its request envelope passed inline with `--json`. */
export function spawnCapability(program: readonly string[], capability: string, envelope: unknown, options: SpawnConnectorOptions = {}): Promise<ConnectorRun> {
  return spawnConnector(program, [capability, '--json', JSON.stringify(envelope)], options);
}
