import { SQL } from 'bun';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where Debian's `postgresql` package puts each major version's programs. */
const debianRoot = '/usr/lib/postgresql';

/** The folder of `initdb` and `pg_ctl`: `POSTGRES_BIN` when set, else the newest Debian install; undefined when there is none. */
export function findPostgresBin(): string | undefined {
  const fromEnv = process.env['POSTGRES_BIN'];
  if (fromEnv) return existsSync(join(fromEnv, 'initdb')) ? fromEnv : undefined;
  if (!existsSync(debianRoot)) return undefined;
  const versions = readdirSync(debianRoot)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(debianRoot, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(debianRoot, versions[0], 'bin');
}

/**
 * Whether the PostgreSQL suites can run here. Without the programs a suite skips with one line on
 * stderr — except under CI, where a missing server is a failure, not a skip.
 */
export function postgresAvailable(suite: string): boolean {
  if (findPostgresBin() !== undefined) return true;
  const line = `${suite}: PostgreSQL's initdb and pg_ctl were not found under ${debianRoot}/*/bin (apt-get install postgresql, or set POSTGRES_BIN to the folder holding them)`;
  if (process.env['CI']) throw new Error(`${line}; CI must run these tests, so this is a failure.`);
  process.stderr.write(`${line}: skipping.\n`);
  return false;
}

/** The superuser the test server is created with. */
export const superuser = { username: 'postgres', password: 'superuser-secret' };

/** A running throw-away PostgreSQL server on a loopback port, with TLS on (a CA of its own) or off. */
export interface PostgresServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** The major version, e.g. 15. */
  readonly version: number;
  /** The PEM file of the CA that signed the server's certificate (TLS servers only). */
  readonly caFile: string | undefined;
  /** A PEM file of a CA that did not sign the server's certificate (TLS servers only). */
  readonly otherCaFile: string | undefined;
  /** The scratch folder (data directory, certificates, log). */
  readonly directory: string;
  /** A superuser client for seeding and checking the catalog directly. */
  readonly admin: SQL;
  /** A client for another user or database. */
  client(options: { username: string; password: string; database?: string }): SQL;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Starts a PostgreSQL server in a temporary folder with `initdb` and `pg_ctl`. The programs refuse
 * to run as root, so as root they run as the `postgres` OS user (`runuser`, else `su`) on a folder
 * handed to that user.
 */
export async function startPostgres(options: { tls?: boolean } = {}): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error(`PostgreSQL's initdb was not found under ${debianRoot}/*/bin.`);
  const version = Number(/postgresql\/(\d+)\//.exec(`${bin}/`)?.[1] ?? 0);
  const asRoot = process.getuid?.() === 0;
  // The postgres OS user must reach the folder: under root, TMPDIR may point somewhere only root can enter.
  const directory = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'lumos-postgres-test-'));
  const data = join(directory, 'data');
  const owner = asRoot ? postgresUser() : undefined;
  try {
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(join(directory, 'superuser-password'), `${superuser.password}\n`, { mode: 0o600 });
    let tls: { caFile: string; otherCaFile: string } | undefined;
    if (options.tls) tls = await makeCertificates(directory);
    if (owner) chownTree(directory, owner);
    await runAs(owner, [
      join(bin, 'initdb'),
      '--pgdata', data,
      '--username', superuser.username,
      '--pwfile', join(directory, 'superuser-password'),
      '--auth-local', 'trust',
      '--auth-host', 'scram-sha-256',
      '--encoding', 'UTF8',
      '--locale', 'C.UTF-8',
      '--no-sync',
    ]);
    const settings = [
      "listen_addresses='127.0.0.1'",
      `unix_socket_directories='${directory}'`,
      'fsync=off',
      'synchronous_commit=off',
      'full_page_writes=off',
      "log_statement='ddl'",
      'log_connections=on',
      ...(tls ? ['ssl=on', `ssl_cert_file='${join(directory, 'server.crt')}'`, `ssl_key_file='${join(directory, 'server.key')}'`] : []),
    ];
    // A free port can be taken between choosing it and the server binding it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = freePort();
      writeFileSync(join(data, 'postgresql.auto.conf'), `${[...settings, `port=${port}`].join('\n')}\n`);
      if (owner) chownSync(join(data, 'postgresql.auto.conf'), owner.uid, owner.gid);
      const started = await runAs(owner, [join(bin, 'pg_ctl'), '--pgdata', data, '--log', join(directory, 'server.log'), '--wait', 'start'], true);
      if (started.exitCode === 0) return server(bin, directory, port, version, tls, owner);
      if (attempt === 3) throw new Error(`pg_ctl start failed:\n${started.output}\n${readLog(directory)}`);
    }
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

