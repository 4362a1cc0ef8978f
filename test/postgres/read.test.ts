import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { byteOrder, envelope, fail, succeed, walk } from './helpers.ts';
import { postgresInstalls, startPostgres, superuser, type PostgresServer } from './postgres-server.ts';
import { associationKey, catalogAssociations, connectorUser, databases, fillerAccounts, groups, hostile, readOnlyUser, seed } from './seed.ts';

for (const install of postgresInstalls('test/postgres/read')) {
  describe.skipIf(install.bin === undefined)(`postgres connector: reading a real server (${install.label})`, () => {
    let server: PostgresServer;
    const base = () => envelope(server, connectorUser);

    beforeAll(async () => {
      server = await startPostgres(install);
      await seed(server);
    }, 60_000);
    afterAll(() => server?.stop());

    test("validate_credentials answers valid with a tenant id made from the cluster's system identifier, and the server version in raw_data", async () => {
      const [control] = await server.admin`select system_identifier::text as id, current_setting('server_version') as version from pg_control_system()`;
      const result = await succeed('validate_credentials', { ...base(), include_raw_data: true });
      expect(result).toEqual({
        response: { valid: true, unique_tenant_id: `postgres-${control.id}` },
        page: null,
        raw_data: { server_version: control.version, user_name: connectorUser.username, system_identifier: control.id },
      });
      // Any user that can log in gets the same tenant id: pg_control_system() is executable by everyone.
      const reader = await succeed('validate_credentials', envelope(server, readOnlyUser));
      expect(reader.response.unique_tenant_id).toBe(`postgres-${control.id}`);
    });

    test('list_accounts lists every login role with its status and attributes, hostile names as they are', async () => {
      const { items } = await walk('list_accounts', base(), 1000);
      const logins: { rolname: string }[] = await server.admin`select rolname::text from pg_roles where rolcanlogin`;
      expect(items.map((account) => account.integration_specific_id)).toEqual(logins.map((row) => row.rolname).sort(byteOrder));
      const byId = new Map(items.map((account) => [account.integration_specific_id, account]));
      for (const name of Object.values(hostile)) {
        expect(byId.get(name)).toEqual({
          integration_specific_id: name,
          username: name,
          user_status: 'ACTIVE',
          custom_attributes: { superuser: 'false', create_role: 'false', create_db: 'false', replication: 'false', bypass_rls: 'false' },
        });
      }
      expect(byId.get('expired')).toMatchObject({ user_status: 'SUSPENDED', custom_attributes: { valid_until: '2000-01-01T00:00:00Z' } });
      expect(byId.get(superuser.username)).toMatchObject({ user_status: 'ACTIVE', custom_attributes: { superuser: 'true' } });
      expect(byId.get(connectorUser.username)).toMatchObject({ custom_attributes: { superuser: 'false', create_role: 'true' } });
      for (const group of groups) expect(byId.has(group)).toBe(false);
      expect([...byId.keys()].some((name) => name.startsWith('pg_'))).toBe(false);
    });

    test('get_account returns one account, and not_found for a group role or an unknown name', async () => {
      const found = await succeed('get_account', { ...base(), request: { account_id: hostile.injection } });
      expect(found.response).toMatchObject({ integration_specific_id: hostile.injection, user_status: 'ACTIVE' });
      expect(await fail('get_account', { ...base(), request: { account_id: 'readers' } })).toMatchObject({
        error_code: 'not_found',
        message: 'There is no account "readers": it is a group role, listed as an entitlement.',
      });
      expect((await fail('get_account', { ...base(), request: { account_id: 'nobody' } })).error_code).toBe('not_found');
    });

    test('list_resources lists the databases (templates left out) with their owners', async () => {
      const { items } = await walk('list_resources', base(), 1000);
      expect(items.map((resource) => resource.integration_specific_id)).toEqual(['postgres', ...databases].sort(byteOrder));
      expect(items.find((resource) => resource.integration_specific_id === 'bob_db')).toEqual({
        integration_specific_id: 'bob_db',
        label: 'bob_db',
        resource_type: 'database',
        description: null,
        extra_data: { owner: 'bob' },
      });
    });

    test('list_entitlements lists the group roles, then CONNECT, CREATE and TEMPORARY of every database', async () => {
      const { items } = await walk('list_entitlements', base(), 1000);
      const roles = items.filter((entitlement) => entitlement.entitlement_type === 'role');
      expect(roles.map((role) => role.integration_specific_id)).toEqual([...groups].sort(byteOrder));
      expect(roles.find((role) => role.integration_specific_id === 'readers')).toEqual({
        integration_specific_id: 'readers',
        integration_specific_resource_id: '',
        entitlement_type: 'role',
        label: 'readers',
        description: 'Read-only access to the app',
        is_assignable: true,
      });
      const privileges = items.filter((entitlement) => entitlement.entitlement_type === 'database_privilege');
      expect(privileges.map((privilege) => [privilege.integration_specific_resource_id, privilege.integration_specific_id])).toEqual(
        ['postgres', ...databases].sort(byteOrder).flatMap((database) => ['CONNECT', 'CREATE', 'TEMPORARY'].map((privilege) => [database, privilege])),
      );
      expect(privileges.find((privilege) => privilege.integration_specific_resource_id === hostile.injection)).toMatchObject({
        label: `CONNECT on ${hostile.injection}`,
        description: 'Connect to the database.',
      });
    });

    test('find_entitlement_associations lists direct memberships and database grants of accounts, exactly as the catalog holds them', async () => {
      const { items } = await walk('find_entitlement_associations', base(), 1000);
      const keys = items.map(associationKey);
      expect([...keys].sort()).toEqual(await catalogAssociations(server.admin));
      for (const expected of [
        { account_id: 'alice', integration_specific_entitlement_id: 'readers', integration_specific_resource_id: '' },
        { account_id: 'alice', integration_specific_entitlement_id: 'CONNECT', integration_specific_resource_id: 'app' },
        { account_id: hostile.quote, integration_specific_entitlement_id: "Zoë's group 🚀", integration_specific_resource_id: '' },
        { account_id: hostile.quote, integration_specific_entitlement_id: 'CREATE', integration_specific_resource_id: hostile.injection },
        { account_id: hostile.unicode, integration_specific_entitlement_id: '"; DROP ROLE postgres; --', integration_specific_resource_id: '' },
        { account_id: hostile.unicode, integration_specific_entitlement_id: 'TEMPORARY', integration_specific_resource_id: "O'Brien's db" },
        // A database's owner holds its privileges until they are revoked.
        { account_id: 'bob', integration_specific_entitlement_id: 'CREATE', integration_specific_resource_id: 'bob_db' },
      ]) {
        expect(keys).toContain(associationKey(expected));
      }
      // Memberships of groups in groups, and of predefined roles, are not accounts' entitlements.
      expect(keys.some((key) => key.startsWith('["writers"'))).toBe(false);
      expect(keys.some((key) => key.includes('pg_monitor'))).toBe(false);
    });

    test.each([1, 3, 7])(
      'every list walked with %i item(s) a page gives the same items as one page, in order, with no repeats',
      async (size) => {
        for (const capability of ['list_accounts', 'list_resources', 'list_entitlements', 'find_entitlement_associations']) {
          if (size === 1 && capability !== 'list_resources') continue; // one item a page: resources are few enough to keep the run short
          const whole = await walk(capability, base(), 1000);
          const paged = await walk(capability, base(), size);
          expect(paged.items).toEqual(whole.items);
          expect(paged.pages).toBe(Math.max(1, Math.ceil(whole.items.length / size)));
          expect(new Set(paged.items.map((item) => JSON.stringify(item))).size).toBe(paged.items.length);
        }
      },
      60_000,
    );

    test('a page token keeps its place while the catalog changes: no account is skipped or repeated', async () => {
      const first = await succeed('list_accounts', { ...base(), page: { size: 5 } });
      const lastShown = first.response.at(-1).integration_specific_id;
      // A role sorted before the page boundary appears, one after it too.
      await server.admin.unsafe('create role "a_new_first" login; create role "zz_new_last" login');
      try {
        const after = await succeed('list_accounts', { ...base(), page: { token: first.page.token, size: 1000 } });
        const logins: { rolname: string }[] = await server.admin`select rolname::text from pg_roles where rolcanlogin`;
        const expected = logins
          .map((row) => row.rolname)
          .filter((name) => byteOrder(name, lastShown) > 0)
          .sort(byteOrder);
        expect(after.response.map((account: { integration_specific_id: string }) => account.integration_specific_id)).toEqual(expected);
        expect(expected).toContain('zz_new_last');
      } finally {
        await server.admin.unsafe('drop role "a_new_first"; drop role "zz_new_last"');
      }
    });

    test('a token of another list, or a forged one, is invalid_page_token', async () => {
      const accounts = await succeed('list_accounts', { ...base(), page: { size: 2 } });
      expect(await fail('list_resources', { ...base(), page: { token: accounts.page.token, size: 2 } })).toMatchObject({ error_code: 'invalid_page_token' });
      const forged = Buffer.from(JSON.stringify({ v: 1, l: 'accounts', c: { catalog: { c: '{"not":"a keyset"}' } } })).toString('base64url');
      expect(await fail('list_accounts', { ...base(), page: { token: forged, size: 2 } })).toMatchObject({ error_code: 'invalid_page_token' });
      expect(await fail('list_accounts', { ...base(), page: { token: 'not a token!', size: 2 } })).toMatchObject({ error_code: 'invalid_page_token' });
    });

    test('entitlement_roles chooses the entitlement roles; include_predefined_roles adds pg_* roles', async () => {
      const chosen = await walk('list_entitlements', envelope(server, connectorUser, { settings: { entitlement_roles: ['writers', hostile.quote] } }), 1000);
      expect(chosen.items.filter((item) => item.entitlement_type === 'role').map((item) => item.integration_specific_id)).toEqual([hostile.quote, 'writers']);
      // A login role chosen as an entitlement is no longer listed as an account.
      const accounts = await walk('list_accounts', envelope(server, connectorUser, { settings: { entitlement_roles: ['writers', hostile.quote] } }), 1000);
      expect(accounts.items.map((account) => account.integration_specific_id)).not.toContain(hostile.quote);

      const predefined = await walk('list_entitlements', envelope(server, connectorUser, { settings: { include_predefined_roles: true } }), 1000);
      expect(predefined.items.map((item) => item.integration_specific_id)).toContain('pg_monitor');
      const associations = await walk('find_entitlement_associations', envelope(server, connectorUser, { settings: { include_predefined_roles: true } }), 1000);
      expect(associations.items.map(associationKey)).toContain(
        associationKey({ account_id: 'alice', integration_specific_entitlement_id: 'pg_monitor', integration_specific_resource_id: '' }),
      );
    });

    test('the "; DROP TABLE x; --" names did nothing but name things: table x is still there', async () => {
      const [row] = await server.admin`select count(*)::int as rows from x`;
      expect(row.rows).toBe(1);
      expect(fillerAccounts.length).toBeGreaterThan(20);
    });
  });
}
