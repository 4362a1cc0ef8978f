import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basicAuth, envelope, errorEnvelope, expectCleanStreams, expectEnvelope, expectNoEnvelope, mockSettings, runConnector, tempDir } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

const settings = mockSettings({ account_count: 1 });
const valid = { auth: basicAuth, request: {}, settings };
const badRequest = (message: unknown) => errorEnvelope({ message, error_code: 'bad_request' });
/** Matches a string that starts with `prefix`. */
const startsWith = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
const validCredentials = { response: { valid: true, unique_tenant_id: 'mock-connector-tenant-id' }, page: null, raw_data: null };

/**
 * Inputs the SDK must answer with one handled envelope (exit 0): the capability, the raw `--json`
 * text, and the whole envelope expected on stdout.
 */
const handled: [label: string, capability: string, json: string, expected: unknown][] = [
  ['malformed JSON', 'list_accounts', '{"auth":', badRequest(startsWith('Invalid request - the input is not valid JSON ('))],
  ['an empty --json', 'list_accounts', '', badRequest(startsWith('Invalid request - the input is not valid JSON ('))],
  ['trailing garbage after the JSON', 'list_accounts', `${JSON.stringify(valid)} x`, badRequest(startsWith('Invalid request - the input is not valid JSON ('))],
  ...(
    [
      ['an array', '[]', 'an array'],
      ['a string', '"list"', 'a string'],
      ['null', 'null', 'null'],
      ['a number', '42', 'a number'],
      ['a boolean', 'true', 'a boolean'],
    ] as const
  ).map(
    ([label, json, got]) =>
      [
        `non-object JSON: ${label}`,
        'list_accounts',
        json,
        badRequest(`Invalid request, expected JSON input. The request must be a JSON object with a "request" key; got ${got}.`),
      ] as [string, string, string, unknown],
  ),
  [
    'page.size as a string',
    'list_accounts',
    JSON.stringify({ ...valid, page: { size: '10' } }),
    badRequest('Invalid request - page.size: expected number, received "10"'),
  ],
  [
    'page.size not an integer',
    'list_accounts',
    JSON.stringify({ ...valid, page: { size: 1.5 } }),
    badRequest('Invalid request - page.size: Invalid integer: Received 1.5'),
  ],
  [
    'page.token a number',
    'list_accounts',
    JSON.stringify({ ...valid, page: { token: 5 } }),
    badRequest('Invalid request - page.token: expected string, received 5'),
  ],
  [
    'include_raw_data as a string',
    'list_accounts',
    JSON.stringify({ ...valid, include_raw_data: 'true' }),
    badRequest('Invalid request - include_raw_data: expected boolean, received "true"'),
  ],
  [
    'request.account_id a number',
    'get_account',
    JSON.stringify({ ...valid, request: { account_id: 1 } }),
    badRequest('Invalid request - request.account_id: expected string, received 1'),
  ],
  ['request.account_id missing', 'get_account', JSON.stringify(valid), badRequest('Invalid request - request.account_id: is required but missing')],
  [
    'request.account_ids a string',
    'get_last_activity',
    JSON.stringify({ ...valid, request: { account_ids: 'user-000001' } }),
    badRequest('Invalid request - request.account_ids: expected Array, received "user-000001"'),
  ],
  ['missing request', 'list_accounts', JSON.stringify({ auth: basicAuth, settings }), badRequest('Invalid request - request: is required but missing')],
  ['request null', 'list_accounts', JSON.stringify({ ...valid, request: null }), badRequest('Invalid request - request: expected Object, received null')],
  [
    'both auth and credentials',
    'list_accounts',
    JSON.stringify({ ...valid, credentials: [{ id: 'admin', ...basicAuth }] }),
    badRequest(
      "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.",
    ),
  ],
  ['neither auth nor credentials', 'list_accounts', JSON.stringify({ request: {}, settings }), badRequest('Missing auth/credentials in request')],
  [
    'auth and credentials both null',
    'list_accounts',
    JSON.stringify({ auth: null, credentials: null, request: {}, settings }),
    badRequest('Missing auth/credentials in request'),
  ],
  ['credentials: []', 'list_accounts', JSON.stringify({ credentials: [], request: {}, settings }), badRequest('Missing credentials in request')],
  // The mock is auth-style (one `basic` credential, no credential ids configured): a credential in the
  // list style without an id is the one basic credential, as getBasicAuth reads it.
  [
    'a credential without an id (auth-style connector)',
    'validate_credentials',
    JSON.stringify({ credentials: [basicAuth], request: {}, settings }),
    validCredentials,
  ],
  [
    'a credential of the wrong kind in the list',
    'list_accounts',
    JSON.stringify({ credentials: [{ id: 'x', token: { token: 'abcd' } }], request: {}, settings }),
    badRequest("Missing 'basic' credential in request"),
  ],
  [
    'credentials not a list',
    'list_accounts',
    JSON.stringify({ credentials: {}, request: {}, settings }),
    badRequest('Malformed credentials in request - credentials: expected Array, received Object'),
  ],
  [
    'a credential missing its password',
    'list_accounts',
    JSON.stringify({ credentials: [{ basic: { username: 'a' } }], request: {}, settings }),
    badRequest('Malformed credentials in request - credentials[0].basic.password: is required but missing'),
  ],
  [
    'auth without basic',
    'list_accounts',
    JSON.stringify({ auth: { token: { token: 'abcd' } }, request: {}, settings }),
    badRequest("Missing 'basic' auth in request"),
  ],
  ['auth empty', 'list_accounts', JSON.stringify({ auth: {}, request: {}, settings }), badRequest("Missing 'basic' auth in request")],
  [
    'auth a string',
    'list_accounts',
    JSON.stringify({ auth: 'foo:bar', request: {}, settings }),
    badRequest('Malformed credentials in request - auth: expected Object, received "foo:bar"'),
  ],
  [
    'auth.basic.password a number',
    'list_accounts',
    JSON.stringify({ auth: { basic: { username: 'foo', password: 5 } }, request: {}, settings }),
    badRequest('Malformed credentials in request - auth.basic.password: expected string, received 5'),
  ],
  [
    'missing settings',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {} }),
    badRequest('No settings passed on request: mock-connector requires settings (Host).'),
  ],
  [
    'settings null',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: null }),
    badRequest('No settings passed on request: mock-connector requires settings (Host).'),
  ],
  [
    'settings without the required host',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: {} }),
    badRequest('Invalid settings passed on request. Missing required settings: Host.'),
  ],
  [
    'settings with wrong types',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: { host: 5, account_count: '3' } }),
    badRequest('Invalid settings passed on request. settings.host: expected string, received 5; settings.account_count: expected number, received "3"'),
  ],
  [
    'settings out of range',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: { host: 'x', account_count: -1 } }),
    badRequest('Invalid settings passed on request. settings.account_count: Invalid value: Expected >=0 but received -1'),
  ],
  [
    'settings with an empty host',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: { host: '' } }),
    badRequest('Invalid settings passed on request. settings.host: host must not be empty'),
  ],
  [
    'settings a string',
    'list_accounts',
    JSON.stringify({ auth: basicAuth, request: {}, settings: 'host=x' }),
    badRequest('Invalid request - settings: expected Object, received "host=x"'),
  ],
  [
    'unknown keys are ignored',
    'validate_credentials',
    JSON.stringify({ ...valid, colour: 'blue', request: { extra: [1, 2, 3] }, settings: { ...settings, region: 'eu' } }),
    validCredentials,
  ],
  [
    'validation happens before credentials: a bad page with no credentials names the page',
    'list_accounts',
    JSON.stringify({ request: {}, page: { size: 'big' } }),
    badRequest('Invalid request - page.size: expected number, received "big"'),
  ],
  [
    'credentials are checked before settings',
    'list_accounts',
    JSON.stringify({ request: {}, settings: {} }),
    badRequest('Missing auth/credentials in request'),
  ],
];

