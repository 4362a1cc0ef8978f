import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeApi, type FakeApi } from '../../scripts/bench/fake-api.ts';
import { listRequest } from '../../scripts/bench/walk-list.ts';
import { connector } from '../command/connector-command.ts';
import { compileForAgent } from '../support/compile-for-agent.ts';

const benchConnector = join(import.meta.dir, '../../scripts/bench/http-connector');

/** Walks list_accounts one process per page, as the agent does, and returns every page's stdout. */
async function walk(command: string[], api: FakeApi, size: number): Promise<string[]> {
  const pages: string[] = [];
  let token: string | null = null;
  for (;;) {
    const request: string = listRequest(api.url, size, token);
    const child = Bun.spawn([...command, 'list_accounts', '--json', request], { stdout: 'pipe', stderr: 'pipe' });
    const [stdout, exitCode]: [string, number] = await Promise.all([new Response(child.stdout).text(), child.exited]);
    expect(exitCode).toBe(0);
    pages.push(stdout);
    const page: { token: string } | null = (JSON.parse(stdout) as { page: { token: string } | null }).page;
    if (page === null) return pages;
    token = page.token;
  }
}

describe('a connector compiled with the checks of its exported schemas written ahead of time', () => {
  let work: string;
  let api: FakeApi;
  let main: string;
  let log: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'connector-checks-compiled-'));
    api = startFakeApi(250, [100]);
    main = await compileForAgent(benchConnector, 'bench-http-connector', work);
    log = (await connector(['compile-on-prem', '--connector-root-module-dir', benchConnector, '--output-directory', join(work, 'again'), '--no-verify'], work))
      .stderr;
  }, 60_000);

  afterAll(async () => {
    await api.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test('says which schemas got their checks', () => {
    expect(log).toContain('Wrote the checks of 2 exported schemas ahead of time (ApiUser, ApiUsersPage).');
  });

  test('answers every page byte for byte as the connector does from source', async () => {
    const compiled = await walk([main], api, 100);
    const fromSource = await walk([process.execPath, join(benchConnector, 'src/main.ts')], api, 100);
    expect(compiled.length).toBe(3);
    expect(compiled).toEqual(fromSource);
  }, 30_000);

  test("an answer that breaks the connector's schema is still an api_error naming the path", async () => {
    const broken = Bun.serve({
      hostname: '127.0.0.1',
      port: 0,
      fetch: () => Response.json({ items: [{ id: 'u1', email: 'a@example.com', active: 'yes' }], next_cursor: null }),
    });
    try {
      const child = Bun.spawn([main, 'list_accounts', '--json', listRequest(`http://127.0.0.1:${broken.port}`, 100, null)], { stdout: 'pipe', stderr: 'pipe' });
      const envelope = JSON.parse(await new Response(child.stdout).text()) as { error: { error_code: string; message: string } };
      expect(envelope.error.error_code).toBe('api_error');
      expect(envelope.error.message).toContain('items[0].active');
    } finally {
      broken.stop(true);
    }
  });
});
