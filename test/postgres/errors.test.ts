import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { envelope, fail, succeed } from './helpers.ts';
import { postgresInstalls, startPostgres, superuser, type PostgresServer } from './postgres-server.ts';
import { connectorUser, readOnlyUser, seed } from './seed.ts';

for (const install of postgresInstalls('test/postgres/errors')) {
  describe.skipIf(install.bin === undefined)(`postgres connector: errors map to codes with messages that say what to do (${install.label})`, () => {
    let server: PostgresServer;

    beforeAll(async () => {
      server = await startPostgres(install);
      await seed(server);
    }, 60_000);
    afterAll(() => server?.stop());

    test('a wrong password (SQLSTATE 28P01) is unauthorized, and the password appears nowhere in the answer', async () => {
      const error = await fail('validate_credentials', envelope(server, { username: connectorUser.username, password: 'not-the-password-123' }));
      expect(error).toMatchObject({ error_code: 'unauthorized', app_error_code: 'postgres.sqlstate_28P01' });
      expect(error.message).toBe(
        `PostgreSQL at 127.0.0.1:${server.port} answered: password authentication failed for user "lumos_connector" [SQLSTATE 28P01]. Check the user name and password of the basic credential.`,
      );
      expect(JSON.stringify(error)).not.toContain('not-the-password-123');
    });

    test('a user without CREATEROLE (SQLSTATE 42501) gets permission_denied on writes, while reads work', async () => {
      const reader = (request: unknown) => envelope(server, readOnlyUser, { request });
      expect((await succeed('list_accounts', reader({}))).response.length).toBeGreaterThan(20);
      const created = await fail('create_account', reader({ username: 'made_by_reader', entitlements: [] }));
      expect(created).toMatchObject({ error_code: 'permission_denied', app_error_code: 'postgres.sqlstate_42501' });
      expect(created.message).toContain('permission denied to create role');
      expect(created.message).toContain("Grant the connecting user the privileges listed in the connector's README.");
      const membership = {
        account_integration_specific_id: 'bob',
        resource_integration_specific_id: '',
        resource_type: '',
        entitlement_type: 'role',
        entitlement_integration_specific_id: 'writers',
      };
      expect(await fail('assign_entitlement', reader(membership))).toMatchObject({ error_code: 'permission_denied' });
      // GRANT on a database the user may not grant on is a warning in PostgreSQL, not an error: the connector checks and says so.
      const privilege = {
        account_integration_specific_id: 'bob',
        resource_integration_specific_id: 'app',
        resource_type: 'database',
        entitlement_type: 'database_privilege',
        entitlement_integration_specific_id: 'CREATE',
      };
      expect(await fail('assign_entitlement', reader(privilege))).toMatchObject({ error_code: 'permission_denied', app_error_code: 'postgres.not_granted' });
      expect(await fail('deactivate_account', reader({ account_id: 'bob' }))).toMatchObject({ error_code: 'permission_denied' });
      // A CREATEROLE user still cannot touch a superuser.
      expect(await fail('deactivate_account', envelope(server, connectorUser, { request: { account_id: superuser.username } }))).toMatchObject({
        error_code: 'permission_denied',
      });
    });

    test('unknown roles and databases are not_found', async () => {
      const as = (request: unknown) => envelope(server, connectorUser, { request });
      expect(await fail('activate_account', as({ account_id: 'ghost' }))).toMatchObject({ error_code: 'not_found', app_error_code: 'postgres.no_account' });
      expect(
        await fail(
          'unassign_entitlement',
          as({
            account_integration_specific_id: 'ghost',
            resource_integration_specific_id: '',
            resource_type: '',
            entitlement_type: 'role',
            entitlement_integration_specific_id: 'readers',
          }),
        ),
      ).toMatchObject({ error_code: 'not_found' });
      expect(
        await fail(
          'unassign_entitlement',
          as({
            account_integration_specific_id: 'bob',
            resource_integration_specific_id: '',
            resource_type: '',
            entitlement_type: 'role',
            entitlement_integration_specific_id: 'ghosts',
          }),
        ),
      ).toMatchObject({ error_code: 'not_found', app_error_code: 'postgres.no_entitlement' });
    });

    test('a refused connection is api_error naming host and port and what to check', async () => {
      const closed = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
      const port = closed.port;
      closed.stop(true);
      const error = await fail('validate_credentials', envelope(server, connectorUser, { settings: { port } }));
      expect(error).toMatchObject({ error_code: 'api_error', app_error_code: 'postgres.connection_refused' });
      expect(error.message).toBe(
        `Could not connect to PostgreSQL at 127.0.0.1:${port}: the connection was refused or the host name did not resolve. Check the host and port settings, that the server listens on TCP (listen_addresses) and that no firewall blocks the agent.`,
      );
    });

    test('asking for TLS from a server without it is api_error saying how to fix it', async () => {
      for (const tls_mode of ['require', 'verify-full']) {
        const error = await fail('validate_credentials', envelope(server, connectorUser, { settings: { tls_mode } }));
        expect(error).toMatchObject({ error_code: 'api_error', app_error_code: 'postgres.tls_not_available' });
        expect(error.message).toContain(`does not accept TLS connections (tls_mode is ${tls_mode}). Turn on ssl in postgresql.conf`);
      }
    });

    test('a database that does not exist is bad_request', async () => {
      const error = await fail('list_accounts', envelope(server, connectorUser, { settings: { database: 'no_such_db' } }));
      expect(error).toMatchObject({ error_code: 'bad_request', app_error_code: 'postgres.sqlstate_3D000' });
      expect(error.message).toContain('database "no_such_db" does not exist');
    });

    test('settings are checked before connecting: a bad tls_mode or port is bad_request', async () => {
      expect((await fail('list_accounts', envelope(server, connectorUser, { settings: { tls_mode: 'prefer' } }))).error_code).toBe('bad_request');
      expect((await fail('list_accounts', envelope(server, connectorUser, { settings: { port: 70000 } }))).error_code).toBe('bad_request');
    });

    test('when pg_control_system() is not executable, the tenant id falls back to a stable hash of host and port', async () => {
      await server.admin.unsafe('revoke execute on function pg_control_system() from public');
      try {
        const first = await succeed('validate_credentials', envelope(server, readOnlyUser));
        const second = await succeed('validate_credentials', envelope(server, readOnlyUser, { settings: { host: '127.0.0.1' } }));
        expect(first.response.unique_tenant_id).toMatch(/^postgres-address-[0-9a-f]{20}$/);
        expect(second.response.unique_tenant_id).toBe(first.response.unique_tenant_id);
      } finally {
        await server.admin.unsafe('grant execute on function pg_control_system() to public');
      }
    });
  });
}
