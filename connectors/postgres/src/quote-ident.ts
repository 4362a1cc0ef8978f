import { ConnectorError } from 'lumos-connector-sdk';

/** PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and silently drops the rest. */
export const maxIdentifierBytes = 63;

/**
 * Quotes a role or database name for a DDL statement, where bind parameters cannot stand for
 * identifiers: always double-quoted, inner double quotes doubled, so any text — quotes, spaces,
 * keywords, SQL — is read back as exactly that name. Throws `invalid_value` for names PostgreSQL
 * cannot hold (empty, containing NUL, or longer than 63 bytes, which PostgreSQL would truncate).
 *
 * @example
 * `DROP ROLE ${quoteIdent('O\'Brien "the admin"')}` // DROP ROLE "O'Brien ""the admin"""
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new ConnectorError('A role or database name cannot be empty.', 'invalid_value');
  if (name.includes('\0')) throw new ConnectorError('A role or database name cannot contain a NUL character.', 'invalid_value');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxIdentifierBytes) {
    throw new ConnectorError(
      `The name ${JSON.stringify(name)} is ${bytes} bytes long; PostgreSQL names hold at most ${maxIdentifierBytes} bytes and would be truncated.`,
      'invalid_value',
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}
