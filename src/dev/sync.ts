import type * as v from 'valibot';
import { dispatch } from '../dispatch/dispatch.ts';
import type { Integration } from '../integration/create-integration.ts';
import { schemaMetadata } from '../integration/schema-introspection.ts';
import type { CapabilityDefinition } from '../integration/types.ts';

/** What `dev sync` found for one capability. */
export interface CapabilitySyncReport {
  capability: string;
  /** `ok`, `error` (an error envelope stopped the walk), `loop` (a page token came back) or `skipped`. */
  outcome: 'ok' | 'error' | 'loop' | 'skipped';
  items: number;
  pages: number;
  milliseconds: number;
  /** Ids seen more than once (by the model's `x-unique-hash` keys), at most 20. */
  repeatedIds: string[];
  repeatedIdCount: number;
  /** Page tokens the connector handed out twice. */
  repeatedTokens: string[];
  /** Page numbers (1-based) that were empty although more pages followed. */
  emptyPagesBeforeData: number[];
  /** What may be wrong though nothing failed, e.g. a list that ended on a short first page. */
  warnings: string[];
  /** The error message, when the walk stopped on an error envelope or was skipped. */
  error?: string;
  file?: string;
}

/** Options of {@link syncAll}. */
export interface SyncOptions {
  /** Where to write `<capability>.json` files; nothing is written without it. */
  out?: string;
  /** Pages per capability at the most (a guard against endless lists). Default 100,000. */
  maxPages?: number;
  /** Called after every page, for a progress display. */
  onPage?: (capability: string, items: number, pages: number) => void;
}

/**
 * Walks every registered read capability page by page to the end, as the agent would, and checks
 * the lists: repeated ids, repeated page tokens, empty pages followed by more data.
 */
export async function syncAll(integration: Integration<any>, envelope: Record<string, unknown>, options: SyncOptions = {}): Promise<CapabilitySyncReport[]> {
  const reports: CapabilitySyncReport[] = [];
  const capabilities = [...integration.capabilities.values()].filter((definition) => definition.level === 'read' && definition.paginated);
  for (const definition of capabilities.sort((a, b) => a.name.localeCompare(b.name))) {
    reports.push(await syncOne(integration, definition, envelope, options));
  }
  return reports;
}

/** The page size `openPage` uses when the request gives none. */
const defaultPageSize = 100;

