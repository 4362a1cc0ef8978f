import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SQL } from 'bun';
import { envelope, fail, runPostgres, succeed } from './helpers.ts';
import { postgresInstalls, startPostgres, type PostgresServer } from './postgres-server.ts';
import { connectorUser, formatted, hostile, seed } from './seed.ts';

/** What the catalog says about a role, read directly. */
async function roleInCatalog(server: PostgresServer, name: string) {
  const rows = await server.admin.unsafe(
    `select r.rolcanlogin as login, shobj_description(r.oid, 'pg_authid') as comment,
       array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid order by 1) as member_of,
       array(select d.datname::text || ':' || a.privilege_type from pg_database d cross join lateral aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
             where a.grantee = r.oid order by 1) as database_privileges
     from pg_roles r where r.rolname = $1`,
    [name],
  );
  return rows[0] as { login: boolean; comment: string | null; member_of: string[]; database_privileges: string[] } | undefined;
}

/** Whether `name` can sign in with `password`. */
async function canSignIn(server: PostgresServer, name: string, password: string): Promise<boolean | string> {
  const sql = new SQL({ hostname: server.host, port: server.port, username: name, password, database: 'app', tls: false, max: 1 });
  try {
    const [row] = await sql`select current_user::text as name`;
    return row.name === name;
  } catch (error) {
    return (error as { errno?: string }).errno ?? String(error);
  } finally {
    await sql.close();
  }
}

const fingerprint = /^[0-9a-f]{64}$/;

