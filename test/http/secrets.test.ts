import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startForwardProxy, type ForwardProxy } from './helpers/forward-proxy.ts';
import { closedPort, startLoopbackApi, type LoopbackApi } from './helpers/loopback-api.ts';

const fixture = join(import.meta.dir, 'fixtures/secret-connector-fixture.ts');

// Real-looking secrets whose encoded forms (URL, JSON, form) differ from the plain text.
const token = 'tok_S3cr3t/Value+42=';
const username = 'admin-user';
const password = 'b@sic "pa55" w0rd!';
const passphrase = 'Pass!phrase&Secret=99';
const proxyPassword = 'pr0xy:p@ss/word';
const wrongProxyPassword = 'wr0ng-proxy-secret';
const secrets = [token, password, passphrase, proxyPassword, wrongProxyPassword];
const derived = [Buffer.from(`${username}:${password}`).toString('base64'), Buffer.from(`proxy-user:${proxyPassword}`).toString('base64')];

/** Every form a secret could take in a log line or an error message. */
function forms(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(JSON.stringify(secret)).slice(1, -1),
  ];
}

const levels = ['DEBUG', 'INFO', 'WARNING', 'ERROR'];
let api: LoopbackApi;
let proxy: ForwardProxy;
/** The fixture runs, started together so the suite takes as long as the slowest one. */
const runs = new Map<string, ReturnType<typeof runFixture>>();

beforeAll(async () => {
  proxy = await startForwardProxy({ username: 'proxy-user', password: proxyPassword });
  const echo = async (request: Request, url: URL) => ({
    method: request.method,
    search: url.search,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  });
  const flakyHits = new Map<string, number>();
  api = startLoopbackApi(async (request, _hit, url) => {
    const everything = JSON.stringify(await echo(request, url));
    switch (url.pathname) {
      case '/echo':
        return Response.json(JSON.parse(everything), { headers: { 'set-cookie': `session=${request.headers.get('authorization')}` } });
      case '/flaky': {
        // Counted per fixture process, since the runs share this server.
        const run = url.searchParams.get('run') ?? '';
        flakyHits.set(run, (flakyHits.get(run) ?? 0) + 1);
        return flakyHits.get(run) === 1
          ? new Response(everything, { status: 503 })
          : new Response(everything, { headers: { 'content-type': 'application/json' } });
      }
      case '/limited':
        return new Response(everything, { status: 429, headers: { 'retry-after': '0' } });
      case '/denied':
        return new Response(everything, { status: 401, headers: { 'content-type': 'application/json' } });
      case '/broken-json':
        return new Response(`{"auth": "${request.headers.get('authorization')}", `, { headers: { 'content-type': 'application/json' } });
      case '/html':
        return new Response(`<html><body>Welcome ${request.headers.get('authorization')} ${everything}</body></html>`, {
          headers: { 'content-type': 'text/html' },
        });
      case '/stall':
        return new Promise<Response>(() => {});
      case '/bad-request':
        return new Response(everything, { status: 400, headers: { 'content-type': 'application/json' } });
      default:
        return new Response(everything, { status: 404 });
    }
  });
  for (const level of levels) for (const failAtEnd of [false, true]) runs.set(`${level}/${failAtEnd}`, runFixture(level, failAtEnd));
});

afterAll(async () => {
  await Promise.allSettled(runs.values());
  api[Symbol.dispose]();
  await proxy[Symbol.asyncDispose]();
});

async function runFixture(level: string, failAtEnd: boolean) {
  const directory = mkdtempSync(join(tmpdir(), 'http-kit-secrets-'));
  try {
    const envelope = {
      credentials: [
        { id: 'api', token: { token } },
        { id: 'admin', basic: { username, password } },
      ],
      settings: {
        base_url: api.url,
        dead_url: `http://127.0.0.1:${await closedPort()}`,
        proxy_port: proxy.port,
        tenant_passphrase: passphrase,
        wrong_proxy_secret: wrongProxyPassword,
      },
      request: { fail_at_end: failAtEnd },
      include_raw_data: true,
    };
    const child = Bun.spawn([process.execPath, fixture, 'exercise', '--json', JSON.stringify(envelope)], {
      env: {
        ...process.env,
        LUMOS_LOG_LEVEL: level,
        LUMOS_LOG_DIRECTORY: directory,
        LUMOS_LOG_TO_STDOUT: 'true',
        HTTP_PROXY: `http://proxy-user:${encodeURIComponent(proxyPassword)}@127.0.0.1:${proxy.port}`,
        NO_PROXY: '',
        no_proxy: '',
      },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const logs = readdirSync(directory)
      .map((name) => readFileSync(join(directory, name), 'utf8'))
      .join('');
    return { stdout, stderr, logs, exitCode };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe.each(levels)('at LUMOS_LOG_LEVEL=%s', (level) => {
  test.each([false, true])('no secret escapes through stdout, stderr or the log file (failing at the end: %p)', async (failAtEnd) => {
    const { stdout, stderr, logs, exitCode } = await runs.get(`${level}/${failAtEnd}`)!;
    expect(exitCode).toBe(0);
    const outputs = { stdout, stderr, logs };
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of [...secrets.flatMap(forms), ...derived]) {
        if (text.includes(secret))
          throw new Error(
            `${JSON.stringify(secret)} escaped into ${where}:\n${text
              .split('\n')
              .filter((line) => line.includes(secret))
              .join('\n')}`,
          );
      }
    }
    const result = JSON.parse(stdout);
    if (failAtEnd) {
      expect(result.error).toMatchObject({ error_code: 'bad_request', status_code: 400 });
      expect(result.error.message).toContain('REDACTED');
    } else {
      expect(result.response.outcomes).toEqual([
        'echo-get: ok',
        'echo-post: ok',
        'flaky: ok',
        'limited: rate_limit',
        'denied: unauthorized',
        'broken-json: api_error',
        'html: api_error',
        'schema: api_error',
        'stall: request_timeout',
        'dead: api_error',
        'proxy-denied: api_error',
      ]);
      expect(JSON.stringify(result.raw_data)).toContain('REDACTED');
      expect(result.raw_data.responses.length).toBeGreaterThanOrEqual(3);
    }
    // The logs are not vacuous: the levels that should speak did, and they went through the proxy.
    if (level === 'DEBUG') {
      expect(logs).toContain('DEBUG secret-fixture: HTTP GET');
      expect(logs).toContain('via proxy http://proxy-user:REDACTED@127.0.0.1');
      expect(logs).toContain('"authorization":"REDACTED"');
    }
    if (level === 'DEBUG' || level === 'INFO') expect(logs).toContain('retrying in');
    if (level !== 'ERROR' || failAtEnd) expect(logs).toContain('ERROR secret-fixture');
    expect(stderr).toBe(logs);
  });
});
