import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { fixtures, runCapability, runConnector } from './helpers.ts';

const program = join(fixtures, 'exit-listener-fixture.ts');
const auth = { token: { token: 'a-token-value' } };

describe('how the executable ends', () => {
  test("'exit' listeners still run, after the answer, with the exit code", async () => {
    const run = await runCapability('validate_credentials', { auth, request: {} }, { program });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ response: { valid: true, unique_tenant_id: 'tenant' }, page: null, raw_data: null });
    expect(run.stderr).toBe('exit listener saw 0\n');
  });

  test('a usage error ends with exit code 2, which the listeners see', async () => {
    const run = await runConnector(['validate_credentials'], { program });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('exit listener saw 2\n');
  });

  test('a large answer read slowly through a pipe arrives whole before the process ends', async () => {
    const size = 20_000;
    const child = Bun.spawn([process.execPath, 'run', program, 'list_accounts', '--json', JSON.stringify({ auth, request: {}, page: { size } })], {
      stdout: 'pipe',
      stderr: 'pipe',
    });
    const reader = child.stdout.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      await Bun.sleep(1);
    }
    const [exitCode, stderr] = await Promise.all([child.exited, new Response(child.stderr).text()]);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(1_000_000);
    const envelope = JSON.parse(text) as { response: { integration_specific_id: string }[] };
    expect(envelope.response.length).toBe(size);
    expect(envelope.response.at(-1)?.integration_specific_id).toBe(`account-${size - 1}`);
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: 'exit listener saw 0\n' });
  }, 30_000);
});
