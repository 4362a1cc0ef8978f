import type { SQL } from 'bun';
import type { Login } from './helpers.ts';
import type { PostgresServer } from './postgres-server.ts';

/** Names that break naive SQL: a quote, an injection attempt, unicode with an emoji. */
export const hostile = {
  quote: "O'Brien",
  injection: '"; DROP TABLE x; --',
  unicode: 'Zoë 🚀',
} as const;

/** Group roles (entitlements); two of them hostile too. */
export const groups = ['readers', 'writers', "Zoë's group 🚀", '"; DROP ROLE postgres; --'] as const;

/** Databases (resources); three of them hostile. */
export const databases = ['app', "O'Brien's db", '"; DROP TABLE x; --', 'Zoë 🚀 db', 'bob_db'] as const;

/** The user the connector runs as: not a superuser, CREATEROLE, and every database privilege WITH GRANT OPTION — what the README asks for. */
export const connectorUser: Login = { username: 'lumos_connector', password: "conn'ector \\ secret" };
/** A user that can read the catalog and nothing more. */
export const readOnlyUser: Login = { username: 'catalog_reader', password: 'reader-secret' };

/** Plain login roles that make the lists long enough for several pages. */
export const fillerAccounts = Array.from({ length: 23 }, (_, index) => `user_${String(index + 1).padStart(2, '0')}`);

/**
 * Runs DDL built by the server's own `format()` (%I for identifiers, %L for constants), so the
 * seed does not depend on the connector's quoting under test.
 */
export async function formatted(sql: SQL, template: string, ...values: string[]): Promise<void> {
  const [row] = await sql.unsafe(`select format($1, ${values.map((_, index) => `$${index + 2}::text`).join(', ') || "''"}) as statement`, [
    template,
    ...values,
  ]);
  await sql.unsafe((row as { statement: string }).statement);
}

/** Seeds the server with accounts, groups, databases, memberships and grants, hostile names included. */
export async function seed(server: PostgresServer): Promise<void> {
  const sql = server.admin;
  await sql.unsafe('create table x (id int); insert into x values (1)');
  await formatted(sql, 'create role %I login createrole password %L', connectorUser.username, connectorUser.password);
  await formatted(sql, 'create role %I login password %L', readOnlyUser.username, readOnlyUser.password);
  for (const name of [...Object.values(hostile), 'alice', 'bob', ...fillerAccounts]) await formatted(sql, 'create role %I login', name);
  await formatted(sql, "create role %I login valid until '2000-01-01'", 'expired');
  for (const name of groups) await formatted(sql, 'create role %I nologin', name);
  await formatted(sql, 'comment on role %I is %L', 'readers', 'Read-only access to the app');
  for (const name of databases.filter((name) => name !== 'bob_db')) await formatted(sql, 'create database %I', name);
  await formatted(sql, 'create database %I owner %I', 'bob_db', 'bob');
  for (const name of databases) await formatted(sql, 'grant all on database %I to %I with grant option', name, connectorUser.username);
  // PostgreSQL 16 and later: CREATEROLE alone no longer lets a role grant memberships it did not create.
  // ADMIN alone, as the README says: the connector's user neither inherits the groups nor is listed as their member.
  if (server.version >= 16)
    for (const name of groups) await formatted(sql, 'grant %I to %I with admin true, inherit false, set false', name, connectorUser.username);

  await formatted(sql, 'grant %I to %I', 'readers', 'alice');
  await formatted(sql, 'grant %I to %I', 'writers', 'alice');
  await formatted(sql, 'grant %I to %I', 'readers', 'bob');
  await formatted(sql, 'grant %I to %I', "Zoë's group 🚀", hostile.quote);
  await formatted(sql, 'grant %I to %I', '"; DROP ROLE postgres; --', hostile.unicode);
  await formatted(sql, 'grant %I to %I', 'readers', 'writers'); // a group in a group: not an account's association
  await formatted(sql, 'grant %I to %I', 'pg_monitor', 'alice'); // predefined: an entitlement only when asked for
  await formatted(sql, 'grant connect on database %I to %I', 'app', 'alice');
  await formatted(sql, 'grant connect, temporary on database %I to %I', "O'Brien's db", hostile.unicode);
  await formatted(sql, 'grant create on database %I to %I', hostile.injection, hostile.quote);
}

/**
 * Every account's association as the catalog holds it, read directly: memberships of login roles in
 * non-login roles that give the group's privileges (from 16, INHERIT or SET; an ADMIN-only row does
 * not), and database ACLs.
 */
export async function catalogAssociations(sql: SQL): Promise<string[]> {
  const rows: { account: string; entitlement: string; resource: string }[] = await sql.unsafe(`
    select m.rolname::text as account, g.rolname::text as entitlement, '' as resource
    from pg_auth_members am join pg_roles m on m.oid = am.member join pg_roles g on g.oid = am.roleid
    where m.rolcanlogin and not g.rolcanlogin and g.rolname !~ '^pg_'
      and coalesce((to_jsonb(am) ->> 'inherit_option')::boolean or (to_jsonb(am) ->> 'set_option')::boolean, true)
    union
    select r.rolname::text, a.privilege_type, d.datname::text
    from pg_database d cross join lateral aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a join pg_roles r on r.oid = a.grantee
    where r.rolcanlogin and not d.datistemplate`);
  return rows.map((row) => associationKey(row)).sort();
}

/** One association as a comparable string. */
export function associationKey(row: {
  account?: string;
  account_id?: string;
  entitlement?: string;
  integration_specific_entitlement_id?: string;
  resource?: string;
  integration_specific_resource_id?: string;
}): string {
  return JSON.stringify([
    row.account ?? row.account_id,
    row.entitlement ?? row.integration_specific_entitlement_id,
    row.resource ?? row.integration_specific_resource_id,
  ]);
}
