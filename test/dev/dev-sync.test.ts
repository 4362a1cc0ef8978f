import { describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIntegration } from '../../src/integration/create-integration.ts';
import { formatSyncReport, syncAll } from '../../src/dev/sync.ts';

const root = join(import.meta.dir, '../..');
const auth = { basic: { username: 'u', password: 'p' } };

async function runSync(envelope: unknown) {
  const directory = mkdtempSync(join(tmpdir(), 'dev-sync-'));
  try {
    const file = join(directory, 'request.json');
    await Bun.write(file, JSON.stringify(envelope));
    const child = Bun.spawn(
      [process.execPath, 'run', 'connectors/mock-connector/src/main.ts', 'dev', 'sync', '--json-file', file, '--out', join(directory, 'out')],
      {
        cwd: root,
        stdout: 'pipe',
        stderr: 'pipe',
      },
    );
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const accounts = JSON.parse(readFileSync(join(directory, 'out', 'list_accounts.json'), 'utf8')) as unknown[];
    return { report: JSON.parse(stdout), stderr, exitCode, accounts };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('dev sync against the mock connector', () => {
  test.each([1, 7, 100, 1000])('walks every read capability to the end at page size %d', async (size) => {
    const { report, stderr, exitCode, accounts } = await runSync({
      auth,
      settings: { host: 'acme.test', account_count: size === 1 ? 23 : 2345 },
      page: { size },
      requests: { get_last_activity: { account_ids: ['user-000001', 'user-000002'] } },
    });
    expect(exitCode).toBe(0);
    const byName = Object.fromEntries(report.capabilities.map((c: any) => [c.capability, c]));
    const total = size === 1 ? 23 : 2345;
    expect(byName.list_accounts).toMatchObject({
      outcome: 'ok',
      items: total,
      pages: Math.ceil(total / size),
      repeatedIdCount: 0,
      repeatedTokens: [],
      emptyPagesBeforeData: [],
    });
    expect(accounts).toHaveLength(total);
    expect(byName.find_entitlement_associations).toMatchObject({ outcome: 'ok', items: total * 2, repeatedIdCount: 0 });
    expect(byName.get_last_activity).toMatchObject({ outcome: 'ok', items: 2 });
    expect(stderr).toContain('list_accounts');
  });

  test('a capability that needs a payload is reported as skipped, with the reason', async () => {
    const { report } = await runSync({ auth, settings: { host: 'acme.test', account_count: 5 } });
    const activity = report.capabilities.find((c: any) => c.capability === 'get_last_activity');
    expect(activity.outcome).toBe('skipped');
    expect(activity.error).toContain('"requests": {"get_last_activity"');
  });
});

describe('dev sync finds broken lists', () => {
  const base = { appId: 'broken', version: '1', description: { userFriendlyName: 'Broken', categories: ['OTHER' as const] } };

  test('a repeated page token ends the walk and is reported', async () => {
    const integration = createIntegration(base).register('list_accounts', ({ page }) => ({
      response: [{ integration_specific_id: `a-${page?.token ?? 'start'}` }],
      page: { token: page?.token === 'B' ? 'A' : page?.token === 'A' ? 'B' : 'A' },
    }));
    const [report] = await syncAll(integration, {});
    expect(report).toMatchObject({ capability: 'list_accounts', outcome: 'loop', pages: 3, repeatedTokens: ['A'] });
  });

  test('repeated ids and empty pages followed by data are reported', async () => {
    const pages: Record<string, { items: string[]; next: string | null }> = {
      start: { items: ['a', 'b'], next: '1' },
      '1': { items: [], next: '2' },
      '2': { items: ['b', 'c'], next: null },
    };
    const integration = createIntegration(base).register('list_accounts', ({ page }) => {
      const current = pages[page?.token ?? 'start']!;
      return { response: current.items.map((id) => ({ integration_specific_id: id })), page: current.next ? { token: current.next } : null };
    });
    const [report] = await syncAll(integration, {});
    expect(report).toMatchObject({ outcome: 'ok', items: 4, pages: 3, repeatedIds: ['b'], repeatedIdCount: 1, emptyPagesBeforeData: [2] });
  });

  test('a list that ends on a short first page is a warning: an app capping pages below the size asked for would lose the rest', async () => {
    const integration = createIntegration(base).register('list_accounts', () => ({
      response: Array.from({ length: 50 }, (_, index) => ({ integration_specific_id: `a${index}` })),
      page: null,
    }));
    const [report] = await syncAll(integration, { page: { size: 100 } });
    expect(report).toMatchObject({ outcome: 'ok', items: 50, pages: 1 });
    expect(report!.warnings).toHaveLength(1);
    expect(report!.warnings[0]).toStartWith('the list ended on its first page, with 50 of the 100 items asked for');
    expect(formatSyncReport([report!])).toContain('warning: the list ended on its first page');
    // A full first page, or a list walked over several pages, is no warning.
    const full = createIntegration(base).register('list_accounts', () => ({ response: [{ integration_specific_id: 'a' }], page: null }));
    expect((await syncAll(full, { page: { size: 1 } }))[0]!.warnings).toEqual([]);
  });

  test('dev sync --help names the command as typed', async () => {
    const child = Bun.spawn([process.execPath, 'run', 'connectors/mock-connector/src/main.ts', 'dev', 'sync', '--help'], {
      cwd: root,
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    expect(stdout + stderr).toContain('mock-connector dev sync [OPTIONS]');
  });
});
