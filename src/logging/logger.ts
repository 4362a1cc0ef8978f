import type { ConsolaInstance, LogObject } from 'consola/core';
import type { AsyncLocalStorage } from 'node:async_hooks';
import { createSecretSet, type SecretSet } from './redact.ts';
import { writeAll } from './write-all.ts';

/** The connector's logger: messages go to stderr or the log file, never to stdout. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** `LUMOS_LOG_LEVEL` values and the consola level each stands for. */
const lumosLevels = { DEBUG: 4, INFO: 3, WARNING: 1, ERROR: 0, CRITICAL: 0 } as const;
const lumosNames: Record<string, string> = { fatal: 'CRITICAL', error: 'ERROR', warn: 'WARNING', info: 'INFO', debug: 'DEBUG', trace: 'DEBUG' };

interface LoggerState {
  appId: string;
  /** Secrets known outside any request (tokens fetched at start-up, say). */
  secrets: SecretSet;
  /** The secrets of the request being run, when dispatch runs one (see {@link withRequestSecrets}). */
  scope?: AsyncLocalStorage<SecretSet>;
  /** The secrets of the one request a process runs, when it runs only one (the connector executable). */
  processRequest?: SecretSet;
  env: Record<string, string | undefined>;
  consola?: ConsolaInstance;
}

const state: LoggerState = { appId: 'connector', secrets: createSecretSet(), env: process.env };

/** Sets the app id used in log lines and the log file's name; called by the connector's entry point. */
export function configureLogging(options: { appId: string; env?: Record<string, string | undefined> }): void {
  state.appId = options.appId;
  if (options.env) state.env = options.env;
  delete state.consola;
}

/**
 * Registers values to mask in every later log line: in the current request's secret set while
 * dispatch runs a request, process-wide otherwise.
 */
export function addLogSecrets(secrets: Iterable<string>): void {
  (currentRequestSecrets() ?? state.secrets).add(secrets);
}

/** Masks the current request's secret values, and those registered outside any request, in a text. */
export function redactLogText(text: string): string {
  const scoped = currentRequestSecrets();
  const masked = scoped ? scoped.mask(text) : text;
  return state.secrets.values.size > 0 ? state.secrets.mask(masked) : masked;
}

/** The secret set of the request being run, if any. */
export function currentRequestSecrets(): SecretSet | undefined {
  return state.scope?.getStore() ?? state.processRequest;
}

/**
 * Runs `fn` with `secrets` as the request's secret set: log lines, the HTTP kit and
 * {@link addLogSecrets} use it, and it is gone when the request ends (the dev server keeps none).
 * `processWide` is for a process that runs this one request and exits: the set is simply the
 * process's, without an AsyncLocalStorage scope (about 1 ms to load at start-up).
 */
export function withRequestSecrets<T>(secrets: SecretSet, processWide: boolean, fn: () => T): T {
  if (processWide) {
    state.processRequest = secrets;
    return fn();
  }
  if (!state.scope) {
    // Loaded when a request is dispatched, not at start-up.
    const { AsyncLocalStorage } = require('node:async_hooks') as typeof import('node:async_hooks');
    state.scope = new AsyncLocalStorage<SecretSet>();
  }
  return state.scope.run(secrets, fn);
}

/** consola's level of each logger method. */
const methodLevels = { debug: 4, info: 3, warn: 1, error: 0 } as const;

/**
 * Whether a line at this level would be written under `LUMOS_LOG_LEVEL`. Callers building an
 * expensive line (a redacted request, say) ask first. An invalid level answers true once, so that
 * its warning is still written by the first log call.
 */
export function logsAt(method: keyof typeof methodLevels): boolean {
  if (state.consola) return state.consola.level >= methodLevels[method];
  const { level, warning } = resolveLevel(state.env['LUMOS_LOG_LEVEL']);
  return warning !== undefined || level >= methodLevels[method];
}

