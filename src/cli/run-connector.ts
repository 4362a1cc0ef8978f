import type { ArgsDef, CommandDef } from 'citty';
import { errorEnvelope, sdkError } from '../errors/wire-error.ts';
import type { Integration } from '../integration/create-integration.ts';
import { configureLogging, log, redactLogText, writeStderrLine } from '../logging/logger.ts';
import { CliError } from './cli-error.ts';
import { describeArgument, parseFlags } from './parse-flags.ts';
import { resultPathProblem, stripQuotes, writeResultFile } from './result-file.ts';
import { routeConsole } from './route-console.ts';

/** Exit codes of the connector executable (SPEC §3). */
export const exitCodes = {
  /** A JSON envelope was produced, including a handled error. */
  ok: 0,
  /** The process failed before it could produce an envelope. */
  crash: 1,
  /** An input or output file (`--json-file`, `--result-file-path`, stdout) could not be read or written: no envelope. */
  noEnvelope: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;

const capabilityArgs = {
  json: { type: 'string', description: 'The request envelope as a JSON string' },
  'json-file': { type: 'string', description: 'A file holding the request envelope (UTF-8; a BOM is fine)' },
  'result-file-path': { type: 'string', description: 'Write the gzip-compressed result here (must end in .gz) instead of stdout' },
  'use-proxy': { type: 'boolean', alias: ['sip'], description: 'Lumos-internal proxy; not available outside Lumos' },
} as const satisfies ArgsDef;

const infoArgs = {
  'result-file-path': capabilityArgs['result-file-path'],
  'use-proxy': capabilityArgs['use-proxy'],
} as const satisfies ArgsDef;

/**
 * The connector executable's entry point: parses argv, runs `info` or one capability, prints one
 * JSON document (or writes the result file), and exits with 0, 1 or 2 as SPEC §3 says.
 *
 * @example
 * // src/main.ts
 * import { runConnector } from 'lumos-connector-sdk';
 * import { integration } from './integration.ts';
 * await runConnector(integration);
 */
export async function runConnector(integration: Integration<any>, argv: string[] = process.argv.slice(2)): Promise<never> {
  configureLogging({ appId: integration.appId });
  routeConsole(log);
  let exitCode: number = exitCodes.ok;
  try {
    exitCode = await run(integration, argv);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.showHelp) writeStderr(`${await usage(error.showHelp, rootCommand(integration))}\n\n`);
      writeStderr(`${integration.appId}: ${error.message}\n`);
      exitCode = error.exitCode;
    } else {
      const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
      writeStderr(`${integration.appId}: ${redactLogText(reason)}\n`);
      exitCode = exitCodes.crash;
    }
  }
  process.exit(exitCode);
}

/**
 * The executable's own commands beside the capabilities, by the name typed and what each runs
 * (`hacking` is the reference's name for `dev`).
 */
const reservedCommands = { info: 'info', dev: 'dev', hacking: 'dev', help: 'help', '--help': 'help', '-h': 'help' } as const;

async function run(integration: Integration<any>, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    writeStderr(`No command passed in.\n\n${await usage(rootCommand(integration))}\n`);
    return exitCodes.crash;
  }
  const reserved = Object.hasOwn(reservedCommands, command) ? reservedCommands[command as keyof typeof reservedCommands] : undefined;
  if (reserved === 'help') {
    writeStderr(`${await usage(rootCommand(integration))}\n`);
    return exitCodes.ok;
  }
  if (reserved === 'info') return runInfo(integration, rest);
  if (reserved === 'dev') return runDev(integration, rest);
  if (!integration.capabilities.has(command)) {
    const known = ['info', ...[...integration.capabilities.keys()].sort()].join(', ');
    throw new CliError(exitCodes.usage, `unknown command ${describeArgument(command)}. Commands: ${known}.`);
  }
  return runCapability(integration, command, rest);
}

async function runInfo(integration: Integration<any>, argv: string[]): Promise<number> {
  const command = infoCommand();
  if (wantsHelp(argv)) return help(command, integration);
  if (argv.some((arg) => arg === '--json' || arg.startsWith('--json=') || arg === '--json-file' || arg.startsWith('--json-file='))) {
    throw new CliError(exitCodes.usage, 'info takes no --json or --json-file: run it on its own.', command);
  }
  const args = parseFlags(argv, infoArgs, command);
  const resultPath = resultPathOf(args);
  if (args['use-proxy']) return emit(proxyUnsupported(integration), resultPath);
  if (typeof LUMOS_PRECOMPUTED_INFO === 'string') return emitText(LUMOS_PRECOMPUTED_INFO, resultPath);
  const { buildInfo } = await import('../info/info.ts');
  return emit({ response: buildInfo(integration) }, resultPath);
}

