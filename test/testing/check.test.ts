// `connector check` and checkConnector: the repository's mock connector passes, and each broken
// fixture connector fails with a line that names what it broke.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { integration as mockIntegration } from '../../connectors/mock-connector/src/integration.ts';
import { checkConnector } from '../../src/testing/index.ts';
import { integration as malformedIntegration } from '../fixtures/malformed-account-fixture.ts';
import { integration as repeatingIntegration } from '../fixtures/repeating-token-fixture.ts';
import { tempDir } from '../contract/helpers.ts';
import { root, runCheck, summaryLine } from './check-command.ts';

const basic = { auth: { basic: { username: 'checker', password: 's3cret-password' } } };
const mockFixture = { ...basic, settings: { host: 'acme.test', account_count: 7 } };
const fixture = (name: string) => join(root, 'test/fixtures', `${name}-fixture.ts`);

describe('checkConnector (in-process)', () => {
  test('the mock connector passes every check', async () => {
    // The check's minimal writes go to a state file of this test, not the mock's in-memory tenant that other test files share.
    using dir = tempDir('check-state-');
    const report = await checkConnector(mockIntegration, {
      fixture: { ...mockFixture, settings: { ...mockFixture.settings, state_file: dir.file('state.json') } },
    });
    expect(report.outcomes.filter((outcome) => outcome.status !== 'pass')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.lines.at(-1)).toMatch(summaryLine);
    expect(report.lines.some((line) => line.startsWith('PASS list_accounts walks to the end'))).toBe(true);
  });

  test('a connector that repeats a page token fails its walk', async () => {
    const report = await checkConnector(repeatingIntegration, { fixture: basic });
    expect(report.ok).toBe(false);
    expect(report.lines).toContain(
      'FAIL list_accounts walks to the end without a repeated token — list_accounts page 2 (token "the-same-token") handed out the token "the-same-token" again: the walk would never end.',
    );
  });

  test('a connector that returns a malformed account fails its minimal request', async () => {
    const report = await checkConnector(malformedIntegration, { fixture: basic });
    expect(report.ok).toBe(false);
    expect(report.lines.find((line) => line.startsWith('FAIL list_accounts answers a minimal request'))).toContain(
      'invalid_response: Unexpected response from executed capability: the list_accounts handler returned response[0].user_status',
    );
  });
});

describe('connector check (the command)', () => {
  test('passes on the mock connector: one line per check, a summary, exit 0', async () => {
    using dir = tempDir('check-');
    const run = await runCheck(dir.path, mockFixture, [join(root, 'connectors/mock-connector')]);
    expect(run.failures).toEqual([]);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
    const [, total, passed] = summaryLine.exec(run.stdout)!;
    expect(Number(passed)).toBe(Number(total));
    expect(run.stdout).toContain('PASS info is valid and its JSON Schemas compile');
    expect(run.stdout).toContain('PASS list_accounts rejects 11 bad requests with bad_request');
    expect(run.stdout).toContain('PASS no secret of the request appears in stdout, stderr or the DEBUG log');
  }, 180_000);

  test('fails with a clear line on a connector that repeats a page token', async () => {
    using dir = tempDir('check-');
    const run = await runCheck(dir.path, basic, ['--binary', fixture('repeating-token')]);
    expect(run.exitCode).toBe(1);
    expect(run.failures).toContain(
      'FAIL list_accounts walks to the end without a repeated token — list_accounts page 2 (token "the-same-token") handed out the token "the-same-token" again: the walk would never end.',
    );
    expect(run.stderr).toBe('connector: the connector failed the check (see the FAIL lines above).\n');
  }, 60_000);

  test('fails with a clear line on a connector that leaks a secret into a log line', async () => {
    using dir = tempDir('check-');
    const run = await runCheck(dir.path, basic, ['--binary', fixture('leaky-log')]);
    expect(run.exitCode).toBe(1);
    expect(run.failures).toEqual([
      'FAIL no secret of the request appears in stdout, stderr or the DEBUG log — a secret of the request appears in the stderr of validate_credentials',
    ]);
    // The check names where the secret is, never the secret itself.
    expect(run.stdout + run.stderr).not.toContain('s3cret-password');
  }, 60_000);

  test('fails with a clear line on a connector that returns a malformed account', async () => {
    using dir = tempDir('check-');
    const run = await runCheck(dir.path, basic, ['--binary', fixture('malformed-account')]);
    expect(run.exitCode).toBe(1);
    expect(run.failures[0]).toStartWith('FAIL list_accounts answers a minimal request — invalid_response: ');
    expect(run.failures[0]).toContain('response[0].user_status');
  }, 60_000);

  test('a missing fixture file is a usage error that says what to write', async () => {
    using dir = tempDir('check-');
    const { spawnConnector } = await import('../support/spawn-connector.ts');
    const run = await spawnConnector(
      [process.execPath, join(root, 'src/cli/connector.ts'), 'check'],
      [join(root, 'connectors/mock-connector'), '--fixture', dir.file('absent.json')],
    );
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 2, stdout: '' });
    expect(run.stderr).toContain(`no fixture file at ${dir.file('absent.json')}`);
  });

  test('a fixture with a wrong field names it without echoing values', async () => {
    using dir = tempDir('check-');
    const run = await runCheck(dir.path, { settings: { host: 'x' }, auth: { basic: { username: 'u', password: 'hidden-value' } }, pageSize: 0 }, [
      join(root, 'connectors/mock-connector'),
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('is not a check fixture: pageSize');
    expect(run.stderr).not.toContain('hidden-value');
  });
});
