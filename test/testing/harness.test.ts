// The typed harness: calls and page walks in-process (through dispatch) and against the
// executable, walks that fail on a broken list, and expected errors that print nothing.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { integration as mockIntegration } from '../../connectors/mock-connector/src/integration.ts';
import { createIntegration } from '../../src/index.ts';
import { connectorHarness, HarnessError } from '../../src/testing/index.ts';
import { integration as repeatingIntegration } from '../fixtures/repeating-token-fixture.ts';
import { spawnConnector } from '../support/spawn-connector.ts';

const root = join(import.meta.dir, '../..');
const options = { auth: { basic: { username: 'foo', password: 'harness-password' } }, settings: { host: 'acme.test', account_count: 7 } };

describe('connectorHarness (in-process)', () => {
  test('call returns the typed envelope of the capability', async () => {
    await using c = connectorHarness(mockIntegration, options);
    const result = await c.call('list_accounts', {}, { page: { size: 3 } });
    if (!result.ok) throw new Error(result.envelope.error.message);
    expect(result.envelope.response.map((account) => account.integration_specific_id)).toHaveLength(3);
    expect(result.envelope.page?.token).toBeString();
  });

  test('a handled error comes back as the wire error envelope', async () => {
    await using c = connectorHarness(mockIntegration, options);
    const result = await c.call('get_account', { account_id: 'nobody' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.envelope.error.error_code).toBe('not_found');
  });

  test('walk follows page tokens to the end of the list', async () => {
    await using c = connectorHarness(mockIntegration, options);
    const walked = await c.walk('list_accounts', {}, { pageSize: 3 });
    expect({ items: walked.items.length, pages: walked.pages, tokens: walked.tokens.length }).toEqual({ items: 7, pages: 3, tokens: 2 });
    expect(new Set(walked.items.map((account) => account.integration_specific_id)).size).toBe(7);
  });

  test('walk fails on a repeated page token', async () => {
    await using c = connectorHarness(repeatingIntegration, options);
    const walking = c.walk('list_accounts', {}, { pageSize: 1 });
    await expect(walking).rejects.toThrow(HarnessError);
    await expect(walking).rejects.toThrow(
      'list_accounts page 2 (token "the-same-token") handed out the token "the-same-token" again: the walk would never end.',
    );
  });

  test('walk fails on an empty page that still hands out a token', async () => {
    const empty = createIntegration({
      appId: 'empty-page',
      version: '0.0.1',
      description: { userFriendlyName: 'Empty Page', categories: ['DEVELOPERS'] },
      auth: 'basic',
    }).register('list_accounts', () => ({ response: [], page: { token: 'more-to-come' } }));
    await using c = connectorHarness(empty, options);
    await expect(c.walk('list_accounts', {})).rejects.toThrow(
      'list_accounts page 1 answered an empty page with a next-page token "more-to-come": a list must end on its last page.',
    );
  });

  test('walk fails on an error envelope, naming the page', async () => {
    await using c = connectorHarness(mockIntegration, options);
    await expect(c.walk('list_accounts', {}, { parts: { settings: {} } })).rejects.toThrow(
      'list_accounts page 1 answered bad_request: Invalid settings passed on request. Missing required settings: Host.',
    );
  });

  test('secrets() is the request secret set: the password, not the username', async () => {
    await using c = connectorHarness(mockIntegration, options);
    expect([...c.secrets()]).toEqual(['harness-password']);
  });
});

describe('connectorHarness.binary (the executable)', () => {
  test('the same calls and walks against the spawned connector give the same answers', async () => {
    await using inProcess = connectorHarness(mockIntegration, options);
    await using spawned = connectorHarness.binary(join(root, 'connectors/mock-connector/src/main.ts'), options);
    expect(spawned.spawned).toBe(true);
    const [mine, theirs] = await Promise.all([inProcess.walk('list_accounts', {}, { pageSize: 4 }), spawned.walk('list_accounts', {}, { pageSize: 4 })]);
    expect(theirs).toEqual(mine);
    expect((await spawned.info())['app_id']).toBe('mock-connector');
    const missing = await spawned.call('get_account', { account_id: 'nobody' });
    expect(missing.ok ? null : missing.envelope.error.error_code).toBe('not_found');
    // The expected error was logged to the captured log file, not to the test's output.
    expect(spawned.logs()).toContain('ERROR mock-connector: mock-connector/not_found');
  }, 60_000);

  test('a stdout that is not one JSON document is a HarnessError naming the program', async () => {
    await using c = connectorHarness.binary([process.execPath, '-e', 'console.log("hello"); console.log("world")']);
    await expect(c.call('validate_credentials', {})).rejects.toThrow(/did not print one JSON document on one line to stdout \(exit code 0\)/);
  });
});

describe('expected errors and log lines', () => {
  test('are captured, not printed, unless asked', async () => {
    const quiet = await spawnConnector([process.execPath, join(root, 'test/fixtures/harness-quiet-fixture.ts')], []);
    expect({ exitCode: quiet.exitCode, stderr: quiet.stderr, code: quiet.json?.code }).toEqual({ exitCode: 0, stderr: '', code: 'not_found' });
    expect(quiet.json.logs).toContain('ERROR mock-connector: mock-connector/not_found');

    const printed = await spawnConnector([process.execPath, join(root, 'test/fixtures/harness-quiet-fixture.ts')], ['print']);
    expect(printed.stderr).toContain('ERROR mock-connector: mock-connector/not_found');
  }, 30_000);
});