async function syncOne(
  integration: Integration<any>,
  definition: CapabilityDefinition,
  envelope: Record<string, unknown>,
  options: SyncOptions,
): Promise<CapabilitySyncReport> {
  const started = performance.now();
  const requests = (envelope['requests'] ?? {}) as Record<string, unknown>;
  const payload = requests[definition.name] ?? {};
  const keys = uniqueKeys(definition.response);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  const tokens = new Set<string>();
  const report: CapabilitySyncReport = {
    capability: definition.name,
    outcome: 'ok',
    items: 0,
    pages: 0,
    milliseconds: 0,
    repeatedIds: [],
    repeatedIdCount: 0,
    repeatedTokens: [],
    emptyPagesBeforeData: [],
    warnings: [],
  };
  const items: unknown[] = [];
  const size = (envelope['page'] as { size?: number } | undefined)?.size;
  let token: string | null = null;
  let lastEmptyPage: number | undefined;
  const maxPages = options.maxPages ?? 100_000;
  while (report.pages < maxPages) {
    const request = { ...envelope, requests: undefined, request: payload, page: { token, size } };
    const { envelope: answer } = await dispatch(integration, definition.name, JSON.stringify(request));
    if ('is_error' in answer) {
      const needsPayload = report.pages === 0 && answer.error.error_code === 'bad_request' && answer.error.message.startsWith('Invalid request - request');
      report.outcome = needsPayload ? 'skipped' : 'error';
      report.error = needsPayload
        ? `needs a request payload: give it as "requests": {"${definition.name}": {…}} (${answer.error.message})`
        : answer.error.message;
      break;
    }
    report.pages++;
    const page = Array.isArray(answer.response) ? answer.response : [];
    if (page.length === 0 && answer.page?.token) lastEmptyPage ??= report.pages;
    if (page.length > 0 && lastEmptyPage !== undefined) {
      report.emptyPagesBeforeData.push(lastEmptyPage);
      lastEmptyPage = undefined;
    }
    for (const item of page) {
      items.push(item);
      if (keys.length === 0) continue;
      const id = keys.map((key) => String((item as Record<string, unknown>)[key])).join('/');
      if (seen.has(id)) {
        report.repeatedIdCount++;
        repeated.add(id);
      } else seen.add(id);
    }
    report.items += page.length;
    options.onPage?.(definition.name, report.items, report.pages);
    token = answer.page?.token ?? null;
    if (!token) break;
    if (tokens.has(token)) {
      report.outcome = 'loop';
      report.repeatedTokens.push(token);
      report.error = `page token repeated after ${report.pages} pages: the list would never end`;
      break;
    }
    tokens.add(token);
  }
  // An app that caps its pages below the size asked for answers a short first page; a connector that
  // takes a short page as the end then loses everything after it.
  const asked = size ?? defaultPageSize;
  if (report.outcome === 'ok' && report.pages === 1 && report.items > 0 && report.items < asked) {
    report.warnings.push(
      `the list ended on its first page, with ${report.items} of the ${asked} items asked for: right if the app holds no more, but if it does, the connector ended the list on a short page and lost the rest (end only on proof: an empty page, a total, a next link)`,
    );
  }
  report.repeatedIds = [...repeated].slice(0, 20);
  report.milliseconds = Math.round(performance.now() - started);
  if (options.out) {
    const { mkdirSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
    mkdirSync(options.out, { recursive: true });
    report.file = `${options.out.replace(/[\\/]+$/, '')}/${definition.name}.json`;
    writeFileSync(report.file, JSON.stringify(items));
  }
  return report;
}

/** The keys that identify an item of a list payload (`x-unique-hash` of its model). */
function uniqueKeys(response: v.GenericSchema): string[] {
  const item = (response as { item?: v.GenericSchema }).item;
  const keys = item ? schemaMetadata(item)['x-unique-hash'] : undefined;
  return Array.isArray(keys) ? keys.map(String) : [];
}

/** A one-line-per-capability progress display on stderr: redrawn in place on a terminal, else a line every second. */
export function progressPrinter(): (capability: string, items: number, pages: number) => void {
  const tty = (require('node:tty') as typeof import('node:tty')).isatty(2);
  const started = new Map<string, number>();
  let lastLine = 0;
  return (capability, items, pages) => {
    const now = performance.now();
    if (!started.has(capability)) started.set(capability, now);
    const seconds = Math.max((now - started.get(capability)!) / 1000, 0.001);
    const line = `${capability}: ${items} items, ${pages} pages, ${Math.round(items / seconds)} items/s`;
    if (tty) writeProgress(`\r\u001b[2K${line}`);
    else if (now - lastLine > 1000) {
      writeProgress(`${line}\n`);
      lastLine = now;
    }
  };
}

/** The human summary of a sync, for stderr. */
export function formatSyncReport(reports: CapabilitySyncReport[]): string {
  const rows = reports.map((report) => {
    const problems = [
      report.repeatedIdCount ? `${report.repeatedIdCount} repeated ids (e.g. ${report.repeatedIds.slice(0, 3).join(', ')})` : '',
      report.repeatedTokens.length ? `repeated page token` : '',
      report.emptyPagesBeforeData.length ? `empty page(s) ${report.emptyPagesBeforeData.join(', ')} followed by more data` : '',
      report.error ?? '',
      ...report.warnings.map((warning) => `warning: ${warning}`),
    ].filter(Boolean);
    return `${report.outcome.padEnd(7)} ${report.capability.padEnd(34)} ${String(report.items).padStart(8)} items ${String(report.pages).padStart(6)} pages ${String(report.milliseconds).padStart(7)} ms${problems.length ? `  ${problems.join('; ')}` : ''}`;
  });
  return `${rows.join('\n')}\n`;
}

function writeProgress(text: string): void {
  process.stderr.write(text);
}
