import type { Integration } from '../integration/create-integration.ts';
import { CliError } from './cli-error.ts';
import { devCommand, devServerArgs, devSyncArgs, wantsHelp } from './commands.ts';
import { exitCodes } from './exit-codes.ts';
import { help } from './help.ts';
import { parseFlags } from './parse-flags.ts';
import { readJsonFile } from './read-json-file.ts';
import { stripQuotes } from './result-file.ts';
import { writeAll, writeStderr } from './std-streams.ts';

/** `main dev http-server …` and `main dev sync …` (also as `hacking`); loaded only when run. */
export async function runDev(integration: Integration<any>, argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const dev = devCommand();
  if (sub === undefined || sub === '--help' || sub === '-h') return help(dev, integration);
  if (sub === 'http-server') return runDevServer(integration, rest);
  if (sub === 'sync') return runDevSync(integration, rest);
  throw new CliError(exitCodes.usage, `unknown dev command '${sub}'. Commands: http-server, sync.`, dev);
}

async function runDevServer(integration: Integration<any>, argv: string[]): Promise<number> {
  const command = { meta: { name: 'dev http-server', description: 'Serve the capabilities over HTTP' }, args: devServerArgs };
  if (wantsHelp(argv)) return help(command, integration);
  const args = parseFlags(argv, devServerArgs, command);
  const port = Number(args['port'] ?? '8000');
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new CliError(exitCodes.usage, `--port must be a port number, got ${JSON.stringify(args['port'])}.`, command);
  if (args['watch']) return watchServer(argv);
  const { startDevServer } = await import('../dev/http-server.ts');
  const server = startDevServer(integration, { port, hostname: String(args['host'] ?? '127.0.0.1') });
  writeStderr(`${integration.appId} dev server on ${server.url.href} — docs at ${server.url.href}docs\n`);
  return await new Promise<never>(() => {});
}

async function runDevSync(integration: Integration<any>, argv: string[]): Promise<number> {
  const command = { meta: { name: 'dev sync', description: 'Walk every read capability to the end and check the lists' }, args: devSyncArgs };
  if (wantsHelp(argv)) return help(command, integration);
  const args = parseFlags(argv, devSyncArgs, command);
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
  const clean = reports.every(
    (report) => (report.outcome === 'ok' || report.outcome === 'skipped') && !report.repeatedIdCount && !report.emptyPagesBeforeData.length,
  );
  return clean ? exitCodes.ok : exitCodes.crash;
}

/** Re-runs the server under `bun --watch`, which restarts it whenever a source file changes. */
async function watchServer(argv: string[]): Promise<number> {
  const entry = Bun.main;
  if (!/\.[cm]?[jt]sx?$/.test(entry))
    throw new CliError(exitCodes.usage, '--watch works when the connector runs from source (bun run src/main.ts), not from a compiled binary.');
  const child = Bun.spawn([process.execPath, '--watch', entry, 'dev', 'http-server', ...argv.filter((arg) => arg !== '--watch')], {
    stdio: ['inherit', 'inherit', 'inherit'],
  });
  return await child.exited;
}
