import { ConnectorError } from 'lumos-connector-sdk';

/** PostgreSQL's default `scram_iterations`. */
const iterations = 4096;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for a password (what `psql`'s `\password` sends),
 * computed here so the password itself never reaches the server, its statement log or
 * `pg_stat_activity`. Only printable ASCII is accepted: PostgreSQL normalises other passwords with
 * SASLprep over Unicode 3.2 tables, and a verifier built from a different normalisation would
 * lock the account out.
 */
export function scramVerifier(password: string, salt: Buffer = Buffer.from(crypto.getRandomValues(new Uint8Array(16)))): string {
  if (!/^[\x20-\x7e]+$/.test(password)) {
    throw new ConnectorError(
      'The password must be non-empty printable ASCII (letters, digits, punctuation and spaces): the connector hashes it before sending, and PostgreSQL normalises other characters in ways that could lock the account out.',
      'invalid_value',
    );
  }
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { createHash, createHmac, pbkdf2Sync } = require('node:crypto') as typeof import('node:crypto');
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