/**
 * The process-wide logger, created on first use so that a connector that logs nothing pays
 * nothing: a line below the level never loads consola.
 */
export const log: Logger = {
  debug: (message, ...details) => void (logsAt('debug') && instance().debug(message, ...details)),
  info: (message, ...details) => void (logsAt('info') && instance().info(message, ...details)),
  warn: (message, ...details) => void (logsAt('warn') && instance().warn(message, ...details)),
  error: (message, ...details) => void (logsAt('error') && instance().error(message, ...details)),
};

function instance(): ConsolaInstance {
  if (state.consola) return state.consola;
  // Loaded on the first log line: a connector that logs nothing pays nothing for logging.
  const { createConsola } = require('consola/core') as typeof import('consola/core');
  const { level, warning } = resolveLevel(state.env['LUMOS_LOG_LEVEL']);
  const write = createSink(state.env, state.appId);
  state.consola = createConsola({
    level,
    throttle: 0,
    reporters: [
      {
        log: (entry) => {
          let line: string;
          try {
            line = formatLine(entry);
          } catch {
            // A line that cannot be formatted or masked is dropped, never written unmasked, and never
            // costs the answer: logging is best effort.
            return;
          }
          write(line);
        },
      },
    ],
  });
  // The warning is written whatever the level, since the level itself is what went wrong.
  if (warning) write(`${new Date().toISOString()} WARNING ${state.appId}: ${warning}\n`);
  return state.consola;
}

/** Reads `LUMOS_LOG_LEVEL`; an unknown value falls back to ERROR with a warning instead of crashing. */
export function resolveLevel(raw: string | undefined): { level: number; warning?: string } {
  if (raw === undefined || raw === '') return { level: lumosLevels.ERROR };
  const name = raw.trim().toUpperCase();
  if (Object.hasOwn(lumosLevels, name)) return { level: lumosLevels[name as keyof typeof lumosLevels] };
  return {
    level: lumosLevels.ERROR,
    warning: `LUMOS_LOG_LEVEL=${JSON.stringify(raw)} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL; using ERROR.`,
  };
}

/**
 * Where log lines go: the day's file in `LUMOS_LOG_DIRECTORY` when set (and stderr too with
 * `LUMOS_LOG_TO_STDOUT=true`, which, as in the reference, means the standard error stream);
 * stderr otherwise. Never stdout, and no writable working directory is needed.
 */
function createSink(env: Record<string, string | undefined>, appId: string): (line: string) => void {
  const { appendFileSync, mkdirSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  const directory = env['LUMOS_LOG_DIRECTORY'];
  const alsoStderr = env['LUMOS_LOG_TO_STDOUT']?.toLowerCase() === 'true';
  if (directory) {
    const file = join(directory, `${appId}_${new Date().toISOString().slice(0, 10)}.log`);
    try {
      mkdirSync(directory, { recursive: true });
      return (line) => {
        if (alsoStderr) writeStderrLine(line);
        try {
          appendFileSync(file, line);
        } catch {
          if (!alsoStderr) writeStderrLine(line);
        }
      };
    } catch {
      // An unwritable log directory must not stop the connector: fall back to stderr.
    }
  }
  return writeStderrLine;
}

/**
 * Writes a line to stderr, best effort: a full disk, a closed or broken pipe must never cost the
 * answer on stdout, so a line that cannot be written is dropped.
 */
export function writeStderrLine(line: string): void {
  try {
    writeAll(2, line);
  } catch {
    // Logging is best effort (see above).
  }
}

function formatLine(entry: LogObject): string {
  const text = entry.args.map((arg) => (typeof arg === 'string' ? arg : arg instanceof Error ? `${arg.name}: ${arg.message}` : safeJson(arg))).join(' ');
  const level = lumosNames[entry.type] ?? entry.type.toUpperCase();
  return `${entry.date.toISOString()} ${level} ${state.appId}: ${redactLogText(text)}\n`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
