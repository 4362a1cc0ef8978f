import { SQL } from 'bun';
import { ConnectorError, type ErrorCode } from 'lumos-connector-sdk';
import type { PostgresSettings } from './settings.ts';

const appErrorPrefix = 'postgres';

/** SQLSTATEs the connector answers with a specific code (the rest are `api_error`). */
const sqlStateCodes: Record<string, { code: ErrorCode; hint?: string }> = {
  '28P01': { code: 'unauthorized', hint: 'Check the user name and password of the basic credential.' },
  '28000': {
    code: 'unauthorized',
    hint: "The server refused this user: check pg_hba.conf allows it from the agent's address, and that the role exists and has LOGIN.",
  },
  '42501': { code: 'permission_denied', hint: "Grant the connecting user the privileges listed in the connector's README." },
  '42704': { code: 'not_found' },
  '3D000': { code: 'bad_request', hint: 'Check the database setting.' },
  '42939': { code: 'invalid_value', hint: 'PostgreSQL reserves names starting with pg_.' },
  '42710': { code: 'invalid_value' },
  '53300': { code: 'api_error', hint: 'The server has no connection slots left; try again later.' },
  '57P03': { code: 'bad_gateway', hint: 'The server is starting up or shutting down; try again later.' },
};

/** Codes of certificate checks failing during the TLS handshake (Node's and Bun's names). */
const certificateCodes = /^(UNABLE_TO_|SELF_SIGNED_CERT|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH|ERR_SSL_|ERR_TLS_)/;

/**
 * Turns whatever a PostgreSQL call threw into a ConnectorError with a code Lumos understands and a
 * message saying what to change: SQLSTATEs from the server, Bun's connection codes, TLS failures.
 * Anything else is returned as it was, for the SDK's default treatment.
 */
export function toConnectorError(error: unknown, settings: PostgresSettings): unknown {
  if (error instanceof ConnectorError) return error;
  const where = `PostgreSQL at ${settings.host}:${settings.port}`;
  const fail = (message: string, code: ErrorCode, appCode: string) =>
    new ConnectorError(message, code, { appErrorCode: `${appErrorPrefix}.${appCode}`, cause: error });
  const errorCode = (error as { code?: unknown } | null)?.code;
  if (error instanceof SQL.PostgresError) {
    if (error.errno !== undefined) {
      const mapped = sqlStateCodes[error.errno];
      const detail = error.detail ? ` (${error.detail})` : '';
      const message = `${where} answered: ${error.message}${detail} [SQLSTATE ${error.errno}].${mapped?.hint ? ` ${mapped.hint}` : ''}`;
      return fail(message, mapped?.code ?? 'api_error', `sqlstate_${error.errno}`);
    }
    switch (error.code) {
      case 'ERR_POSTGRES_CONNECTION_REFUSED':
        return fail(
          `Could not connect to ${where}: the connection was refused or the host name did not resolve. Check the host and port settings, that the server listens on TCP (listen_addresses) and that no firewall blocks the agent.`,
          'api_error',
          'connection_refused',
        );
      case 'ERR_POSTGRES_CONNECTION_TIMEOUT':
        return fail(
          `Connecting to ${where} timed out after ${settings.connect_timeout} s. Check the host and port settings and that no firewall drops the agent's packets.`,
          'connection_timeout',
          'connection_timeout',
        );
      case 'ERR_POSTGRES_TLS_NOT_AVAILABLE':
        return fail(
          `${where} does not accept TLS connections (tls_mode is ${settings.tls_mode}). Turn on ssl in postgresql.conf, or set tls_mode to disable if the network path is trusted.`,
          'api_error',
          'tls_not_available',
        );
      case 'ERR_POSTGRES_TLS_UPGRADE_FAILED':
        return fail(`The TLS handshake with ${where} failed: ${error.message}. Check the server's ssl settings and tls_mode.`, 'api_error', 'tls_failed');
      case 'ERR_POSTGRES_CONNECTION_CLOSED':
        return fail(`${where} closed the connection: ${error.message}. Check the server's log.`, 'api_error', 'connection_closed');
      default:
        return fail(`${where}: ${error.message} (${error.code}).`, 'api_error', 'client_error');
    }
  }
  if (typeof errorCode === 'string' && certificateCodes.test(errorCode)) {
    const fix =
      errorCode === 'ERR_TLS_CERT_ALTNAME_INVALID' || errorCode === 'HOSTNAME_MISMATCH'
        ? `The host setting (${settings.host}) must be a name the server's certificate lists; use that name, or fix the certificate.`
        : settings.ca_file
          ? `The certificate was not signed by the CA in ca_file (${settings.ca_file}): give the CA that signed the server's certificate.`
          : "Set ca_file to the PEM file of the CA that signed the server's certificate, or use tls_mode require to encrypt without checking it.";
    return fail(`The TLS certificate of ${where} could not be verified (${errorCode}: ${(error as Error).message}). ${fix}`, 'api_error', 'tls_certificate');
  }
  return error;
}
