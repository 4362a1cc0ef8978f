import type { SQL } from 'bun';
import { ConnectorError, type Logger } from 'lumos-connector-sdk';
import { describeEntitlement, serverMajorVersion, type Entitlement } from './entitlement.ts';
import { quoteIdent } from './quote-ident.ts';
import type { RoleRow } from './role-catalog.ts';
import { runDdl } from './run-ddl.ts';

/** One grant of the entitlement to the account, by one grantor. */
interface Grant {
  grantor: string;
  /** Whether the connecting user can revoke this grantor's grant. */
  revocable: boolean;
}

/**
 * Revokes every grant of the entitlement to the account, whoever made it; false when there was
 * none. A plain REVOKE removes only the grant made by the current role (PostgreSQL warns and keeps
 * the others), so:
 * - a membership (PostgreSQL 16 and later, where each grantor has its own `pg_auth_members` row)
 *   is revoked once per grantor with `REVOKE … GRANTED BY "grantor"`, which the connecting user may
 *   do for itself and for roles whose privileges it has (a superuser: all of them); before 16 there
 *   is one row, and a plain REVOKE removes it;
 * - a database privilege is revoked as each grantor (`GRANTED BY` must be the current role there):
 *   `SET LOCAL ROLE "grantor"`, `REVOKE …`, `RESET ROLE`, which the connecting user may do for
 *   itself and for roles it can SET ROLE to (a superuser: all of them).
 * When a grant is out of the connecting user's reach, nothing is revoked and the error names its
 * grantors and what to do — unless `reachableOnly`, where those grants are left for the caller.
 */
export async function revokeEntitlement(
  sql: SQL,
  log: Logger,
  account: RoleRow,
  entitlement: Entitlement,
  options: { reachableOnly?: boolean } = {},
): Promise<boolean> {
  const majorVersion = await serverMajorVersion(sql);
  const all = await grantsOf(sql, account, entitlement, majorVersion);
  if (all.length === 0) return false;
  const blocked = all.filter((grant) => !grant.revocable).map((grant) => grant.grantor);
  if (blocked.length > 0 && !options.reachableOnly) throw await cannotRevoke(sql, account, entitlement, blocked);
  const grants = all.filter((grant) => grant.revocable);
  const [self] = await sql`select current_user::text as name`;
  const currentUser = (self as { name: string }).name;
  const who = quoteIdent(account.rolname);
  if (entitlement.kind === 'role') {
    const revoke = `REVOKE ${quoteIdent(entitlement.role.rolname)} FROM ${who}`;
    if (majorVersion < 16) await runDdl(sql, log, revoke);
    else for (const { grantor } of grants) await runDdl(sql, log, `${revoke} GRANTED BY ${quoteIdent(grantor)}`);
    return true;
  }
  const revoke = `REVOKE ${entitlement.privilege} ON DATABASE ${quoteIdent(entitlement.database)} FROM ${who}`;
  for (const { grantor } of grants) {
    if (grantor === currentUser) {
      await runDdl(sql, log, revoke);
      continue;
    }
    await runDdl(sql, log, `SET LOCAL ROLE ${quoteIdent(grantor)}`);
    await runDdl(sql, log, revoke);
    await runDdl(sql, log, 'RESET ROLE');
  }
  return true;
}

/** Who granted the entitlement to the account, and whether the connecting user can revoke each grant. */
async function grantsOf(sql: SQL, account: RoleRow, entitlement: Entitlement, majorVersion: number): Promise<Grant[]> {
  if (entitlement.kind === 'role') {
    // Before 16, any role with ADMIN OPTION or CREATEROLE revokes the one row, whoever granted it
    // (and the grantor is not kept up to date: it may name a role dropped since, so it is not asked about).
    return sql.unsafe(
      `select pg_get_userbyid(m.grantor)::text as grantor,
         case when $3::int < 16 then true else pg_has_role(current_user, m.grantor, 'USAGE') end as revocable
       from pg_auth_members m where m.roleid = $1 and m.member = $2 order by 1`,
      [entitlement.role.oid, account.oid, majorVersion],
    );
  }
  // SET ROLE needs the SET option of the membership from 16 on, membership before.
  return sql.unsafe(
    `select distinct pg_get_userbyid(a.grantor)::text as grantor, pg_has_role(session_user, a.grantor, $4) as revocable
     from pg_database d cross join lateral aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a
     where d.datname = $1 and a.grantee = $2 and a.privilege_type = $3 order by 1`,
    [entitlement.database, account.oid, entitlement.privilege, majorVersion >= 16 ? 'SET' : 'MEMBER'],
  );
}

/** Whether any grant of the entitlement to the account is left, by whichever grantor (an ADMIN-only membership included). */
export async function anyGrantLeft(sql: SQL, account: RoleRow, entitlement: Entitlement): Promise<boolean> {
  return (await grantsOf(sql, account, entitlement, await serverMajorVersion(sql))).length > 0;
}

/** The error for grants the connecting user cannot revoke: who made them, and what to do. */
async function cannotRevoke(sql: SQL, account: RoleRow, entitlement: Entitlement, grantors: string[]): Promise<ConnectorError> {
  const [self] = await sql`select current_user::text as name`;
  const currentUser = JSON.stringify((self as { name: string }).name);
  const names = grantors.map((grantor) => JSON.stringify(grantor)).join(', ');
  const first = quoteIdent(grantors[0] ?? '');
  const what = `${describeEntitlement(entitlement)} from ${JSON.stringify(account.rolname)}`;
  const fix =
    entitlement.kind === 'role'
      ? `${currentUser} can revoke only memberships granted by itself or by roles whose privileges it has. Have a superuser run REVOKE ${quoteIdent(entitlement.role.rolname)} FROM ${quoteIdent(account.rolname)} GRANTED BY ${first} (once per grantor), or grant ${first} to ${currentUser} with INHERIT, and unassign again.`
      : `${currentUser} can revoke only privileges granted by itself or by roles it can SET ROLE to. Have each grantor (or a superuser, after SET ROLE ${first}) run REVOKE ${entitlement.privilege} ON DATABASE ${quoteIdent(entitlement.database)} FROM ${quoteIdent(account.rolname)}, or grant ${first} to ${currentUser} with SET, and unassign again.`;
  return new ConnectorError(`Cannot revoke ${what}: it was granted by ${names}, and ${fix} Nothing was revoked.`, 'permission_denied', {
    appErrorCode: 'postgres.not_revoked',
  });
}
