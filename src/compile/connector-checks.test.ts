import { describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { fastCheck, hasCompiledCheck } from '../validation/fast-check.ts';
import { checksTimeoutMs, sdkFastCheckModule, staticConnectorModules, writeChecksModule, writeConnectorChecks } from './connector-checks.ts';

const benchConnector = join(import.meta.dir, '../../scripts/bench/http-connector');

describe("a connector's exported schemas, checked by code written at compile time", () => {
  test('the modules are those the entry point imports statically, the entry point and packages left out', async () => {
    const modules = await staticConnectorModules(join(benchConnector, 'src/main.ts'), benchConnector);
    expect(modules.map((path) => path.slice(benchConnector.length + 1))).toEqual([
      'src/api-user.ts',
      'src/integration.ts',
      'src/settings.ts',
      'src/to-account.ts',
    ]);
  });

  test('each exported object, array or record schema gets a check, its signature and the entry names it counts', async () => {
    const modules = await staticConnectorModules(join(benchConnector, 'src/main.ts'), benchConnector);
    const { checks, problem } = await writeConnectorChecks(modules, benchConnector);
    expect(problem).toBeUndefined();
    // BenchSettings is the integration's settings, which valibot checks whatever their size.
    expect(checks.map((check) => check.name)).toEqual(['ApiUser', 'ApiUsersPage']);
    const page = checks.find((check) => check.name === 'ApiUsersPage')!;
    expect(page.keys).toEqual(['active', 'email', 'first_name', 'id', 'items', 'last_name', 'next_cursor', 'username']);
    expect(page.source).toContain('=>');
  });

  test("schemas the SDK checks with valibot anyway — an integration's settings, requests, single-object responses — get none", async () => {
    const mock = join(import.meta.dir, '../../connectors/mock-connector');
    const modules = await staticConnectorModules(join(mock, 'src/main.ts'), mock);
    expect(modules.length).toBeGreaterThan(5);
    const { checks, problem } = await writeConnectorChecks(modules, mock);
    expect(problem).toBeUndefined();
    expect(checks.map((check) => check.name)).toEqual([]);
  });

  test('the module it writes gives the schemas their checks, which answer as the generated ones do', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'connector-checks-'));
    try {
      const modules = await staticConnectorModules(join(benchConnector, 'src/main.ts'), benchConnector);
      const { checks } = await writeConnectorChecks(modules, benchConnector);
      const path = join(folder, 'compiled-checks.ts');
      writeChecksModule(path, checks, sdkFastCheckModule(benchConnector)!);
      await import(path);
      const { ApiUsersPage } = await import('../../scripts/bench/http-connector/src/api-user.ts');
      expect(hasCompiledCheck(ApiUsersPage)).toBe(true);
      const user = { id: 'u1', email: 'a@example.com', first_name: null, active: true };
      expect(fastCheck(ApiUsersPage)({ items: [user], next_cursor: null })).toBe(true);
      expect(fastCheck(ApiUsersPage)({ items: [{ ...user, active: 'yes' }], next_cursor: null })).toBe(false);
      expect(v.safeParse(ApiUsersPage, { items: [user], next_cursor: null }).success).toBe(true);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a module that leaves a timer or a server running does not keep the checks waiting', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'connector-checks-'));
    try {
      const busy = join(folder, 'busy.ts');
      writeFileSync(
        busy,
        "import * as v from 'valibot';\nsetInterval(() => {}, 1000);\nBun.serve({ port: 0, fetch: () => new Response('') });\nexport const Thing = v.object({ id: v.string() });\n",
      );
      const started = performance.now();
      const { checks, problem } = await writeConnectorChecks([busy], join(import.meta.dir, '../..'));
      expect(problem).toBeUndefined();
      expect(checks.map((check) => check.name)).toEqual(['Thing']);
      expect(performance.now() - started).toBeLessThan(checksTimeoutMs);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a module that fails to load gives no checks and says why; the build goes on without them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'connector-checks-'));
    try {
      const broken = join(folder, 'broken.ts');
      writeFileSync(broken, "throw new Error('needs its environment');\n");
      const { checks, problem } = await writeConnectorChecks([broken], join(import.meta.dir, '../..'));
      expect(checks).toEqual([]);
      expect(problem).toContain('needs its environment');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
