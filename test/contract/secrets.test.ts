import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorEnvelope, expectEnvelope, fixtures, mockSettings, runConnector, tempDir, type RunResult } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

const password = 'S3cr3t-P@ss-9f8e7d';
const token = 'tok-7Zq9-XyZ-8c1e44';
const apiKey = 'ak-Qm3v-5518-zzTop';
/** Every distinctive secret the requests below carry, and the mock's magic wrong password. */
const secrets = [password, token, apiKey, 'wrong-password'];

const auth = (pass = password) => ({ basic: { username: 'foo', password: pass }, token: { token } });
// `api_key` is not a mock setting: unknown keys are ignored, but its value is still a secret.
const settings = { ...mockSettings({ account_count: 2 }), api_key: apiKey };

/** The runs whose outputs must never carry a secret: a success, handled errors and bad requests. */
// A handler's error is also logged at ERROR; the SDK's own bad-request answers are not logged.
const scenarios: { label: string; capability: string; body: unknown; errorCode: string | null; loggedError?: boolean }[] = [
  { label: 'success', capability: 'validate_credentials', body: { auth: auth(), request: {}, settings }, errorCode: null },
  { label: 'success with a list', capability: 'list_accounts', body: { auth: auth(), request: {}, settings }, errorCode: null },
  {
    label: 'handled error (wrong password)',
    capability: 'validate_credentials',
    body: { auth: auth('wrong-password'), request: {}, settings },
    errorCode: 'unauthorized',
    loggedError: true,
  },
  {
    label: 'handled error (not found)',
    capability: 'get_account',
    body: { auth: auth(), request: { account_id: 'user-999999' }, settings },
    errorCode: 'not_found',
    loggedError: true,
  },
  {
    label: 'bad request (page.size a string)',
    capability: 'list_accounts',
    body: { auth: auth(), request: {}, settings, page: { size: '10' } },
    errorCode: 'bad_request',
  },
  {
    label: 'bad request (a secret echoed as a wrong-typed setting)',
    capability: 'list_accounts',
    body: { auth: auth(), request: {}, settings: { ...settings, account_count: password } },
    errorCode: 'bad_request',
  },
  {
    label: 'bad request (malformed credential next to the password)',
    capability: 'list_accounts',
    body: { auth: { basic: { username: 7, password }, token: { token } }, request: {}, settings },
    errorCode: 'bad_request',
  },
  { label: 'bad request (settings missing)', capability: 'list_accounts', body: { auth: auth(), request: {} }, errorCode: 'bad_request' },
];

/** Every place a secret could surface in a run: both streams and every log file. */
function leaks(result: RunResult, logText = ''): string[] {
  const places = { stdout: result.stdout, stderr: result.stderr, logFile: logText };
  const found: string[] = [];
  for (const secret of secrets) {
    for (const [place, text] of Object.entries(places)) if (text.includes(secret)) found.push(`${secret} in ${place}`);
  }
  return found;
}

function utcDay(date = new Date()): string {
  return date.toISOString().slice(0, 10);
}

