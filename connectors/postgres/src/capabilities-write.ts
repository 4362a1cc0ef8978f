import { SQL } from 'bun';
import { ConnectorError, executionSummary, type StandardHandlers } from 'lumos-connector-sdk';
import { markedComment, unmarkedComment } from './deactivation-marker.ts';
import { describeEntitlement, resolveEntitlement, type DatabasePrivilege } from './entitlement.ts';
import { grantEntitlement } from './grant-entitlement.ts';
import { quoteIdent } from './quote-ident.ts';
import { quoteLiteral } from './quote-literal.ts';
import { anyGrantLeft, revokeEntitlement } from './revoke-entitlement.ts';
import { findAccount, findRole, type RoleRow } from './role-catalog.ts';
import { runDdl } from './run-ddl.ts';
import type { PostgresSettings } from './settings.ts';
import { withPostgres } from './with-postgres.ts';

/** `COMMENT ON ROLE "name" IS '…'` (or `IS NULL`). */
function commentStatement(role: RoleRow, comment: string | null): string {
  return `COMMENT ON ROLE ${quoteIdent(role.rolname)} IS ${comment === null ? 'NULL' : quoteLiteral(comment)}`;
}

/** Refuses to lock the connector out by deactivating or deleting the role it connects as. */
async function refuseSelf(sql: SQL, role: RoleRow, what: string): Promise<void> {
  const [row] = await sql`select current_user::text as name`;
  if ((row as { name: string }).name === role.rolname) {
    throw new ConnectorError(`Refusing to ${what} ${JSON.stringify(role.rolname)}: it is the role this connector connects as.`, 'bad_request', {
      appErrorCode: 'postgres.own_role',
    });
  }
}

/** The write capabilities other than create_account. */
export const writeCapabilities: StandardHandlers<PostgresSettings> = {
  activate_account: ({ request, settings, auth, credentials }, { log }) =>
    withPostgres({ settings, auth, credentials }, (sql) =>
      sql.begin(async (tx) => {
        const account = await findAccount(tx, settings, request.account_id);
        const comment = unmarkedComment(account.comment);
        if (account.rolcanlogin && comment === account.comment) {
          return { response: { activated: true, status: account.status }, execution_summary: executionSummary(request, 'noop') };
        }
        if (!account.rolcanlogin) await runDdl(tx, log, `ALTER ROLE ${quoteIdent(account.rolname)} LOGIN`);
        if (comment !== account.comment) await runDdl(tx, log, commentStatement(account, comment));
        const after = await findAccount(tx, settings, account.rolname);
        return { response: { activated: true, status: after.status }, execution_summary: executionSummary(request, 'updated') };
      }),
    ),

  deactivate_account: ({ request, settings, auth, credentials }, { log }) =>
    withPostgres({ settings, auth, credentials }, (sql) =>
      sql.begin(async (tx) => {
        const account = await findAccount(tx, settings, request.account_id);
        if (!account.rolcanlogin && account.deactivated) {
          return { response: { deactivated: true, status: 'INACTIVE' as const }, execution_summary: executionSummary(request, 'noop') };
        }
        await refuseSelf(tx, account, 'deactivate');
        if (account.rolcanlogin) await runDdl(tx, log, `ALTER ROLE ${quoteIdent(account.rolname)} NOLOGIN`);
        await runDdl(tx, log, commentStatement(account, markedComment(account.comment)));
        return {
          response: { deactivated: true, status: 'INACTIVE' as const },
          execution_summary: executionSummary(request, 'updated', 'Sessions already open stay open until they end.'),
        };
      }),
    ),

  delete_account: ({ request, settings, auth, credentials }, { log }) =>
    withPostgres({ settings, auth, credentials }, async (sql) => {
      try {
        return await sql.begin(async (tx) => {
          const role = await findRole(tx, settings, request.account_id);
          if (role === undefined) {
            return {
              response: { deleted: true, status: 'DELETED' as const },
              execution_summary: executionSummary(request, 'noop', `There is no role ${JSON.stringify(request.account_id)}.`),
            };
          }
          const account = await findAccount(tx, settings, role.rolname);
          await refuseSelf(tx, account, 'delete');
          // The database privileges are entitlements this connector manages: revoke them, whoever granted them, or DROP ROLE
          // refuses. Grants out of the connecting user's reach are left to DROP ROLE, whose error lists them.
          const privileges: { datname: string; privilege: DatabasePrivilege }[] = await tx.unsafe(
            `select distinct d.datname::text as datname, a.privilege_type::text as privilege
             from pg_database d cross join lateral aclexplode(d.datacl) a
             where a.grantee = $1 and d.datdba <> $1 order by 1, 2`,
            [account.oid],
          );
          for (const { datname, privilege } of privileges)
            await revokeEntitlement(tx, log, account, { kind: 'database', database: datname, privilege }, { reachableOnly: true });
          await runDdl(tx, log, `DROP ROLE ${quoteIdent(account.rolname)}`);
          return { response: { deleted: true, status: 'DELETED' as const }, execution_summary: executionSummary(request, 'deleted') };
        });
      } catch (error) {
        if (error instanceof SQL.PostgresError && error.errno === '2BP01') {
          throw new ConnectorError(
            `Cannot delete the role ${JSON.stringify(request.account_id)}: objects depend on it (${error.detail ?? error.message}; the connector is connected to the database ${JSON.stringify(settings.database)}). In each database holding them, run REASSIGN OWNED BY ${quoteIdent(request.account_id)} TO <another role> followed by DROP OWNED BY ${quoteIdent(request.account_id)}, and delete the account again.`,
            'bad_request',
            { appErrorCode: 'postgres.role_has_dependents', cause: error },
          );
        }
        throw error;
      }
    }),

  assign_entitlement: ({ request, settings, auth, credentials }, { log }) =>
    withPostgres({ settings, auth, credentials }, (sql) =>
      sql.begin(async (tx) => {
        const account = await findAccount(tx, settings, request.account_integration_specific_id);
        const entitlement = await resolveEntitlement(tx, settings, request.entitlement_integration_specific_id, request.resource_integration_specific_id);
        const granted = await grantEntitlement(tx, log, account, entitlement);
        return { response: { assigned: true }, execution_summary: executionSummary(request, granted ? 'created' : 'noop', { idempotent: true }) };
      }),
    ),

  unassign_entitlement: ({ request, settings, auth, credentials }, { log }) =>
    withPostgres({ settings, auth, credentials }, (sql) =>
      sql.begin(async (tx) => {
        const account = await findAccount(tx, settings, request.account_integration_specific_id);
        const entitlement = await resolveEntitlement(tx, settings, request.entitlement_integration_specific_id, request.resource_integration_specific_id);
        // Every grant goes, whoever made it: an ADMIN-only membership too, since it lets the account grant itself the group.
        if (!(await revokeEntitlement(tx, log, account, entitlement))) {
          return { response: { unassigned: true }, execution_summary: executionSummary(request, 'noop') };
        }
        // A REVOKE PostgreSQL cannot honour does nothing (with a warning), so check.
        if (await anyGrantLeft(tx, account, entitlement)) {
          throw new ConnectorError(
            `PostgreSQL did not revoke ${describeEntitlement(entitlement)} from ${JSON.stringify(account.rolname)}: a grant is left after revoking every grantor's. Check the server's log.`,
            'permission_denied',
            { appErrorCode: 'postgres.not_revoked' },
          );
        }
        return { response: { unassigned: true }, execution_summary: executionSummary(request, 'deleted') };
      }),
    ),
};