async function runCapability(integration: Integration<any>, name: string, argv: string[]): Promise<number> {
  const command = capabilityCommand(integration, name);
  if (wantsHelp(argv)) return help(command, integration);
  const args = parseFlags(argv, capabilityArgs, command);
  const resultPath = resultPathOf(args);
  const inline = args['json'] as string | undefined;
  const file = args['json-file'] as string | undefined;
  if (inline !== undefined && file !== undefined) {
    throw new CliError(exitCodes.usage, 'give either --json or --json-file, not both.', command);
  }
  if (inline === undefined && file === undefined) {
    throw new CliError(exitCodes.usage, `${name} needs its request: pass --json '<JSON>' or --json-file <path>.`, command);
  }
  if (args['use-proxy']) return emit(proxyUnsupported(integration), resultPath);
  const json = inline ?? readJsonFile(stripQuotes(file!));
  const { dispatch } = await import('../dispatch/dispatch.ts');
  const result = await dispatch(integration, name, json, { logInvocation: { resultPath } });
  return emit(result.envelope, resultPath);
}

const devServerArgs = {
  port: { type: 'string', alias: ['p'], description: 'The port (0 picks a free one)', default: '8000' },
  host: { type: 'string', description: 'The address to bind', default: '127.0.0.1' },
  watch: { type: 'boolean', description: 'Restart when a source file changes (when run from source)' },
} as const satisfies ArgsDef;

const devSyncArgs = {
  'json-file': { type: 'string', description: 'The request envelope: credentials, settings, page size; "requests" gives payloads by capability' },
  out: { type: 'string', description: 'Write each capability\'s items to <out>/<capability>.json' },
  'max-pages': { type: 'string', description: 'Stop a list after this many pages', default: '100000' },
} as const satisfies ArgsDef;

async function runDev(integration: Integration<any>, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const dev = devCommand();
  if (sub === undefined || sub === '--help' || sub === '-h') return help(dev, integration);
  if (sub === 'http-server') {
    const command = { meta: { name: 'dev http-server', description: 'Serve the capabilities over HTTP' }, args: devServerArgs };
    if (wantsHelp(rest)) return help(command, integration);
    const args = parseFlags(rest, devServerArgs, command);
    const port = Number(args['port'] ?? '8000');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(exitCodes.usage, `--port must be a port number, got ${JSON.stringify(args['port'])}.`, command);
    if (args['watch']) return watchServer(rest);
    const { startDevServer } = await import('../dev/http-server.ts');
    const server = startDevServer(integration, { port, hostname: String(args['host'] ?? '127.0.0.1') });
    writeStderr(`${integration.appId} dev server on ${server.url.href} — docs at ${server.url.href}docs\n`);
    await new Promise(() => {});
  }
  if (sub === 'sync') {
    const command = { meta: { name: 'dev sync', description: 'Walk every read capability to the end and check the lists' }, args: devSyncArgs };
    if (wantsHelp(rest)) return help(command, integration);
    const args = parseFlags(rest, devSyncArgs, command);
    const file = args['json-file'];
    if (typeof file !== 'string') throw new CliError(exitCodes.usage, 'dev sync needs --json-file <request envelope>.', command);
    const maxPages = Number(args['max-pages'] ?? '100000');
    if (!Number.isInteger(maxPages) || maxPages < 1) throw new CliError(exitCodes.usage, '--max-pages must be a positive whole number.', command);
    let envelope: Record<string, unknown>;
    try {
      envelope = JSON.parse(readJsonFile(stripQuotes(file))) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(exitCodes.noEnvelope, `--json-file is not valid JSON: ${(error as Error).message}`);
    }
    const { formatSyncReport, progressPrinter, syncAll } = await import('../dev/sync.ts');
    const out = typeof args['out'] === 'string' ? args['out'] : undefined;
    const reports = await syncAll(integration, envelope, { maxPages, onPage: progressPrinter(), ...(out ? { out } : {}) });
    writeStderr(`\n${formatSyncReport(reports)}`);
    writeAll(1, `${JSON.stringify({ app_id: integration.appId, capabilities: reports })}\n`);
    const clean = reports.every((report) => (report.outcome === 'ok' || report.outcome === 'skipped') && !report.repeatedIdCount && !report.emptyPagesBeforeData.length);
    return clean ? exitCodes.ok : exitCodes.crash;
  }
  throw new CliError(exitCodes.usage, `unknown dev command '${sub}'. Commands: http-server, sync.`, dev);
}

