import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  return JSON.stringify({
    auth: { token: { token: fakeApiToken } },
    request: {},
    settings: { base_url: baseUrl },
    page: token === null ? { size } : { token, size },
  });
}

/**
 * Walks `list_accounts` as the agent does: one process per page, each given the page token the
 * previous one printed, until the list ends or `maxPages` pages were read. An error envelope throws.
 * With `files` (a scratch folder), each page is called the agent's own way: the request in a
 * `--json-file`, the answer in a gzip `--result-file-path`, read back after the process exits.
 */
export async function walkList(executable: string, baseUrl: string, size: number, maxPages: number, files?: string): Promise<Walk> {
  let token: string | null = null;
  const walk: Walk = { ms: 0, pages: 0, items: 0, cpuMs: 0 };
  const started = performance.now();
  while (walk.pages < maxPages) {
    const request = listRequest(baseUrl, size, token);
    let run: Awaited<ReturnType<typeof timedRun>>;
    let text: string;
    if (files === undefined) {
      run = await timedRun([executable, 'list_accounts', '--json', request]);
      text = run.stdout;
    } else {
      const requestFile = join(files, 'list-request.json');
      const resultFile = join(files, 'list-result.gz');
      writeFileSync(requestFile, request);
      run = await timedRun([executable, 'list_accounts', '--json-file', requestFile, '--result-file-path', resultFile]);
      text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(resultFile)));
    }
    const envelope = JSON.parse(text) as PageEnvelope;
    if (envelope.is_error || envelope.response === null) throw new Error(`list_accounts answered an error: ${envelope.error?.message ?? text.slice(0, 300)}`);
    walk.pages += 1;
    walk.items += envelope.response.length;
    walk.cpuMs += run.cpuMs;
    if (envelope.page === null) break;
    token = envelope.page.token;
  }
  walk.ms = performance.now() - started;
  return walk;
}
