import type { SQL } from 'bun';
import type { Logger } from 'lumos-connector-sdk';

/**
 * Runs one DDL statement (no bind parameters: identifiers and constants in it must already be
 * quoted) and logs it — as `shown` when the statement holds something that must not be logged.
 */
export async function runDdl(sql: SQL, log: Logger, statement: string, shown: string = statement): Promise<void> {
  log.info(`Running: ${shown}`);
  await sql.unsafe(statement);
}
