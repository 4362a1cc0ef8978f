import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Integration } from '../integration/create-integration.ts';
import { configureLogging } from '../logging/logger.ts';
import { HarnessError } from './harness-error.ts';

/** What one run of a capability produced, as the agent would see it. */
export interface ConnectorRun {
  /** The parsed stdout: one envelope. */
  envelope: any;
  /** stdout as written (in-process: the envelope as the executable would print it). */
  stdout: string;
  /** stderr as written (in-process: always empty, since log lines go to the captured log). */
  stderr: string;
  /** The process's exit code (in-process: 0, as the executable exits after printing an envelope). */
  exitCode: number;
}

/** Runs capabilities on raw JSON and keeps the log lines they wrote. */
export interface ConnectorRunner {
  /** Whether this runner spawns the executable (true) or calls `dispatch` in-process (false). */
  readonly spawned: boolean;
  /** Runs `info`. */
  info(): Promise<ConnectorRun>;
  /** Runs one capability on a raw JSON request envelope. */
  run(name: string, json: string): Promise<ConnectorRun>;
  /** Every log line written so far (the log directory's files). */
  logs(): string;
  /** Removes the log directory. */
  close(): void;
}

/** Where log lines go and at which level. */
export interface LogOptions {
  /** `LUMOS_LOG_LEVEL` for the runs; DEBUG by default, so that a test sees every line. */
  logLevel?: 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | undefined;
  /** Print log lines to stderr as the connector would, instead of only capturing them. */
  printLogs?: boolean | undefined;
}

function logDirectory(): { path: string; read(): string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'connector-harness-'));
  return {
    path,
    read: () =>
      readdirSync(path)
        .sort()
        .map((name) => readFileSync(join(path, name), 'utf8'))
        .join(''),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}

/** Runs through the same `dispatch` the executable uses, with log lines captured in a directory. */
export function inProcessRunner(integration: Integration<any>, options: LogOptions): ConnectorRunner {
  const directory = logDirectory();
  const useLogDirectory = () => {
    const env = options.printLogs
      ? {
          ...process.env,
          LUMOS_LOG_LEVEL: options.logLevel ?? process.env['LUMOS_LOG_LEVEL'],
          LUMOS_LOG_DIRECTORY: directory.path,
          LUMOS_LOG_TO_STDOUT: 'true',
        }
      : { ...process.env, LUMOS_LOG_LEVEL: options.logLevel ?? 'DEBUG', LUMOS_LOG_DIRECTORY: directory.path, LUMOS_LOG_TO_STDOUT: 'false' };
    configureLogging({ appId: integration.appId, env });
  };
  const ran = (envelope: unknown): ConnectorRun => ({ envelope, stdout: `${JSON.stringify(envelope)}\n`, stderr: '', exitCode: 0 });
  return {
    spawned: false,
    async info() {
      const { buildInfo } = await import('../info/info.ts');
      return ran({ response: buildInfo(integration) });
    },
    async run(name, json) {
      useLogDirectory();
      const { dispatch } = await import('../dispatch/dispatch.ts');
      return ran((await dispatch(integration, name, json)).envelope);
    },
    logs: directory.read,
    close() {
      // Later log lines of the process go where its own environment says, not to a removed directory.
      configureLogging({ appId: integration.appId, env: process.env });
      directory.remove();
    },
  };
}

/** How the compiled (or source) executable is started. */
export interface BinaryOptions extends LogOptions {
  /** Variables added to the connector's environment (`LUMOS_*` of the test process are not inherited). */
  env?: Record<string, string> | undefined;
  /** The working directory of the process. */
  cwd?: string | undefined;
}

/**
 * Runs the executable at `program` (a compiled connector, or a `.ts`/`.js` entry point run with
 * this Bun) the way the agent does: `NAME --json '<envelope>'`, stdout read as one JSON document.
 */
export function binaryRunner(program: string | readonly string[], options: BinaryOptions): ConnectorRunner {
  const command = typeof program === 'string' ? (/\.[cm]?[jt]s$/.test(program) ? [process.execPath, 'run', program] : [program]) : [...program];
  const directory = logDirectory();
  const spawn = async (args: string[]): Promise<ConnectorRun> => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('LUMOS_')) env[key] = value;
    Object.assign(env, options.env, { LUMOS_LOG_LEVEL: options.logLevel ?? 'DEBUG', LUMOS_LOG_DIRECTORY: directory.path });
    if (options.printLogs) env['LUMOS_LOG_TO_STDOUT'] = 'true';
    await using child = Bun.spawn([...command, ...args], { env, cwd: options.cwd ?? process.cwd(), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    if (options.printLogs && stderr) process.stderr.write(stderr);
    const shown = `${command.join(' ')} ${args[0]}`;
    if (!stdout.endsWith('\n') || stdout.indexOf('\n') !== stdout.length - 1) {
      throw new HarnessError(
        `${shown} did not print one JSON document on one line to stdout (exit code ${exitCode}): ${JSON.stringify(stdout.slice(0, 200))}${stderr ? `; stderr: ${stderr.trim().slice(-300)}` : ''}`,
      );
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(stdout);
    } catch {
      throw new HarnessError(`${shown} printed something that is not JSON to stdout (exit code ${exitCode}): ${JSON.stringify(stdout.slice(0, 200))}`);
    }
    return { envelope, stdout, stderr, exitCode };
  };
  return {
    spawned: true,
    info: () => spawn(['info']),
    run: (name, json) => spawn([name, '--json', json]),
    logs: directory.read,
    close: directory.remove,
  };
}
