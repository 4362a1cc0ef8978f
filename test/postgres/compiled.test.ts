import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileForAgent } from '../support/compile-for-agent.ts';
import { byteOrder, envelope, root, succeed, walk } from './helpers.ts';
import { postgresInstalls, startPostgres, type PostgresServer } from './postgres-server.ts';
import { connectorUser, hostile, seed } from './seed.ts';

const connectorCommand = join(root, 'src/cli/connector.ts');
const connectorDirectory = join(root, 'connectors/postgres');

// compile-on-prem builds a linux-x64 executable; only such a machine can run it.
const canRun = process.platform === 'linux' && process.arch === 'x64' && existsSync(connectorCommand);

// One executable for every server: compiling is the slow part.
const work = mkdtempSync(join(tmpdir(), 'postgres-compiled-test-'));
let compiling: Promise<string> | undefined;
const compileOnce = () => (compiling ??= compileForAgent(connectorDirectory, 'postgres', work));
afterAll(() => rmSync(work, { recursive: true, force: true }));

for (const install of postgresInstalls('test/postgres/compiled')) {
  describe.skipIf(!canRun || install.bin === undefined)(`the compiled postgres connector, as the agent runs it (${install.label})`, () => {
    let server: PostgresServer;
    let main: string;

    beforeAll(async () => {
      const [started, compiled] = await Promise.all([
        startPostgres(install).then(async (running) => {
          await seed(running);
          return running;
        }),
        compileOnce(),
      ]);
      server = started;
      main = compiled;
    }, 180_000);

    afterAll(() => server?.stop());

    test("validate_credentials answers with the cluster's tenant id", async () => {
      const [control] = await server.admin`select system_identifier::text as id from pg_control_system()`;
      const result = await succeed('validate_credentials', envelope(server, connectorUser), { program: [main] });
      expect(result).toEqual({ response: { valid: true, unique_tenant_id: `postgres-${control.id}` }, page: null, raw_data: null });
    });

    test('list_accounts walks every login role, hostile names included, page by page', async () => {
      const items: { integration_specific_id: string }[] = [];
      let token: string | undefined;
      do {
        const result = await succeed('list_accounts', envelope(server, connectorUser, { page: token === undefined ? { size: 4 } : { token, size: 4 } }), {
          program: [main],
        });
        items.push(...result.response);
        token = result.page?.token;
      } while (token !== undefined);
      const logins: { rolname: string }[] = await server.admin`select rolname::text from pg_roles where rolcanlogin`;
      expect(items.map((account) => account.integration_specific_id)).toEqual(logins.map((row) => row.rolname).sort(byteOrder));
      for (const name of Object.values(hostile)) expect(items.map((account) => account.integration_specific_id)).toContain(name);
      // The source and the executable agree item for item.
      expect(items).toEqual((await walk('list_accounts', envelope(server, connectorUser), 1000)).items);
    });
  });
}
