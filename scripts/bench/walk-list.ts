import { fakeApiToken } from './fake-api.ts';
import { timedRun } from './timed-run.ts';

/** One walk of `list_accounts`: how long it took and what came back. */
export interface Walk {
  ms: number;
  pages: number;
  items: number;
  /** Summed CPU time of the page processes, in ms. */
  cpuMs: number;
}

interface PageEnvelope {
  is_error?: boolean;
  error?: { message?: string };
  response: unknown[] | null;
  page: { token: string; size: number } | null;
}

/** The request the agent sends for one page. */
export function listRequest(baseUrl: string, size: number, token: string | null): string {
  return JSON.stringify({ auth: { token: { token: fakeApiToken } }, request: {}, settings: { base_url: baseUrl }, page: token === null ? { size } : { token, size } });
}

/**
 * Walks `list_accounts` as the agent does: one process per page, each given the page token the
 * previous one printed, until the list ends or `maxPages` pages were read. An error envelope throws.
 */
export async function walkList(executable: string, baseUrl: string, size: number, maxPages: number): Promise<Walk> {
  let token: string | null = null;
  const walk: Walk = { ms: 0, pages: 0, items: 0, cpuMs: 0 };
  const started = performance.now();
  while (walk.pages < maxPages) {
    const run = await timedRun([executable, 'list_accounts', '--json', listRequest(baseUrl, size, token)]);
    const envelope = JSON.parse(run.stdout) as PageEnvelope;
    if (envelope.is_error || envelope.response === null) throw new Error(`list_accounts answered an error: ${envelope.error?.message ?? run.stdout.slice(0, 300)}`);
    walk.pages += 1;
    walk.items += envelope.response.length;
    walk.cpuMs += run.cpuMs;
    if (envelope.page === null) break;
    token = envelope.page.token;
  }
  walk.ms = performance.now() - started;
  return walk;
}