function server(
  bin: string,
  directory: string,
  port: number,
  version: number,
  tls: { caFile: string; otherCaFile: string } | undefined,
  owner: { uid: number; gid: number } | undefined,
): PostgresServer {
  const clients: SQL[] = [];
  const client = (options: { username: string; password: string; database?: string }) => {
    const sql = new SQL({ hostname: '127.0.0.1', port, database: options.database ?? 'postgres', username: options.username, password: options.password, tls: false, max: 1 });
    clients.push(sql);
    return sql;
  };
  const admin = client(superuser);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(clients.map((sql) => sql.close({ timeout: 0 }).catch(() => {})));
    await runAs(owner, [join(bin, 'pg_ctl'), '--pgdata', join(directory, 'data'), '--mode', 'immediate', '--wait', 'stop'], true);
    rmSync(directory, { recursive: true, force: true });
  };
  return {
    host: '127.0.0.1',
    port,
    version,
    caFile: tls?.caFile,
    otherCaFile: tls?.otherCaFile,
    directory,
    admin,
    client,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function postgresUser(): { uid: number; gid: number } {
  const line = Bun.spawnSync(['id', '-u', 'postgres']);
  const group = Bun.spawnSync(['id', '-g', 'postgres']);
  if (line.exitCode !== 0) throw new Error('Running as root, but there is no `postgres` OS user to run initdb and pg_ctl as (Debian\'s postgresql package creates it).');
  return { uid: Number(line.stdout.toString().trim()), gid: Number(group.stdout.toString().trim()) };
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, owner);
    else chownSync(child, owner.uid, owner.gid);
  }
}

async function runAs(owner: { uid: number } | undefined, command: string[], tolerateFailure = false): Promise<{ exitCode: number; output: string }> {
  const argv = owner === undefined ? command : asPostgres(command);
  const child = Bun.spawn(argv, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const output = `${stdout}${stderr}`.trim();
  if (exitCode !== 0 && !tolerateFailure) throw new Error(`${command[0]} failed (exit ${exitCode}):\n${output}`);
  return { exitCode, output };
}

function asPostgres(command: string[]): string[] {
  if (Bun.which('runuser')) return ['runuser', '-u', 'postgres', '--', ...command];
  return ['su', 'postgres', '-s', '/bin/sh', '-c', command.map(shellQuote).join(' ')];
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

function freePort(): number {
  const listener = Bun.listen({ hostname: '127.0.0.1', port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

function readLog(directory: string): string {
  try {
    return readFileSync(join(directory, 'server.log'), 'utf8');
  } catch {
    return '(no server log)';
  }
}

/** A CA, a server certificate it signs (for the name localhost only, so 127.0.0.1 fails verify-full), and an unrelated CA. */
async function makeCertificates(directory: string): Promise<{ caFile: string; otherCaFile: string }> {
  const openssl = Bun.which('openssl');
  if (!openssl) throw new Error('openssl is needed to make the test server\'s certificates.');
  const at = (name: string) => join(directory, name);
  const run = async (args: string[]) => {
    const child = Bun.spawn([openssl, ...args], { cwd: directory, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
    if (exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${stderr}`);
  };
  const ca = async (name: string) =>
    run(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', at(`${name}.key`), '-out', at(`${name}.crt`)]);
  await ca('test-ca');
  await ca('other-ca');
  writeFileSync(at('server.ext'), 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  await run(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-keyout', at('server.key'), '-out', at('server.csr')]);
  await run(['x509', '-req', '-in', at('server.csr'), '-CA', at('test-ca.crt'), '-CAkey', at('test-ca.key'), '-CAcreateserial', '-days', '2', '-extfile', at('server.ext'), '-out', at('server.crt')]);
  // PostgreSQL refuses a key file that others can read.
  chmodSync(at('server.key'), 0o600);
  return { caFile: at('test-ca.crt'), otherCaFile: at('other-ca.crt') };
}
