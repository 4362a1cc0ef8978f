import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { startLoopbackApi } from './helpers/loopback-api.ts';

test('a GET without hooks never loads ofetch; the first request with a body does', async () => {
  using api = startLoopbackApi(() => Response.json({ ok: true }));
  const child = Bun.spawn([process.execPath, join(import.meta.dir, 'fixtures/ofetch-load-fixture.ts'), api.url], { stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  expect({ exitCode, stderr, stdout }).toEqual({ exitCode: 0, stderr: '', stdout: '[false,false,true]\n' });
  expect(api.requests.map((request) => [request.method, request.body])).toEqual([
    ['GET', ''],
    ['POST', '{"name":"ada"}'],
  ]);
});
