import type { SQL } from 'bun';
import { ConnectorError } from 'lumos-connector-sdk';
import type { AccountStatus, FoundAccountData } from 'lumos-connector-sdk/wire';
import { deactivationMarker } from './deactivation-marker.ts';
import { quoteLiteral } from './quote-literal.ts';
import type { PostgresSettings } from './settings.ts';

/**
 * `with roles as (…)`: every role with what the connector makes of it. An entitlement is a role in
 * `entitlement_roles` when that setting is given, else a role without LOGIN that carries no
 * deactivation marker (PostgreSQL's predefined pg_* roles only with `include_predefined_roles`),
 * never `pg_database_owner`, which cannot be granted.
 * An account is any other role that has LOGIN or carries the marker, pg_* roles never.
 * Takes $1 (entitlement_roles as JSON text, or null) and $2 (include_predefined_roles).
 */
export const rolesCte = `with roles as (
  select r.oid, r.rolname::text collate "C" as rolname, r.rolcanlogin, r.rolinherit, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
    r.rolreplication, r.rolbypassrls, r.rolconnlimit, c.comment,
    case when not isfinite(r.rolvaliduntil) then r.rolvaliduntil::text
         else to_char(r.rolvaliduntil at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') end as valid_until,
    case when not r.rolcanlogin then 'INACTIVE' when r.rolvaliduntil < now() then 'SUSPENDED' else 'ACTIVE' end as status,
    coalesce(left(c.comment, ${deactivationMarker.length}) = ${quoteLiteral(deactivationMarker)}, false) as deactivated
  from pg_roles r
  cross join lateral (select shobj_description(r.oid, 'pg_authid') as comment) c
), classified as (
  select roles.*,
    -- pg_database_owner stands for the owner of each database: PostgreSQL refuses to grant it.
    rolname <> 'pg_database_owner' and
    case when $1::text is not null then rolname = any (array(select json_array_elements_text($1::text::json)))
         else not rolcanlogin and not deactivated and ($2::boolean or rolname !~ '^pg_')
    end as is_entitlement
  from roles
), accounts as (
  select * from classified where not is_entitlement and (rolcanlogin or deactivated) and rolname !~ '^pg_'
), entitlement_roles as (
  select * from classified where is_entitlement
)`;

/** The bind parameters $1 and $2 of {@link rolesCte}. */
export function rolesParams(settings: PostgresSettings): [string | null, boolean] {
  return [settings.entitlement_roles === undefined ? null : JSON.stringify(settings.entitlement_roles), settings.include_predefined_roles];
}

/** A role as {@link rolesCte} describes it. */
export interface RoleRow {
  oid: number;
  rolname: string;
  rolcanlogin: boolean;
  /** Whether the role inherits the privileges of roles it is a member of by default (INHERIT). */
  rolinherit: boolean;
  rolsuper: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
  rolconnlimit: number;
  /** VALID UNTIL as ISO 8601 in UTC, `infinity` or `-infinity`; null when not set. */
  valid_until: string | null;
  /** No LOGIN is INACTIVE; a password past its VALID UNTIL is SUSPENDED. */
  status: AccountStatus;
  comment: string | null;
  deactivated: boolean;
  is_entitlement: boolean;
  is_account: boolean;
}

/** Finds a role by exact name, classified; undefined when there is none. */
export async function findRole(sql: SQL, settings: PostgresSettings, name: string): Promise<RoleRow | undefined> {
  const rows: RoleRow[] = await sql.unsafe(
    `${rolesCte}
     select c.*, exists (select 1 from accounts a where a.oid = c.oid) as is_account
     from classified c where c.rolname = $3::text collate "C"`,
    [...rolesParams(settings), name],
  );
  return rows[0];
}

/** The wire account of a login role. */
export function toAccount(role: RoleRow): FoundAccountData {
  const attributes: Record<string, string> = {
    superuser: String(role.rolsuper),
    create_role: String(role.rolcreaterole),
    create_db: String(role.rolcreatedb),
    replication: String(role.rolreplication),
    bypass_rls: String(role.rolbypassrls),
  };
  if (role.valid_until !== null) attributes['valid_until'] = role.valid_until;
  if (role.rolconnlimit >= 0) attributes['connection_limit'] = String(role.rolconnlimit);
  return {
    integration_specific_id: role.rolname,
    username: role.rolname,
    user_status: role.status,
    custom_attributes: attributes,
  };
}

/** The account (a role listed by list_accounts) of this name; `not_found` otherwise, saying what the name is when it is a role. */
export async function findAccount(sql: SQL, settings: PostgresSettings, name: string): Promise<RoleRow> {
  const role = await findRole(sql, settings, name);
  if (role?.is_account) return role;
  const why =
    role === undefined ? '' : role.is_entitlement ? ': it is a group role, listed as an entitlement' : ': it is a role without LOGIN that is not an account';
  throw new ConnectorError(`There is no account ${JSON.stringify(name)}${why}.`, 'not_found', { appErrorCode: 'postgres.no_account' });
}
