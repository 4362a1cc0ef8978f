import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpClient } from '../../src/http/index.ts';
import { createTestCa, hasOpenssl, type TestCa } from './helpers/test-ca.ts';

const fixture = join(import.meta.dir, 'fixtures/tls-get-fixture.ts');
let ca: TestCa;
let server: ReturnType<typeof Bun.serve>;
let url: string;

beforeAll(() => {
  if (!hasOpenssl) return;
  ca = createTestCa();
  server = Bun.serve({ port: 0, hostname: '127.0.0.1', tls: { cert: ca.cert, key: ca.key }, fetch: () => Response.json({ secure: true }) });
  url = `https://localhost:${server.port}/me`;
});

afterAll(() => {
  server?.stop(true);
  ca?.[Symbol.dispose]();
});

/** Runs the fixture (from source, or a compiled binary) with extra environment variables. */
async function runFixture(command: string[], env: Record<string, string>): Promise<Record<string, unknown>> {
  const child = Bun.spawn(command, { env: { ...process.env, NODE_EXTRA_CA_CERTS: '', SSL_CERT_FILE: '', ...env }, stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (exitCode !== 0) throw new Error(`fixture exited ${exitCode}: ${stderr}`);
  return JSON.parse(stdout);
}

describe.skipIf(!hasOpenssl)('a TLS server signed by a private CA', () => {
  test('is refused without the CA, with advice, and not retried', async () => {
    const client = createHttpClient({});
    const started = performance.now();
    const error = await client.get(url).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'api_error' });
    expect((error as Error).message).toContain(`GET ${url}: the app's TLS certificate could not be verified (`);
    expect((error as Error).message).toContain('NODE_EXTRA_CA_CERTS or SSL_CERT_FILE');
    expect(performance.now() - started).toBeLessThan(500);
  });

  test('is trusted with the ca option (PEM text)', async () => {
    expect(await createHttpClient({}, { ca: ca.caPem }).get(url)).toEqual({ secure: true });
  });

  test('is trusted with the caFile option', async () => {
    expect(await createHttpClient({}, { caFile: ca.caFile }).get(url)).toEqual({ secure: true });
  });

  test('a caFile that is missing or holds no certificate is a bad_request', () => {
    expect(() => createHttpClient({}, { caFile: join(ca.directory, 'missing.pem') })).toThrow('Cannot read the CA certificate file');
    const notPem = join(ca.directory, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => createHttpClient({}, { caFile: notPem })).toThrow('holds no PEM certificate');
  });

  test.each([
    ['NODE_EXTRA_CA_CERTS', 'NODE_EXTRA_CA_CERTS'],
    ['SSL_CERT_FILE', 'SSL_CERT_FILE'],
  ])('is trusted under bun with %s', async (_name, variable) => {
    expect(await runFixture([process.execPath, fixture, url], { [variable]: ca.caFile })).toEqual({ status: 200, data: { secure: true } });
  });

  test('a process without the CA fails cleanly, and one given caFile succeeds', async () => {
    expect(await runFixture([process.execPath, fixture, url], {})).toMatchObject({ code: 'api_error' });
    expect(await runFixture([process.execPath, fixture, url, ca.caFile], {})).toEqual({ status: 200, data: { secure: true } });
  });

  test('a compiled binary honours NODE_EXTRA_CA_CERTS and SSL_CERT_FILE', async () => {
    const binary = join(ca.directory, 'tls-get');
    const build = Bun.spawnSync([process.execPath, 'build', '--compile', fixture, '--outfile', binary], { stdout: 'pipe', stderr: 'pipe' });
    expect(build.exitCode).toBe(0);
    expect(await runFixture([binary, url], {})).toMatchObject({ code: 'api_error' });
    expect(await runFixture([binary, url], { NODE_EXTRA_CA_CERTS: ca.caFile })).toEqual({ status: 200, data: { secure: true } });
    expect(await runFixture([binary, url], { SSL_CERT_FILE: ca.caFile })).toEqual({ status: 200, data: { secure: true } });
  });
});
