import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer } from '../../src/dev/http-server.ts';
import { integration } from '../../connectors/mock-connector/src/integration.ts';

const server = startDevServer(integration, { port: 0, maxBodyBytes: 4096, logRequests: false });
afterAll(() => server.stop(true));
const url = (path: string) => new URL(path, server.url).href;
const envelope = { auth: { basic: { username: 'u', password: 'p' } }, settings: { host: 'acme.test' }, request: {} };
const post = (path: string, body: unknown, type = 'application/json') =>
  fetch(url(path), { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('dev http-server', () => {
  test('POST /<capability> answers what the CLI prints', async () => {
    const response = await post('/validate_credentials', envelope);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response: { valid: true, unique_tenant_id: 'mock-connector-tenant-id' }, page: null, raw_data: null });
  });

  test('a handled error is still a 200 envelope, as on the CLI', async () => {
    const response = await post('/get_account', { ...envelope, request: { account_id: 'nobody' } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as any).error.error_code).toBe('not_found');
  });

  test('404 for an unknown capability, 405 for a wrong method, 415 for a wrong content type, 413 for an oversized body', async () => {
    const unknown = await post('/list_expenses', envelope);
    expect([unknown.status, ((await unknown.json()) as any).error]).toEqual([404, "No capability 'list_expenses'. See /docs for the ones this connector has."]);
    const wrongMethod = await fetch(url('/list_accounts'));
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
    const postToDocs = await fetch(url('/docs'), { method: 'POST' });
    expect([postToDocs.status, postToDocs.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    expect((await post('/list_accounts', 'x=1', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await post('/list_accounts', { ...envelope, padding: 'x'.repeat(5000) })).status).toBe(413);
  });

  test('GET /openapi.json is the app_info document, /healthz and /info answer', async () => {
    const document = (await (await fetch(url("/openapi.json"))).json()) as any;
    expect(document.openapi).toBe('3.0.0');
    expect(Object.keys(document.paths)).toContain('/workspace_summary');
    expect(await (await fetch(url('/healthz'))).json()).toEqual({ status: 'ok', app_id: 'mock-connector', version: '1.0.0' });
    expect(((await (await fetch(url("/info"))).json()) as any).response.app_id).toBe('mock-connector');
  });

  test('GET /docs is a self-contained page listing every capability', async () => {
    const response = await fetch(url('/docs'));
    expect(response.headers.get('content-type')).toStartWith('text/html');
    const html = await response.text();
    for (const name of integration.capabilities.keys()) expect(html).toContain(`data-capability="${name}"`);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));
if (!chromium) process.stderr.write('dev-server.test.ts: chromium is not installed; skipping the headless browser check (CI installs it)\n');

test.skipIf(!chromium)('a headless Chromium renders /docs with the capabilities', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    const child = Bun.spawn(
      [
        chromium!,
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${profile}`,
        '--dump-dom',
        url('/docs'),
      ],
      { stdout: 'pipe', stderr: 'pipe' },
    );
    const [dom, , exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    expect(exitCode).toBe(0);
    expect(dom).toContain('<h1>Mock Connector</h1>');
    for (const name of ['list_accounts', 'create_account', 'workspace_summary']) expect(dom).toContain(`id="${name}"`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}, 60_000);

test('the connector executable serves `dev http-server` on the port it announces', async () => {
  const child = Bun.spawn([process.execPath, 'run', 'connectors/mock-connector/src/main.ts', 'dev', 'http-server', '--port', '0'], {
    cwd: join(import.meta.dir, '../..'),
    stdout: 'pipe',
    stderr: 'pipe',
  });
  try {
    const reader = child.stderr.getReader();
    let text = '';
    while (!/on (http:\/\/\S+\/)/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const base = /on (http:\/\/\S+\/)/.exec(text)![1]!;
    expect(base).toStartWith('http://127.0.0.1:');
    expect((await fetch(`${base}healthz`)).status).toBe(200);
  } finally {
    child.kill();
    await child.exited;
  }
});