describe('bad requests are answered with one handled envelope (exit 0)', () => {
  for (const [label, capability, json, expected] of handled) {
    test.concurrent(label, async () => {
      const result = await runConnector([capability, '--json', json]);
      expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: expected });
    });
  }

  // The envelope is validated strictly: a JSON array is not an object (the reference's pydantic
  // models reject a list with "Input should be a valid dictionary").
  for (const [label, body, field] of [
    ['request as an array', { ...valid, request: [] }, 'request'],
    ['page as an array', { ...valid, page: [] }, 'page'],
  ] as const) {
    test.concurrent(`${label} is a bad request naming ${field}`, async () => {
      const result = await runConnector(['list_accounts', '--json', JSON.stringify(body)]);
      expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({
        exitCode: 0,
        json: badRequest(expect.stringMatching(new RegExp(`^Invalid request - ${field}: `))),
      });
    });
  }

  test.concurrent('a deeply nested value in an ignored field still gets an envelope, not a crash', async () => {
    using dir = tempDir();
    const depth = 100_000;
    const file = dir.file('deep.json');
    writeFileSync(
      file,
      `{"auth":${JSON.stringify(basicAuth)},"settings":${JSON.stringify(settings)},"request":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
    );
    const result = await runConnector(['list_accounts', '--json-file', file]);
    const json = expectEnvelope(result);
    // Either answer is fine: the field is ignored, or the request is refused as too deep.
    if (json.is_error) expect(json.error.error_code).toBe('bad_request');
    else expect(json.response).toHaveLength(1);
  }, 30_000);
});

describe('large requests', () => {
  const fiftyMegabytes = 'x'.repeat(50 * 1024 * 1024);

  test('a 50 MB string in an ignored field and in custom_attributes is handled without a crash', async () => {
    using dir = tempDir();
    const file = dir.file('large.json');
    writeFileSync(file, JSON.stringify({ ...valid, ignored: fiftyMegabytes, request: { custom_attributes: [fiftyMegabytes] } }));
    const result = await runConnector(['list_accounts', '--json-file', file]);
    const json = expectEnvelope(result);
    expect(json).toEqual({ response: [expect.objectContaining({ integration_specific_id: 'user-000001' })], page: null, raw_data: null });
  }, 60_000);

  test('a 50 MB string where a string is not allowed is a bad request whose message does not echo it', async () => {
    using dir = tempDir();
    const file = dir.file('large-bad.json');
    writeFileSync(file, JSON.stringify({ ...valid, request: { account_id: [fiftyMegabytes] } }));
    const result = await runConnector(['get_account', '--json-file', file]);
    const json = expectEnvelope(result);
    expect(json).toEqual(badRequest(startsWith('Invalid request - request.account_id: expected string')));
    expect(result.stdout.length).toBeLessThan(10_000);
    expect(result.stderr.length).toBeLessThan(10_000);
  }, 60_000);
});

describe('--json-file', () => {
  test.concurrent('a file with a UTF-8 byte order mark works', async () => {
    using dir = tempDir();
    const file = dir.file('bom.json');
    writeFileSync(file, `\uFEFF${JSON.stringify(valid)}`);
    const result = await runConnector(['validate_credentials', '--json-file', file]);
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
  });

  test.concurrent.each([
    ['double', (path: string) => `"${path}"`],
    ['single', (path: string) => `'${path}'`],
  ])('a path in surrounding %s quotes works', async (_label, quote) => {
    using dir = tempDir();
    const file = dir.file('quoted request.json');
    writeFileSync(file, JSON.stringify(valid));
    const result = await runConnector(['validate_credentials', '--json-file', quote(file)]);
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
  });

  test.concurrent('a relative path is read from the working directory', async () => {
    using dir = tempDir();
    writeFileSync(dir.file('request.json'), JSON.stringify(valid));
    const result = await runConnector(['validate_credentials', '--json-file', 'request.json'], { cwd: dir.path });
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
  });

  test.concurrent('a missing file: exit 1, a one-line reason, nothing on stdout', async () => {
    using dir = tempDir();
    const file = dir.file('absent.json');
    const result = await runConnector(['list_accounts', '--json-file', file]);
    expectNoEnvelope(result, 1);
    expect(result.stderr).toBe(`mock-connector: cannot read --json-file ${JSON.stringify(file)}: no such file.\n`);
  });

  test.concurrent('a directory: exit 1, a one-line reason, nothing on stdout', async () => {
    using dir = tempDir();
    mkdirSync(dir.file('folder.json'));
    const result = await runConnector(['list_accounts', '--json-file', dir.file('folder.json')]);
    expectNoEnvelope(result, 1);
    expect(result.stderr).toBe(`mock-connector: cannot read --json-file ${JSON.stringify(dir.file('folder.json'))}: it is a directory.\n`);
  });

  test.concurrent('an empty file is a bad request, not a crash', async () => {
    using dir = tempDir();
    writeFileSync(dir.file('empty.json'), '');
    const result = await runConnector(['list_accounts', '--json-file', dir.file('empty.json')]);
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({
      exitCode: 0,
      json: badRequest(startsWith('Invalid request - the input is not valid JSON (')),
    });
  });
});

describe('usage errors: exit 2, a reason on stderr, nothing on stdout', () => {
  const request = JSON.stringify(valid);
  const cases: [label: string, args: string[], reason: RegExp][] = [
    ['an unknown flag', ['list_accounts', '--json', request, '--jsonn'], /^mock-connector: unknown option --jsonn\.$/],
    ['an unknown short flag', ['list_accounts', '--json', request, '-x'], /^mock-connector: unknown option -x\.$/],
    [
      'an unknown capability',
      ['list_everything', '--json', request],
      /^mock-connector: unknown command 'list_everything'\. Commands: info, activate_account, app_info, /,
    ],
    ['a capability name with dashes', ['list-accounts', '--json', request], /unknown command 'list-accounts'/],
    ['info --json', ['info', '--json', '{}'], /^mock-connector: info takes no --json or --json-file/],
    ['info --json-file', ['info', '--json-file', 'request.json'], /^mock-connector: info takes no --json or --json-file/],
    ['a missing --json', ['list_accounts'], /^mock-connector: list_accounts needs its request: pass --json/],
    [
      'both --json and --json-file',
      ['list_accounts', '--json', request, '--json-file', 'request.json'],
      /^mock-connector: give either --json or --json-file, not both\.$/,
    ],
    ['a stray positional argument', ['list_accounts', 'extra', '--json', request], /^mock-connector: unexpected argument 'extra'\.$/],
    // argparse (the reference) answers "expected one argument" with exit 2.
    ['--json without a value', ['list_accounts', '--json'], /--json/],
    ['--result-file-path without a value', ['info', '--result-file-path'], /--result-file-path/],
  ];
  for (const [label, args, reason] of cases) {
    test.concurrent(label, async () => {
      const result = await runConnector(args);
      expectNoEnvelope(result, 2, reason);
    });
  }
});

describe('failures before an envelope: exit 1', () => {
  test.concurrent('a --result-file-path not ending in .gz', async () => {
    using dir = tempDir();
    const result = await runConnector(['list_accounts', '--json', JSON.stringify(valid), '--result-file-path', dir.file('out.txt')]);
    expectNoEnvelope(result, 1, /must end in \.gz/);
    expect(dir.list()).toEqual([]);
  });

  test.concurrent('no command at all: "No command passed in" and the help on stderr', async () => {
    const result = await runConnector([]);
    expectCleanStreams(result);
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(result.stderr).toStartWith('No command passed in.');
    expect(result.stderr).toContain('list_accounts');
    expect(result.stderr).toContain('workspace_summary');
  });
});

describe('help goes to stderr, never stdout', () => {
  for (const args of [['--help'], ['list_accounts', '--help'], ['info', '--help']]) {
    test.concurrent(args.join(' '), async () => {
      const result = await runConnector(args);
      expectCleanStreams(result);
      expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 0, stdout: '' });
      expect(result.stderr).toContain('USAGE');
    });
  }
});

describe('--use-proxy and --sip are answered with unsupported_operation', () => {
  const unsupported = errorEnvelope({
    message:
      '--use-proxy/--sip sends calls through the Lumos-internal secure integration proxy, which is not available to on-premise connectors. Run the command without it.',
    error_code: 'unsupported_operation',
  });
  for (const args of [
    ['list_accounts', '--json', JSON.stringify(valid), '--use-proxy'],
    ['list_accounts', '--json', JSON.stringify(valid), '--sip'],
    ['validate_credentials', '--sip', '--json', JSON.stringify(valid)],
    ['info', '--use-proxy'],
    ['info', '--sip'],
  ]) {
    test.concurrent(args.filter((arg) => arg.startsWith('--') || !arg.startsWith('{')).join(' '), async () => {
      const result = await runConnector(args);
      expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: unsupported });
    });
  }

  test.concurrent('--use-proxy with a result file puts the error envelope in the file', async () => {
    using dir = tempDir();
    const out = dir.file('proxy.gz');
    const result = await runConnector(['list_accounts', '--json', JSON.stringify(valid), '--use-proxy', '--result-file-path', out]);
    expectCleanStreams(result);
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 0, stdout: '' });
    expect(JSON.parse(new TextDecoder().decode(Bun.gunzipSync(await Bun.file(out).bytes())))).toEqual(unsupported);
  });
});

describe('the environment', () => {
  test.concurrent('LUMOS_LOG_LEVEL=LOUD warns on stderr and still answers', async () => {
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(valid)], { env: { LUMOS_LOG_LEVEL: 'LOUD' } });
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
    expect(result.stderr).toMatch(/^\S+ WARNING mock-connector: LUMOS_LOG_LEVEL="LOUD" is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL; using ERROR\.\n$/);
  });

  test.concurrent('a lower-case level is accepted without a warning', async () => {
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(valid)], { env: { LUMOS_LOG_LEVEL: 'info' } });
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
    expect(result.stderr).toContain(' INFO mock-connector: Running validate_credentials');
    expect(result.stderr).not.toContain('WARNING');
  });

  test.concurrent('LUMOS_LOG_TO_STDOUT=true keeps stdout for the JSON alone', async () => {
    using dir = tempDir();
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(valid)], {
      env: { LUMOS_LOG_LEVEL: 'DEBUG', LUMOS_LOG_TO_STDOUT: 'true', LUMOS_LOG_DIRECTORY: dir.path },
    });
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 0, stdout: `${JSON.stringify(validCredentials)}\n` });
    expect(result.stderr).toContain('Running validate_credentials');
  });

  test.concurrent('an unwritable log directory does not stop the connector', async () => {
    using dir = tempDir();
    writeFileSync(dir.file('not-a-directory'), '');
    const result = await runConnector(['validate_credentials', '--json', JSON.stringify(valid)], {
      env: { LUMOS_LOG_LEVEL: 'INFO', LUMOS_LOG_DIRECTORY: dir.file('not-a-directory/logs') },
    });
    expect({ exitCode: result.exitCode, json: expectEnvelope(result) }).toEqual({ exitCode: 0, json: validCredentials });
    expect(result.stderr).toContain('Running validate_credentials');
  });

  test.concurrent('no writable working directory is needed', async () => {
    using dir = tempDir();
    const readOnly = dir.file('read-only');
    mkdirSync(readOnly, { mode: 0o555 });
    const result = await runConnector(['list_accounts', '--json', JSON.stringify(envelope({}, { settings: { account_count: 1 } }))], {
      cwd: readOnly,
      env: { LUMOS_LOG_LEVEL: 'DEBUG' },
    });
    expect(expectEnvelope(result).response).toHaveLength(1);
  });
});