/** The connector's log file for today (checked before and after the run, in case the day turned). */
function logFileOf(directory: string, before: string, after: string): string | undefined {
  for (const day of new Set([after, before])) {
    const file = join(directory, `mock-connector_${day}.log`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

describe('secrets never reach stderr, stdout or the log file', () => {
  for (const level of ['DEBUG', 'INFO', 'ERROR'] as const) {
    for (const scenario of scenarios) {
      test.concurrent(`${scenario.label}, LUMOS_LOG_LEVEL=${level}, logging to stderr`, async () => {
        const result = await runConnector([scenario.capability, '--json', JSON.stringify(scenario.body)], { env: { LUMOS_LOG_LEVEL: level } });
        const json = expectEnvelope(result);
        expect({ errorCode: json.error?.error_code ?? null, leaks: leaks(result) }).toEqual({ errorCode: scenario.errorCode, leaks: [] });
        if (level !== 'ERROR') expect(result.stderr).toContain(`INFO mock-connector: Running ${scenario.capability} with --json {"auth":`);
        if (scenario.loggedError) expect(result.stderr).toContain('ERROR mock-connector: ');
      });

      test.concurrent(`${scenario.label}, LUMOS_LOG_LEVEL=${level}, logging to LUMOS_LOG_DIRECTORY`, async () => {
        using dir = tempDir();
        const before = utcDay();
        const result = await runConnector([scenario.capability, '--json', JSON.stringify(scenario.body)], {
          env: { LUMOS_LOG_LEVEL: level, LUMOS_LOG_DIRECTORY: dir.path },
        });
        const file = logFileOf(dir.path, before, utcDay());
        const logText = file ? readFileSync(file, 'utf8') : '';
        const json = expectEnvelope(result);
        expect({ errorCode: json.error?.error_code ?? null, leaks: leaks(result, logText), stderr: result.stderr }).toEqual({
          errorCode: scenario.errorCode,
          leaks: [],
          // With a log directory, nothing goes to stderr.
          stderr: '',
        });
        if (level !== 'ERROR' || scenario.loggedError) expect(file).toBeDefined();
        if (level !== 'ERROR') expect(logText).toContain(`INFO mock-connector: Running ${scenario.capability} with --json {"auth":`);
        if (scenario.loggedError) expect(logText).toContain('ERROR mock-connector: ');
      });
    }
  }

  test.concurrent('the log file is <dir>/mock-connector_<YYYY-MM-DD>.log and holds the redacted invocation line', async () => {
    using dir = tempDir();
    const before = utcDay();
    const body = { auth: auth(), request: {}, settings };
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(body)], {
      env: { LUMOS_LOG_LEVEL: 'INFO', LUMOS_LOG_DIRECTORY: dir.path },
    });
    expectEnvelope(result);
    const after = utcDay();
    expect([`mock-connector_${before}.log`, `mock-connector_${after}.log`]).toContain(dir.list()[0]!);
    expect(dir.list()).toHaveLength(1);
    const lines = readFileSync(dir.file(dir.list()[0]!), 'utf8').trimEnd().split('\n');
    const redacted = JSON.stringify({
      auth: { basic: { username: 'foo', password: 'REDACTED' }, token: { token: 'REDACTED' } },
      request: {},
      settings: { ...settings, api_key: 'REDACTED' },
    });
    expect(lines).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO mock-connector: /)]);
    expect(lines[0]).toEndWith(` INFO mock-connector: Running validate_credentials with --json ${redacted}`);
  });

  test.concurrent('a second run appends to the same day file', async () => {
    using dir = tempDir();
    const body = JSON.stringify({ auth: auth(), request: {}, settings });
    const env = { LUMOS_LOG_LEVEL: 'DEBUG', LUMOS_LOG_DIRECTORY: dir.path };
    expectEnvelope(await runConnector(['validate_credentials', '--json', body], { env }));
    expectEnvelope(await runConnector(['list_accounts', '--json', body], { env }));
    expect(dir.list()).toHaveLength(1);
    const text = readFileSync(dir.file(dir.list()[0]!), 'utf8');
    expect(text).toContain('Running validate_credentials');
    expect(text).toContain('Running list_accounts');
  });

  test.concurrent('LUMOS_ADDITIONAL_REDACTED_LOG_KEYS masks more keys in the invocation line', async () => {
    const body = { auth: auth(), request: {}, settings: { ...settings, tenant_code: 'tenant-code-4471' } };
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(body)], {
      env: { LUMOS_LOG_LEVEL: 'DEBUG', LUMOS_ADDITIONAL_REDACTED_LOG_KEYS: 'Tenant_Code, other' },
    });
    expectEnvelope(result);
    expect(result.stderr).toContain('"tenant_code":"REDACTED"');
    expect(result.stderr).not.toContain('tenant-code-4471');
  });

  test.concurrent('a secret value that also appears under a non-secret key is masked in every log line', async () => {
    // The password pasted into another field: the README promises every secret value of the
    // request is masked wherever it appears in a log line, the logged invocation included.
    const body = { auth: auth(), request: { account_id: password }, settings };
    const result = await runConnector(['get_account', '--json', JSON.stringify(body)], { env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    const json = expectEnvelope(result);
    expect(json.error).toMatchObject({ error_code: 'not_found', message: "No account with id 'REDACTED'." });
    expect(leaks(result)).toEqual([]);
  });

  test.concurrent('malformed JSON does not echo an unquoted secret from the input', async () => {
    const identifierLike = 'S3cr3tPass9f8e7dQ';
    const json = `{"auth":{"basic":{"username":"foo","password":${identifierLike}}},"request":{},"settings":{"host":"x"}}`;
    const result = await runConnector(['validate_credentials', '--json', json], { env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    expect(expectEnvelope(result).error).toMatchObject({
      error_code: 'bad_request',
      message: expect.stringMatching(/^Invalid request - the input is not valid JSON/),
    });
    expect({ inStdout: result.stdout.includes(identifierLike), inStderr: result.stderr.includes(identifierLike) }).toEqual({
      inStdout: false,
      inStderr: false,
    });
  });
});

describe('a connector that talks on the console and throws the password (noisy-connector-fixture)', () => {
  const program = join(fixtures, 'noisy-connector-fixture.ts');
  const body = JSON.stringify({ auth: { basic: { username: 'foo', password } }, request: {} });

  for (const level of ['DEBUG', 'INFO', 'ERROR'] as const) {
    test.concurrent(`stdout is exactly one error envelope and the password appears nowhere (LUMOS_LOG_LEVEL=${level})`, async () => {
      const result = await runConnector(['validate_credentials', '--json', body], { program, env: { LUMOS_LOG_LEVEL: level } });
      const expected = errorEnvelope({
        message: 'Login failed for foo: the server rejected password REDACTED',
        error_code: 'unexpected_error',
        raised_by: 'Error',
        raised_in: 'noisy-connector:validate_credentials',
        app_id: 'noisy-connector',
      });
      expect({ exitCode: result.exitCode, stdout: result.stdout, leaks: leaks(result) }).toEqual({
        exitCode: 0,
        stdout: `${JSON.stringify(expected)}\n`,
        leaks: [],
      });
      expect(expectEnvelope(result)).toEqual(expected);
      // The console calls went to the logger (stderr), masked.
      expect(result.stderr).toContain('ERROR noisy-connector: Error: console error with REDACTED');
      if (level !== 'ERROR') expect(result.stderr).toContain('INFO noisy-connector: logging in as foo with password REDACTED');
      if (level === 'DEBUG') expect(result.stderr).toContain('DEBUG noisy-connector: debug: password=REDACTED');
    });
  }

  test.concurrent('console output of a successful handler does not touch stdout either', async () => {
    const result = await runConnector(['list_accounts', '--json', body], { program, env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    expect({ exitCode: result.exitCode, stdout: result.stdout, leaks: leaks(result) }).toEqual({
      exitCode: 0,
      stdout: '{"response":[{"integration_specific_id":"quiet-1"}],"page":null,"raw_data":null}\n',
      leaks: [],
    });
    expect(result.stderr).toContain('INFO noisy-connector: listing with REDACTED');
    expect(result.stderr).toContain('ERROR noisy-connector: still listing');
  });

  test.concurrent('with a log directory, the console output goes to the log file, masked', async () => {
    using dir = tempDir();
    const result = await runConnector(['validate_credentials', '--json', body], { program, env: { LUMOS_LOG_LEVEL: 'DEBUG', LUMOS_LOG_DIRECTORY: dir.path } });
    expect(expectEnvelope(result).error.error_code).toBe('unexpected_error');
    expect(dir.list()).toEqual([expect.stringMatching(/^noisy-connector_\d{4}-\d\d-\d\d\.log$/)]);
    const logText = readFileSync(dir.file(dir.list()[0]!), 'utf8');
    expect({ stderr: result.stderr, leaks: leaks(result, logText) }).toEqual({ stderr: '', leaks: [] });
    expect(logText).toContain('logging in as foo with password REDACTED');
    expect(logText).toContain('noisy-connector/unexpected_error: Login failed for foo: the server rejected password REDACTED');
  });
});