/** Re-runs the server under `bun --watch`, which restarts it whenever a source file changes. */
async function watchServer(argv: string[]): Promise<number> {
  const entry = Bun.main;
  if (!/\.[cm]?[jt]sx?$/.test(entry)) throw new CliError(exitCodes.usage, '--watch works when the connector runs from source (bun run src/main.ts), not from a compiled binary.');
  const child = Bun.spawn([process.execPath, '--watch', entry, 'dev', 'http-server', ...argv.filter((arg) => arg !== '--watch')], {
    stdio: ['inherit', 'inherit', 'inherit'],
  });
  return await child.exited;
}

function devCommand(): CommandDef<any> {
  return {
    meta: { name: 'dev', alias: 'hacking', description: 'Developer tools: a local HTTP server and a full sync' },
    subCommands: {
      'http-server': { meta: { name: 'http-server', description: 'Serve the capabilities over HTTP with a browsable API at /docs' }, args: devServerArgs },
      sync: { meta: { name: 'sync', description: 'Walk every read capability page by page and report counts and problems' }, args: devSyncArgs },
    },
  };
}

function resultPathOf(args: Record<string, string | boolean | undefined>): string | undefined {
  const raw = args['result-file-path'];
  if (raw === undefined) return undefined;
  const path = stripQuotes(raw as string);
  const problem = resultPathProblem(path);
  if (problem) throw new CliError(exitCodes.noEnvelope, problem);
  return path;
}

function readJsonFile(path: string): string {
  let text: string;
  try {
    text = nodeFs().readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliError(exitCodes.noEnvelope, `cannot read --json-file ${JSON.stringify(path)}: ${why}.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The `info` document, when compile-on-prem computed it at build time (a build-time constant). */
declare const LUMOS_PRECOMPUTED_INFO: string | undefined;

async function emit(document: unknown, resultPath: string | undefined): Promise<number> {
  return emitText(JSON.stringify(document), resultPath);
}

async function emitText(text: string, resultPath: string | undefined): Promise<number> {
  if (resultPath !== undefined) {
    try {
      writeResultFile(resultPath, text);
    } catch (error) {
      throw new CliError(exitCodes.noEnvelope, `cannot write --result-file-path ${JSON.stringify(resultPath)}: ${(error as Error).message.split('\n')[0]}`);
    }
    return exitCodes.ok;
  }
  try {
    await Bun.write(Bun.stdout, `${text}\n`);
  } catch (error) {
    throw new CliError(exitCodes.noEnvelope, `cannot write the answer to stdout: ${(error as { code?: string }).code ?? (error as Error).message.split('\n')[0]}.`);
  }
  return exitCodes.ok;
}

function proxyUnsupported(integration: Integration<any>): unknown {
  return errorEnvelope(
    sdkError(
      integration.appId,
      'unsupported_operation',
      '--use-proxy/--sip sends calls through the Lumos-internal secure integration proxy, which is not available to on-premise connectors. Run the command without it.',
    ),
  );
}

function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

async function help(command: CommandDef<any>, integration: Integration<any>): Promise<number> {
  writeStderr(`${await usage(command, rootCommand(integration))}\n`);
  return exitCodes.ok;
}

function rootCommand(integration: Integration<any>): CommandDef<any> {
  const subCommands: Record<string, CommandDef<any>> = { info: infoCommand(), dev: devCommand() };
  for (const name of [...integration.capabilities.keys()].sort()) subCommands[name] = capabilityCommand(integration, name);
  return {
    meta: {
      name: integration.appId,
      version: integration.version,
      description: `Lumos connector for ${integration.options.description.userFriendlyName}. Every command prints one JSON document on stdout`,
    },
    subCommands,
  };
}

function infoCommand(): CommandDef<any> {
  return { meta: { name: 'info', description: 'Describe the connector: capabilities, settings and credential schemas' }, args: infoArgs };
}

function capabilityCommand(integration: Integration<any>, name: string): CommandDef<any> {
  const definition = integration.capabilities.get(name)!;
  return { meta: { name, description: definition.description ?? definition.displayName }, args: capabilityArgs };
}

/** Usage text from citty, loaded only when help is shown. */
async function usage(command: CommandDef<any>, parent?: CommandDef<any>): Promise<string> {
  const { renderUsage } = await import('citty');
  return renderUsage(command, parent);
}

// Node built-ins are required where used: a static import is hoisted into every start-up.
const nodeFs = (): typeof import('node:fs') => require('node:fs');

function writeStderr(text: string): void {
  const { isatty } = require('node:tty') as typeof import('node:tty');
  // citty colours its usage text; keep escape codes out of logs and pipes.
  writeStderrLine(isatty(2) ? text : text.replace(/\u001b\[[0-9;]*m/g, ''));
}

function writeAll(fd: number, text: string): void {
  const { writeSync } = nodeFs();
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      // A non-blocking pipe that is full answers EAGAIN: wait for it to drain and go on.
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Bun.sleepSync(1);
    }
  }
}
