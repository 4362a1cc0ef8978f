import type { SQL } from 'bun';
import { ConnectorError, type Logger } from 'lumos-connector-sdk';
import { describeEntitlement, grantStatement, holdsEntitlement, serverMajorVersion, type Entitlement } from './entitlement.ts';
import type { RoleRow } from './role-catalog.ts';
import { runDdl } from './run-ddl.ts';

/**
 * Grants an entitlement unless the account already holds it directly (a membership counts only when
 * it gives the group's privileges); true when it was granted. PostgreSQL answers a GRANT it cannot
 * honour with a warning, not an error, so the grant is checked.
 */
export async function grantEntitlement(sql: SQL, log: Logger, account: RoleRow, entitlement: Entitlement): Promise<boolean> {
  if (await holdsEntitlement(sql, account, entitlement)) return false;
  await runDdl(sql, log, grantStatement(account, entitlement, await serverMajorVersion(sql)));
  if (!(await holdsEntitlement(sql, account, entitlement))) {
    throw new ConnectorError(
      `PostgreSQL did not grant ${describeEntitlement(entitlement)} to ${JSON.stringify(account.rolname)}: the connecting user may grant database privileges only on databases it owns or holds WITH GRANT OPTION.`,
      'permission_denied',
      { appErrorCode: 'postgres.not_granted' },
    );
  }
  return true;
}
