import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileForAgent } from '../support/compile-for-agent.ts';
import { tenantId } from '../../connectors/scim/src/tenant-id.ts';
import { envelope, root, succeed, summary, walk } from './helpers.ts';
import { startScimServer, type ScimServer } from './scim-server.ts';

const connectorCommand = join(root, 'src/cli/connector.ts');
const connectorDirectory = join(root, 'connectors/scim');

// compile-on-prem builds a linux-x64 executable; only such a machine can run it.
const canRun = process.platform === 'linux' && process.arch === 'x64' && existsSync(connectorCommand);

describe.skipIf(!canRun)('the compiled scim connector, as the agent runs it', () => {
  let server: ScimServer;
  const work = mkdtempSync(join(tmpdir(), 'scim-compiled-test-'));
  let main: string;

  beforeAll(async () => {
    const [started, compiled] = await Promise.all([startScimServer(), compileForAgent(connectorDirectory, 'scim-generic', work)]);
    server = started;
    main = compiled;
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  test("the archive's app id is scim-generic_on_prem, not the agent's stock scim connector", () => {
    expect(readFileSync(join(dirname(main), 'metadata.toml'), 'utf8')).toContain('app_id = "scim-generic_on_prem"');
  });

  test('validate_credentials answers with the tenant id of the base URL', async () => {
    expect(await succeed('validate_credentials', envelope(server, { login: 'basic' }), { program: [main] })).toEqual({
      response: { valid: true, unique_tenant_id: tenantId(server.url) },
      page: null,
      raw_data: null,
    });
  });

  test('list_accounts and find_entitlement_associations walk to the end page by page, item for item as the source does', async () => {
    for (const capability of ['list_accounts', 'find_entitlement_associations']) {
      const compiled = await walk(capability, envelope(server), 3, { program: [main] });
      expect(compiled.items.length).toBe(23);
      expect(compiled.items).toEqual((await walk(capability, envelope(server), 100)).items);
    }
  });

  test('a write: deactivate and activate a User', async () => {
    const [first] = (await succeed('list_accounts', envelope(server, { page: { size: 1 } }), { program: [main] })).response;
    const request = { account_id: first.integration_specific_id };
    expect(await succeed('deactivate_account', envelope(server, { request }), { program: [main] })).toMatchObject({
      response: { deactivated: true, status: 'INACTIVE' },
      execution_summary: summary('updated'),
    });
    expect(await succeed('activate_account', envelope(server, { request }), { program: [main] })).toMatchObject({
      response: { activated: true, status: 'ACTIVE' },
      execution_summary: summary('updated'),
    });
  });
});
