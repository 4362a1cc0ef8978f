import { SQL } from 'bun';
import { ConnectorError, getBasicAuth, type CarriesCredentials } from 'lumos-connector-sdk';
import { toConnectorError } from './postgres-error.ts';
import type { PostgresSettings } from './settings.ts';

/** What opening a connection needs from a handler's arguments. */
export interface ConnectionArgs extends CarriesCredentials {
  settings: PostgresSettings;
}

/**
 * Opens one connection with the request's basic credential, runs `work` with it, and closes it;
 * anything thrown on the way comes out as a ConnectorError with an actionable message.
 */
export async function withPostgres<T>(args: ConnectionArgs, work: (sql: SQL) => Promise<T>): Promise<T> {
  const { settings } = args;
  const { username, password } = getBasicAuth(args);
  const sql = new SQL({
    adapter: 'postgres',
    hostname: settings.host,
    port: settings.port,
    database: settings.database,
    username,
    password,
    tls: tlsOption(settings),
    max: 1,
    connectionTimeout: settings.connect_timeout,
    prepare: false,
    connection: { application_name: 'lumos-connector' },
  });
  try {
    return await work(sql);
  } catch (error) {
    throw toConnectorError(error, settings);
  } finally {
    await sql.close({ timeout: 5 }).catch(() => {});
  }
}

function tlsOption(settings: PostgresSettings): SQL.PostgresOrMySQLOptions['tls'] {
  if (settings.ca_file !== undefined && settings.tls_mode !== 'verify-full') {
    throw new ConnectorError(
      `ca_file is only used with tls_mode verify-full (tls_mode is ${settings.tls_mode}): set tls_mode to verify-full, or remove ca_file.`,
      'bad_request',
    );
  }
  if (settings.tls_mode === 'disable') return false;
  if (settings.tls_mode === 'require') return 'require';
  if (settings.ca_file === undefined) return 'verify-full';
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  let ca: string;
  try {
    ca = readFileSync(settings.ca_file, 'utf8');
  } catch (error) {
    throw new ConnectorError(
      `ca_file ${JSON.stringify(settings.ca_file)} cannot be read: ${(error as Error).message}. Give the path of a PEM file the agent can read.`,
      'bad_request',
      { cause: error },
    );
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConnectorError(`ca_file ${JSON.stringify(settings.ca_file)} holds no PEM certificate (no "-----BEGIN CERTIFICATE-----" line).`, 'bad_request');
  }
  return { ca, rejectUnauthorized: true };
}
