import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from '../command/connector-command.ts';
import { createTestCa, hasOpenssl, type TestCa } from '../http/helpers/test-ca.ts';
import { compileForAgent } from '../support/compile-for-agent.ts';

// The compiled connector is checked as the agent runs it: built by compile-on-prem, unpacked, and
// called with an environment that names no CA file. This machine's environment may point
// NODE_EXTRA_CA_CERTS, SSL_CERT_FILE and SSL_CERT_DIR at the system bundle; an agent's need not.
const caVariables = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_USE_SYSTEM_CA'];
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !caVariables.includes(name)));
const localCaFolder = '/usr/local/share/ca-certificates';
const updateCaCertificates =
  Bun.which('update-ca-certificates') ?? (existsSync('/usr/sbin/update-ca-certificates') ? '/usr/sbin/update-ca-certificates' : undefined);

/** Why these tests cannot run here, or undefined; under CI a reason is a failure, elsewhere a one-line skip. */
function missing(suite: string, reasons: (string | false)[]): boolean {
  const reason = reasons.find((text): text is string => typeof text === 'string');
  if (reason === undefined) return false;
  const line = `${suite}: ${reason}`;
  if (process.env['CI']) throw new Error(`${line}; CI must run these tests, so this is a failure.`);
  process.stderr.write(`${line}: skipping.\n`);
  return true;
}

const cannotCompile = missing('test/tls/system-ca.test.ts', [
  !(process.platform === 'linux' && process.arch === 'x64') && 'compile-on-prem builds linux-x64 executables, which this machine cannot run',
  !hasOpenssl && 'the openssl CLI is not on the PATH (apt-get install openssl)',
]);
const cannotInstall =
  cannotCompile ||
  missing('test/tls/system-ca.test.ts (system store)', [
    process.getuid?.() !== 0 && 'installing a CA into the system store needs root',
    (updateCaCertificates === undefined || !existsSync(localCaFolder)) &&
      `update-ca-certificates or ${localCaFolder} is missing (apt-get install ca-certificates)`,
  ]);

const work = mkdtempSync(join(tmpdir(), 'tls-system-ca-test-'));
let ca: TestCa;
let server: ReturnType<typeof Bun.serve>;
let main: string;

beforeAll(async () => {
  if (cannotCompile) return;
  ca = createTestCa();
  server = Bun.serve({
    port: 0,
    hostname: '127.0.0.1',
    tls: { cert: ca.cert, key: ca.key },
    fetch: (request) =>
      request.headers.get('authorization') === 'Bearer tls-test-token' ? Response.json({ tenant: 'tls-tenant' }) : new Response('no', { status: 401 }),
  });
  main = await compileForAgent(join(import.meta.dir, 'fixtures', 'https-connector'), 'https-connector', work);
}, 180_000);

afterAll(() => {
  server?.stop(true);
  ca?.[Symbol.dispose]();
  rmSync(work, { recursive: true, force: true });
});

/** Calls the compiled connector's validate_credentials against the loopback TLS server. */
async function validate(env: Record<string, string> = {}): Promise<unknown> {
  const request = { auth: { token: { token: 'tls-test-token' } }, settings: { base_url: `https://localhost:${server.port}` }, request: {} };
  const finished = await runProgram([main, 'validate_credentials', '--json', JSON.stringify(request)], work, {
    ...baseEnv,
    LUMOS_LOG_LEVEL: 'CRITICAL',
    ...env,
  });
  expect(finished.exitCode).toBe(0);
  return JSON.parse(finished.stdout);
}

const trusted = { response: { valid: true, unique_tenant_id: 'tls-tenant' }, page: null, raw_data: null };
const refused = { is_error: true, error: { error_code: 'api_error', message: expect.stringContaining('certificate') } };

describe.skipIf(cannotCompile)('the compiled connector and a loopback TLS server signed by a private CA', () => {
  test('refuses the server when nothing names the CA', async () => {
    expect(await validate()).toMatchObject(refused);
  });

  test.each(['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE'])('trusts it when %s names the CA file', async (variable) => {
    expect(await validate({ [variable]: ca.caFile })).toEqual(trusted);
  });
});

describe.skipIf(cannotInstall)('a CA installed into the system store with update-ca-certificates', () => {
  const installed = join(localCaFolder, `lumos-connector-sdk-test-${process.pid}-${Date.now()}.crt`);
  /** Takes the test CA out of the system store again; also run by afterAll, should the test stop half-way. */
  const restore = () => {
    if (!existsSync(installed)) return;
    rmSync(installed, { force: true });
    const fresh = Bun.spawnSync([updateCaCertificates!, '--fresh'], { stdout: 'pipe', stderr: 'pipe' });
    if (fresh.exitCode !== 0) throw new Error(`update-ca-certificates --fresh failed: ${fresh.stderr.toString()}`);
  };
  afterAll(restore);

  // update-ca-certificates rebuilds the whole store and runs its hooks (Java's cacerts among them): tens of seconds on a busy machine.
  test('is trusted by the compiled connector with no flag or variable, and not once it is removed', async () => {
    expect(await validate()).toMatchObject(refused);
    try {
      writeFileSync(installed, ca.caPem);
      const update = Bun.spawnSync([updateCaCertificates!], { stdout: 'pipe', stderr: 'pipe' });
      expect(update.exitCode).toBe(0);
      expect(update.stdout.toString()).toContain('1 added');
      expect(await validate()).toEqual(trusted);
    } finally {
      restore();
    }
    expect(await validate()).toMatchObject(refused);
  }, 120_000);
});
