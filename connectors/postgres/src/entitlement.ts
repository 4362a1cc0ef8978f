import type { SQL } from 'bun';
import { ConnectorError } from 'lumos-connector-sdk';
import { quoteIdent } from './quote-ident.ts';
import { findRole, type RoleRow } from './role-catalog.ts';
import type { PostgresSettings } from './settings.ts';

/** The entitlement type of a group role (resource id ""). */
export const roleEntitlementType = 'role';
/** The entitlement type of a database privilege (resource id = the database's name). */
export const databasePrivilegeType = 'database_privilege';
/** The resource type of a database. */
export const databaseResourceType = 'database';

/** The database privileges offered as entitlements, with what each lets a role do. */
export const databasePrivileges = {
  CONNECT: 'Connect to the database.',
  CREATE: 'Create schemas (and publications) in the database.',
  TEMPORARY: 'Create temporary tables while connected to the database.',
} as const;

/** A database privilege name. */
export type DatabasePrivilege = keyof typeof databasePrivileges;

/** What an entitlement id and resource id name: membership of a group role, or a privilege on a database. */
export type Entitlement = { kind: 'role'; role: RoleRow } | { kind: 'database'; database: string; privilege: DatabasePrivilege };

/**
 * Finds the entitlement `entitlementId` on `resourceId` ("" for group roles, a database's name for
 * its privileges); `not_found` when the role is not an entitlement role or the database does not exist.
 */
export async function resolveEntitlement(
  sql: SQL,
  settings: PostgresSettings,
  entitlementId: string,
  resourceId: string | null | undefined,
): Promise<Entitlement> {
  if (!resourceId) {
    const role = await findRole(sql, settings, entitlementId);
    if (!role?.is_entitlement) {
      const why = role ? ' (it is a role, but not one treated as an entitlement: see the entitlement_roles setting)' : '';
      throw new ConnectorError(`There is no group role ${JSON.stringify(entitlementId)}${why}.`, 'not_found', { appErrorCode: 'postgres.no_entitlement' });
    }
    return { kind: 'role', role };
  }
  if (!Object.hasOwn(databasePrivileges, entitlementId)) {
    throw new ConnectorError(
      `There is no database privilege ${JSON.stringify(entitlementId)}: the entitlements of a database are ${Object.keys(databasePrivileges).join(', ')}.`,
      'not_found',
      { appErrorCode: 'postgres.no_entitlement' },
    );
  }
  const [found] = await sql.unsafe('select 1 from pg_database where datname = $1 and not datistemplate', [resourceId]);
  if (!found) throw new ConnectorError(`There is no database ${JSON.stringify(resourceId)}.`, 'not_found', { appErrorCode: 'postgres.no_database' });
  return { kind: 'database', database: resourceId, privilege: entitlementId as DatabasePrivilege };
}

/**
 * SQL: whether the `pg_auth_members` row `alias` gives the role's privileges. From PostgreSQL 16
 * a row can carry ADMIN alone (no INHERIT, no SET), which lets the member grant the role but not
 * use it; before 16 every row gives them. Read through `to_jsonb` so one statement runs on both.
 */
export function givesAccess(alias: string): string {
  return `(coalesce((to_jsonb(${alias}) ->> 'inherit_option')::boolean, true) or coalesce((to_jsonb(${alias}) ->> 'set_option')::boolean, true))`;
}

/** The server's major version (`server_version_num` / 10000), e.g. 15. */
export async function serverMajorVersion(sql: SQL): Promise<number> {
  const [row] = await sql`select current_setting('server_version_num')::int as num`;
  return Math.floor((row as { num: number }).num / 10_000);
}

/**
 * Whether the role holds the entitlement directly (not through PUBLIC or another role): a
 * membership that gives the group's privileges (INHERIT or SET), or the privilege on the database.
 */
export async function holdsEntitlement(sql: SQL, account: RoleRow, entitlement: Entitlement): Promise<boolean> {
  const [row] =
    entitlement.kind === 'role'
      ? await sql.unsafe(`select exists (select 1 from pg_auth_members m where m.roleid = $1 and m.member = $2 and ${givesAccess('m')}) as holds`, [
          entitlement.role.oid,
          account.oid,
        ])
      : await sql.unsafe(
          `select exists (
             select 1 from pg_database d cross join lateral aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
             where d.datname = $1 and a.grantee = $2 and a.privilege_type = $3
           ) as holds`,
          [entitlement.database, account.oid, entitlement.privilege],
        );
  return (row as { holds: boolean }).holds;
}

/**
 * `GRANT "group" TO "account"` or `GRANT CONNECT ON DATABASE "db" TO "account"`. From PostgreSQL
 * 16 the membership says `WITH INHERIT …, SET TRUE`: the defaults of a new grant (INHERIT follows
 * the account's own INHERIT attribute), and what turns an ADMIN-only membership into one that
 * gives the group's privileges (a plain GRANT leaves an existing membership as it is).
 */
export function grantStatement(account: RoleRow, entitlement: Entitlement, majorVersion: number): string {
  if (entitlement.kind === 'role') {
    const grant = `GRANT ${quoteIdent(entitlement.role.rolname)} TO ${quoteIdent(account.rolname)}`;
    return majorVersion >= 16 ? `${grant} WITH INHERIT ${account.rolinherit ? 'TRUE' : 'FALSE'}, SET TRUE` : grant;
  }
  return `GRANT ${entitlement.privilege} ON DATABASE ${quoteIdent(entitlement.database)} TO ${quoteIdent(account.rolname)}`;
}

/** A short description of an entitlement for messages. */
export function describeEntitlement(entitlement: Entitlement): string {
  return entitlement.kind === 'role'
    ? `membership of ${JSON.stringify(entitlement.role.rolname)}`
    : `${entitlement.privilege} on database ${JSON.stringify(entitlement.database)}`;
}
