import { SQL } from 'bun';
import type { StandardHandlers } from 'lumos-connector-sdk';
import type { FoundEntitlementAssociation, FoundEntitlementData, FoundResourceData } from 'lumos-connector-sdk/wire';
import { databasePrivilegeType, databasePrivileges, databaseResourceType, givesAccess, roleEntitlementType, type DatabasePrivilege } from './entitlement.ts';
import { decodeKeyset, encodeKeyset, pageSize, type Keyset } from './page-token.ts';
import { findAccount, rolesCte, rolesParams, toAccount, type RoleRow } from './role-catalog.ts';
import type { PostgresSettings } from './settings.ts';
import { withPostgres } from './with-postgres.ts';

/** The SQL of the privilege names, in their sort order. */
const privilegeValues = Object.keys(databasePrivileges)
  .map((name) => `('${name}')`)
  .join(', ');

/** A keyset page: `size` rows of the `size + 1` fetched, and a token when there was one more. */
function keysetPage<TRow, TItem>(rows: TRow[], size: number, list: string, keyOf: (row: TRow) => Keyset, toItem: (row: TRow) => TItem) {
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  return {
    response: shown.map(toItem),
    page: rows.length > size && last !== undefined ? { token: encodeKeyset(list, keyOf(last)), size } : null,
  };
}