for (const install of postgresInstalls('test/postgres/write')) {
  describe.skipIf(install.bin === undefined)(`postgres connector: provisioning a real server (${install.label})`, () => {
    let server: PostgresServer;
    const as = (request: unknown, settings?: Record<string, unknown>) => envelope(server, connectorUser, { request, ...(settings ? { settings } : {}) });

    beforeAll(async () => {
      server = await startPostgres(install);
      await seed(server);
    }, 60_000);
    afterAll(() => server?.stop());

    test('a hostile-named account round trip: create with password and entitlements, assign, unassign, deactivate, activate, delete — each checked in the catalog', async () => {
      const name = `Miles "O'Neil"; DROP ROLE x; -- 🚀`;
      const password = "s3cret 'quoted' \\ pass";

      // create_account: a login role with a password, a group membership and a database privilege.
      const created = await runPostgres(
        'create_account',
        as({
          username: name,
          password,
          entitlements: [
            { integration_specific_id: "Zoë's group 🚀", integration_specific_resource_id: '', entitlement_type: 'role' },
            { integration_specific_id: 'CONNECT', integration_specific_resource_id: 'app', entitlement_type: 'database_privilege' },
          ],
        }),
        { env: { LUMOS_LOG_LEVEL: 'DEBUG' } },
      );
      expect(created.json).toEqual({
        response: { id: name, status: 'ACTIVE', created: true },
        page: null,
        raw_data: null,
        execution_summary: { effect: { kind: 'created' }, request_fingerprint: expect.stringMatching(fingerprint), is_idempotent: true },
      });
      expect(await roleInCatalog(server, name)).toEqual({ login: true, comment: null, member_of: ["Zoë's group 🚀"], database_privileges: ['app:CONNECT'] });
      expect(await canSignIn(server, name, password)).toBe(true);
      expect(await canSignIn(server, name, 'wrong')).toBe('28P01');
      // The password is in no log line — the connector's, or the server's statement log.
      expect(created.stderr).toContain('CREATE ROLE');
      expect(created.stderr).not.toContain(password);
      expect(created.stderr).not.toContain('SCRAM-SHA-256$');
      expect(readFileSync(join(server.directory, 'server.log'), 'utf8')).not.toContain(password);

      // Creating it again is a noop that keeps the password.
      const again = await succeed('create_account', as({ username: name, password: 'another-password', entitlements: [] }));
      expect(again.response).toEqual({ id: name, status: 'ACTIVE', created: false });
      expect(again.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
      expect(await canSignIn(server, name, password)).toBe(true);

      // assign_entitlement: a group role, then a privilege on a hostile-named database; the second time a noop.
      const assignRole = {
        account_integration_specific_id: name,
        resource_integration_specific_id: '',
        resource_type: '',
        entitlement_type: 'role',
        entitlement_integration_specific_id: '"; DROP ROLE postgres; --',
      };
      const assignTemp = {
        account_integration_specific_id: name,
        resource_integration_specific_id: hostile.injection,
        resource_type: 'database',
        entitlement_type: 'database_privilege',
        entitlement_integration_specific_id: 'TEMPORARY',
      };
      for (const request of [assignRole, assignTemp]) {
        const first = await succeed('assign_entitlement', as(request));
        expect([first.response, first.execution_summary.effect]).toEqual([{ assigned: true }, { kind: 'created' }]);
        const second = await succeed('assign_entitlement', as(request));
        expect([second.response, second.execution_summary.effect]).toEqual([{ assigned: true }, { kind: 'noop', reason: 'state_already_matches' }]);
      }
      expect(await roleInCatalog(server, name)).toMatchObject({
        member_of: ['"; DROP ROLE postgres; --', "Zoë's group 🚀"],
        database_privileges: [`${hostile.injection}:TEMPORARY`, 'app:CONNECT'],
      });
      const associations = await succeed('find_entitlement_associations', as({}));
      expect(associations.response.filter((association: { account_id: string }) => association.account_id === name)).toEqual([
        { account_id: name, integration_specific_entitlement_id: '"; DROP ROLE postgres; --', integration_specific_resource_id: '' },
        { account_id: name, integration_specific_entitlement_id: "Zoë's group 🚀", integration_specific_resource_id: '' },
        { account_id: name, integration_specific_entitlement_id: 'TEMPORARY', integration_specific_resource_id: hostile.injection },
        { account_id: name, integration_specific_entitlement_id: 'CONNECT', integration_specific_resource_id: 'app' },
      ]);

      // unassign_entitlement: both, then a noop.
      for (const request of [assignRole, assignTemp]) {
        const first = await succeed('unassign_entitlement', as(request));
        expect([first.response, first.execution_summary.effect]).toEqual([{ unassigned: true }, { kind: 'deleted' }]);
        const second = await succeed('unassign_entitlement', as(request));
        expect([second.response, second.execution_summary.effect]).toEqual([{ unassigned: true }, { kind: 'noop', reason: 'state_already_matches' }]);
      }
      expect(await roleInCatalog(server, name)).toMatchObject({ member_of: ["Zoë's group 🚀"], database_privileges: ['app:CONNECT'] });

      // deactivate_account: NOLOGIN plus the marker in the comment (an existing comment is kept); still listed, as INACTIVE.
      await formatted(server.admin, 'comment on role %I is %L', name, 'Contractor, until March');
      const deactivated = await succeed('deactivate_account', as({ account_id: name }));
      expect([deactivated.response, deactivated.execution_summary.effect]).toEqual([{ deactivated: true, status: 'INACTIVE' }, { kind: 'updated' }]);
      expect(await roleInCatalog(server, name)).toMatchObject({ login: false, comment: '[lumos:deactivated] Contractor, until March' });
      expect(await canSignIn(server, name, password)).toBe('28000');
      const listed = await succeed('get_account', as({ account_id: name }));
      expect(listed.response).toMatchObject({ integration_specific_id: name, user_status: 'INACTIVE' });
      const entitlements = await succeed('list_entitlements', { ...as({}), page: { size: 1000 } });
      expect(entitlements.response.map((entitlement: { integration_specific_id: string }) => entitlement.integration_specific_id)).not.toContain(name);
      const twice = await succeed('deactivate_account', as({ account_id: name }));
      expect(twice.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });

      // activate_account: LOGIN again and the comment as it was.
      const activated = await succeed('activate_account', as({ account_id: name }));
      expect([activated.response, activated.execution_summary.effect]).toEqual([{ activated: true, status: 'ACTIVE' }, { kind: 'updated' }]);
      expect(await roleInCatalog(server, name)).toMatchObject({ login: true, comment: 'Contractor, until March' });
      expect(await canSignIn(server, name, password)).toBe(true);
      expect((await succeed('activate_account', as({ account_id: name }))).execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });

      // delete_account: the database privilege it holds is revoked and the role dropped; then a noop.
      const deleted = await succeed('delete_account', as({ account_id: name }));
      expect([deleted.response, deleted.execution_summary.effect]).toEqual([{ deleted: true, status: 'DELETED' }, { kind: 'deleted' }]);
      expect(await roleInCatalog(server, name)).toBeUndefined();
      const gone = await succeed('delete_account', as({ account_id: name }));
      expect(gone.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
    }, 60_000);

    test('a deactivated account without a comment gets the bare marker, and activation removes the comment again', async () => {
      await succeed('create_account', as({ username: 'temp_worker', entitlements: [] }));
      await succeed('deactivate_account', as({ account_id: 'temp_worker' }));
      expect(await roleInCatalog(server, 'temp_worker')).toMatchObject({ login: false, comment: '[lumos:deactivated]' });
      const accounts = await succeed('list_accounts', { ...as({}), page: { size: 1000 } });
      expect(accounts.response.find((account: { integration_specific_id: string }) => account.integration_specific_id === 'temp_worker')).toMatchObject({
        user_status: 'INACTIVE',
      });
      await succeed('activate_account', as({ account_id: 'temp_worker' }));
      expect(await roleInCatalog(server, 'temp_worker')).toMatchObject({ login: true, comment: null });
      await succeed('delete_account', as({ account_id: 'temp_worker' }));
    });

    test('create_account without a password makes a role that cannot sign in with one', async () => {
      const created = await succeed('create_account', as({ username: hostile.unicode + ' 2', entitlements: [] }));
      expect(created.response).toEqual({ id: 'Zoë 🚀 2', status: 'ACTIVE', created: true });
      const [row] = await server.admin`select rolpassword is null as no_password from pg_authid where rolname = ${'Zoë 🚀 2'}`;
      expect(row.no_password).toBe(true);
      await succeed('delete_account', as({ account_id: 'Zoë 🚀 2' }));
    });

    test('delete_account of a role that owns objects fails with what to do, and changes nothing', async () => {
      await formatted(server.admin, 'create role %I login', 'table_owner');
      // PostgreSQL 16+: a role the connector did not create needs ADMIN for it, as the README says.
      if (server.version >= 16)
        await formatted(server.admin, 'grant %I to %I with admin true, inherit false, set false', 'table_owner', connectorUser.username);
      await formatted(server.admin, 'grant connect on database %I to %I', 'app', 'table_owner');
      await server.admin.unsafe('create table owned_by_someone (id int); alter table owned_by_someone owner to table_owner');
      const error = await fail('delete_account', as({ account_id: 'table_owner' }));
      expect(error).toMatchObject({ error_code: 'bad_request', app_error_code: 'postgres.role_has_dependents' });
      expect(error.message).toContain('owner of table owned_by_someone');
      expect(error.message).toContain('REASSIGN OWNED BY "table_owner"');
      // The transaction rolled back: the CONNECT revoked on the way is still there.
      expect(await roleInCatalog(server, 'table_owner')).toMatchObject({ login: true, database_privileges: ['app:CONNECT'] });
    });

    test('writes refuse what is not theirs: group roles are not accounts, unknown entitlements are not_found, the connector keeps its own role', async () => {
      expect(await fail('delete_account', as({ account_id: 'readers' }))).toMatchObject({ error_code: 'not_found' });
      expect(await fail('deactivate_account', as({ account_id: 'no such role' }))).toMatchObject({
        error_code: 'not_found',
        message: 'There is no account "no such role".',
      });
      const base = { account_integration_specific_id: 'bob', resource_type: '', entitlement_type: 'role' };
      expect(
        await fail('assign_entitlement', as({ ...base, resource_integration_specific_id: '', entitlement_integration_specific_id: 'alice' })),
      ).toMatchObject({ error_code: 'not_found' });
      expect(
        await fail('assign_entitlement', as({ ...base, resource_integration_specific_id: 'no_db', entitlement_integration_specific_id: 'CONNECT' })),
      ).toMatchObject({
        error_code: 'not_found',
        message: 'There is no database "no_db".',
      });
      expect(
        await fail('assign_entitlement', as({ ...base, resource_integration_specific_id: 'app', entitlement_integration_specific_id: 'SELECT' })),
      ).toMatchObject({ error_code: 'not_found' });
      expect(await fail('create_account', as({ username: 'writers', entitlements: [] }))).toMatchObject({
        error_code: 'invalid_value',
        app_error_code: 'postgres.role_exists',
      });
      expect(await fail('create_account', as({ username: 'x'.repeat(64), entitlements: [] }))).toMatchObject({ error_code: 'invalid_value' });
      expect(await fail('create_account', as({ username: 'pg_mine', entitlements: [] }))).toMatchObject({ error_code: 'invalid_value' });
      expect(await fail('create_account', as({ username: 'unicode_password', password: 'pässword', entitlements: [] }))).toMatchObject({
        error_code: 'invalid_value',
      });
      expect(await fail('deactivate_account', as({ account_id: connectorUser.username }))).toMatchObject({
        error_code: 'bad_request',
        app_error_code: 'postgres.own_role',
      });
      // A create whose entitlement does not exist leaves no role behind.
      expect(
        await fail('create_account', as({ username: 'half_made', entitlements: [{ integration_specific_id: 'nope', entitlement_type: 'role' }] })),
      ).toMatchObject({ error_code: 'not_found' });
      expect(await roleInCatalog(server, 'half_made')).toBeUndefined();
    }, 60_000);
  });
}
