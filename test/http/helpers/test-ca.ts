import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate authority made for one test run, and a server certificate it signed for localhost and 127.0.0.1. */
export interface TestCa extends Disposable {
  directory: string;
  caFile: string;
  caPem: string;
  cert: string;
  key: string;
}

/** Whether the `openssl` CLI is on the PATH (the TLS tests need it). */
export const hasOpenssl = Bun.which('openssl') !== null;

/** Makes a fresh CA and a localhost server certificate with the openssl CLI, in a temporary directory. */
export function createTestCa(): TestCa {
  const directory = mkdtempSync(join(tmpdir(), 'http-kit-ca-'));
  const run = (...args: string[]) => {
    const result = Bun.spawnSync(['openssl', ...args], { cwd: directory, stderr: 'pipe' });
    if (result.exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr.toString()}`);
  };
  writeFileSync(
    join(directory, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=HTTP kit test CA');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
  run(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.pem',
    '-days',
    '1',
    '-extfile',
    'server.ext',
  );
  const read = (name: string) => readFileSync(join(directory, name), 'utf8');
  return {
    directory,
    caFile: join(directory, 'ca.pem'),
    caPem: read('ca.pem'),
    cert: read('server.pem'),
    key: read('server.key'),
    [Symbol.dispose]: () => rmSync(directory, { recursive: true, force: true }),
  };
}