/** The read capabilities: every list is keyset-paged in byte order of names, so pages never skip or repeat rows while the catalog changes. */
export const readCapabilities: StandardHandlers<PostgresSettings> = {
  validate_credentials: (args, { log }) =>
    withPostgres(args, async (sql) => {
      const [about] = await sql`select current_setting('server_version') as server_version, current_user::text as user_name`;
      const { server_version, user_name } = about as { server_version: string; user_name: string };
      let systemIdentifier: string | undefined;
      try {
        const [control] = await sql`select system_identifier::text as system_identifier from pg_control_system()`;
        systemIdentifier = (control as { system_identifier: string }).system_identifier;
      } catch (error) {
        // pg_control_system() is executable by everyone unless an administrator revoked it.
        if (!(error instanceof SQL.PostgresError && error.errno === '42501')) throw error;
        log.warn('pg_control_system() is not executable by this user: the tenant id falls back to a hash of host and port.');
      }
      const { host, port } = args.settings;
      const tenantId = systemIdentifier
        ? `postgres-${systemIdentifier}`
        : `postgres-address-${new Bun.CryptoHasher('sha256').update(`${host.toLowerCase()}:${port}`).digest('hex').slice(0, 20)}`;
      log.info(`Connected to PostgreSQL ${server_version} at ${host}:${port} as ${JSON.stringify(user_name)}; tenant ${tenantId}.`);
      return {
        response: { valid: true, unique_tenant_id: tenantId },
        ...(args.include_raw_data ? { raw_data: { server_version, user_name, system_identifier: systemIdentifier ?? null } } : {}),
      };
    }),

  list_accounts: (args) =>
    withPostgres(args, async (sql) => {
      const size = pageSize(args.page?.size);
      const after = decodeKeyset(args.page?.token, 'accounts', ['string']);
      const rows: RoleRow[] = await sql.unsafe(
        `${rolesCte}
         select a.*, true as is_account from accounts a
         where $3::text is null or a.rolname > $3::text collate "C"
         order by a.rolname limit $4`,
        [...rolesParams(args.settings), after?.[0] ?? null, size + 1],
      );
      return keysetPage(rows, size, 'accounts', (row) => [row.rolname], toAccount);
    }),

  get_account: (args) => withPostgres(args, async (sql) => ({ response: toAccount(await findAccount(sql, args.settings, args.request.account_id)) })),

  list_resources: (args) =>
    withPostgres(args, async (sql) => {
      const size = pageSize(args.page?.size);
      const after = decodeKeyset(args.page?.token, 'resources', ['string']);
      const rows: { datname: string; owner: string; comment: string | null }[] = await sql.unsafe(
        `select d.datname::text collate "C" as datname, pg_get_userbyid(d.datdba)::text as owner, shobj_description(d.oid, 'pg_database') as comment
         from pg_database d
         where not d.datistemplate and ($1::text is null or d.datname::text collate "C" > $1::text collate "C")
         order by 1 limit $2`,
        [after?.[0] ?? null, size + 1],
      );
      return keysetPage(
        rows,
        size,
        'resources',
        (row) => [row.datname],
        (row): FoundResourceData => ({
          integration_specific_id: row.datname,
          label: row.datname,
          resource_type: databaseResourceType,
          description: row.comment,
          extra_data: { owner: row.owner },
        }),
      );
    }),

  list_entitlements: (args) =>
    withPostgres(args, async (sql) => {
      const size = pageSize(args.page?.size);
      const after = decodeKeyset(args.page?.token, 'entitlements', ['number', 'string', 'string']);
      const rows: { kind: number; resource: string; id: string; comment: string | null }[] = await sql.unsafe(
        `${rolesCte}
         select * from (
           select 0 as kind, ''::text collate "C" as resource, e.rolname as id, e.comment from entitlement_roles e
           union all
           select 1, d.datname::text collate "C", p.privilege::text collate "C", null
           from pg_database d cross join (values ${privilegeValues}) p(privilege)
           where not d.datistemplate
         ) entitlements
         where $3::int is null or (kind, resource, id) > ($3::int, $4::text collate "C", $5::text collate "C")
         order by kind, resource, id limit $6`,
        [...rolesParams(args.settings), after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, size + 1],
      );
      return keysetPage(
        rows,
        size,
        'entitlements',
        (row) => [row.kind, row.resource, row.id],
        (row): FoundEntitlementData =>
          row.kind === 0
            ? {
                integration_specific_id: row.id,
                integration_specific_resource_id: '',
                entitlement_type: roleEntitlementType,
                label: row.id,
                description: row.comment ?? `Membership of the group role ${row.id}`,
                is_assignable: true,
              }
            : {
                integration_specific_id: row.id,
                integration_specific_resource_id: row.resource,
                entitlement_type: databasePrivilegeType,
                label: `${row.id} on ${row.resource}`,
                description: databasePrivileges[row.id as DatabasePrivilege],
                is_assignable: true,
              },
      );
    }),

  find_entitlement_associations: (args) =>
    withPostgres(args, async (sql) => {
      const size = pageSize(args.page?.size);
      const after = decodeKeyset(args.page?.token, 'associations', ['string', 'number', 'string', 'string']);
      // Direct grants only: memberships of accounts in entitlement roles that give the group's
      // privileges (not an ADMIN-only one, PostgreSQL 16+), and database privileges granted to
      // accounts (a database's owner holds all three until they are revoked).
      const rows: { account: string; kind: number; resource: string; entitlement: string }[] = await sql.unsafe(
        `${rolesCte}
         select * from (
           select a.rolname as account, 0 as kind, ''::text collate "C" as resource, e.rolname as entitlement
           from pg_auth_members m
           join accounts a on a.oid = m.member
           join entitlement_roles e on e.oid = m.roleid
           where ${givesAccess('m')}
           union
           select a.rolname, 1, d.datname::text collate "C", acl.privilege_type::text collate "C"
           from pg_database d
           cross join lateral aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) acl
           join accounts a on a.oid = acl.grantee
           where not d.datistemplate
         ) associations
         where $3::text is null or (account, kind, resource, entitlement) > ($3::text collate "C", $4::int, $5::text collate "C", $6::text collate "C")
         order by account, kind, resource, entitlement limit $7`,
        [...rolesParams(args.settings), after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, after?.[3] ?? null, size + 1],
      );
      return keysetPage(
        rows,
        size,
        'associations',
        (row) => [row.account, row.kind, row.resource, row.entitlement],
        (row): FoundEntitlementAssociation => ({
          account_id: row.account,
          integration_specific_entitlement_id: row.entitlement,
          integration_specific_resource_id: row.resource,
        }),
      );
    }),
};
