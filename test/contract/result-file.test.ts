import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { envelope, expectCleanStreams, expectNoEnvelope, runConnector, tempDir } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

const request = JSON.stringify(envelope({}, { settings: { account_count: 3 } }));

/** The gunzipped text of a result file. */
function gunzipText(path: string): string {
  return new TextDecoder().decode(Bun.gunzipSync(readFileSync(path)));
}

/** What stdout carries for these arguments, without a result file: the reference to compare against. */
async function stdoutOf(args: string[]): Promise<string> {
  const plain = await runConnector(args);
  expect(plain.exitCode).toBe(0);
  expect(plain.stdout.endsWith('\n')).toBe(true);
  return plain.stdout.slice(0, -1);
}

describe('--result-file-path', () => {
  test.concurrent('writes the gzip-compressed envelope stdout would have carried, and nothing on stdout', async () => {
    using dir = tempDir();
    const out = dir.file('out.gz');
    const [expected, run] = await Promise.all([
      stdoutOf(['list_accounts', '--json', request]),
      runConnector(['list_accounts', '--json', request, '--result-file-path', out]),
    ]);
    expectCleanStreams(run);
    expect({ exitCode: run.exitCode, stdout: run.stdout, file: gunzipText(out) }).toEqual({ exitCode: 0, stdout: '', file: expected });
    expect(JSON.parse(expected).response).toHaveLength(3);
    // Only the result file is left: the temporary file was renamed over it.
    expect(dir.list()).toEqual(['out.gz']);
  });

  test.concurrent.each([
    ['single quotes', (path: string) => `'${path}'`],
    ['double quotes', (path: string) => `"${path}"`],
  ])('strips surrounding %s from the path', async (_label, quote) => {
    using dir = tempDir();
    const out = dir.file('quoted.gz');
    const [expected, run] = await Promise.all([
      stdoutOf(['validate_credentials', '--json', request]),
      runConnector(['validate_credentials', '--json', request, '--result-file-path', quote(out)]),
    ]);
    expectCleanStreams(run);
    expect({ exitCode: run.exitCode, stdout: run.stdout, file: gunzipText(out) }).toEqual({ exitCode: 0, stdout: '', file: expected });
    expect(dir.list()).toEqual(['quoted.gz']);
  });

  test.concurrent('a handled error envelope goes into the file too, exit 0', async () => {
    using dir = tempDir();
    const out = dir.file('error.gz');
    const bad = JSON.stringify(envelope({ account_id: 'nobody' }));
    const [expected, run] = await Promise.all([
      stdoutOf(['get_account', '--json', bad]),
      runConnector(['get_account', '--json', bad, '--result-file-path', out]),
    ]);
    expect({ exitCode: run.exitCode, stdout: run.stdout, file: gunzipText(out) }).toEqual({ exitCode: 0, stdout: '', file: expected });
    expect(JSON.parse(expected)).toMatchObject({ is_error: true, error: { error_code: 'not_found' } });
  });

  test.concurrent('overwrites an existing file', async () => {
    using dir = tempDir();
    const out = dir.file('existing.gz');
    writeFileSync(out, 'an older result that is much longer than the new one will be, and not gzip at all '.repeat(100));
    const [expected, run] = await Promise.all([
      stdoutOf(['list_resources', '--json', request]),
      runConnector(['list_resources', '--json', request, '--result-file-path', out]),
    ]);
    expect({ exitCode: run.exitCode, stdout: run.stdout, file: gunzipText(out) }).toEqual({ exitCode: 0, stdout: '', file: expected });
    expect(dir.list()).toEqual(['existing.gz']);
  });

  test.concurrent('works with --json-file as well', async () => {
    using dir = tempDir();
    const input = dir.file('request.json');
    writeFileSync(input, request);
    const out = dir.file('from-file.gz');
    const [expected, run] = await Promise.all([
      stdoutOf(['list_entitlements', '--json', request]),
      runConnector(['list_entitlements', '--json-file', input, '--result-file-path', out]),
    ]);
    expect({ exitCode: run.exitCode, stdout: run.stdout, file: gunzipText(out) }).toEqual({ exitCode: 0, stdout: '', file: expected });
  });

  test.concurrent('a path not ending in .gz: exit 1, a reason, no file, nothing on stdout', async () => {
    using dir = tempDir();
    const out = dir.file('out.json');
    const run = await runConnector(['list_accounts', '--json', request, '--result-file-path', out]);
    expectNoEnvelope(run, 1, /--result-file-path must end in \.gz/);
    expect(run.stderr).toBe(`mock-connector: --result-file-path must end in .gz (got ${JSON.stringify(out)})\n`);
    expect(dir.list()).toEqual([]);
  });

  test.concurrent('a quoted path not ending in .gz is refused too', async () => {
    using dir = tempDir();
    const run = await runConnector(['list_accounts', '--json', request, '--result-file-path', `'${dir.file('out.gz.txt')}'`]);
    expectNoEnvelope(run, 1, /must end in \.gz/);
    expect(dir.list()).toEqual([]);
  });

  test.concurrent('a path in a missing directory: exit 1 with a reason, nothing on stdout, nothing created', async () => {
    using dir = tempDir();
    const out = dir.file('missing/deeper/out.gz');
    const run = await runConnector(['list_accounts', '--json', request, '--result-file-path', out]);
    expectNoEnvelope(run, 1, /cannot write --result-file-path/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(JSON.stringify(out));
    expect(dir.list()).toEqual([]);
  });

  test.concurrent('a path that cannot be renamed over (a directory named out.gz): exit 1, no temporary file left behind', async () => {
    using dir = tempDir();
    const out = dir.file('taken.gz');
    mkdirSync(out);
    const run = await runConnector(['list_accounts', '--json', request, '--result-file-path', out]);
    expectNoEnvelope(run, 1, /cannot write --result-file-path/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(dir.list()).toEqual(['taken.gz']);
  });

  test.concurrent('info --result-file-path writes the info document into the file', async () => {
    using dir = tempDir();
    const out = dir.file('info.gz');
    const [expected, run] = await Promise.all([stdoutOf(['info']), runConnector(['info', '--result-file-path', out])]);
    expectCleanStreams(run);
    expect({ exitCode: run.exitCode, stdout: run.stdout, stderr: run.stderr, file: gunzipText(out) }).toEqual({
      exitCode: 0,
      stdout: '',
      stderr: '',
      file: expected,
    });
    expect(JSON.parse(expected).response.app_id).toBe('mock-connector');
  });

  test.concurrent('info --result-file-path not ending in .gz: exit 1, no file', async () => {
    using dir = tempDir();
    const out = dir.file('info.json');
    const run = await runConnector(['info', '--result-file-path', out]);
    expectNoEnvelope(run, 1, /must end in \.gz/);
    expect(existsSync(out)).toBe(false);
  });

  test.concurrent('the bad .gz name is refused before any work: no envelope even for a request that would fail', async () => {
    using dir = tempDir();
    const run = await runConnector(['list_accounts', '--json', 'not json', '--result-file-path', dir.file('x.txt')]);
    expectNoEnvelope(run, 1, /must end in \.gz/);
  });
});
