import { beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledMock, contractProblems, runMain } from './compiled-mock.ts';

// Compiling the mock connector takes a while on a busy machine.
setDefaultTimeout(180_000);

let main: string;
beforeAll(async () => {
  main = await compiledMock();
});

const notFoundRequest = JSON.stringify({
  auth: { basic: { username: 'foo', password: 'bar' } },
  request: { account_id: 'nope' },
  settings: { host: 'acme.test' },
});
const notFound = { message: "No account with id 'nope'.", error_code: 'not_found' };

function withTemp(fn: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faults-'));
    try {
      await fn(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

describe('1. a failing stderr never costs the answer', () => {
  for (const [label, env] of [
    ['an error logged at the default level', {}],
    ['every call at INFO', { LUMOS_LOG_LEVEL: 'INFO' }],
    ["a bad level's warning", { LUMOS_LOG_LEVEL: 'LOUD' }],
  ] as const) {
    for (const stderr of ['full', 'closed', 'broken'] as const) {
      test(`${label}, stderr ${{ full: 'on /dev/full', closed: 'closed', broken: 'a pipe whose reader has gone' }[stderr]}: exit 0 with the not_found envelope`, async () => {
        const run = await runMain(main, ['get_account', '--json', notFoundRequest], { env, stderr });
        expect({ exitCode: run.exitCode, error: JSON.parse(run.stdout || 'null')?.error }).toMatchObject({ exitCode: 0, error: notFound });
      });
    }
  }

  test(
    'an unwritable log directory and a full stderr: still the envelope',
    withTemp(async (dir) => {
      writeFileSync(join(dir, 'file'), '');
      const run = await runMain(main, ['get_account', '--json', notFoundRequest], {
        env: { LUMOS_LOG_LEVEL: 'DEBUG', LUMOS_LOG_DIRECTORY: join(dir, 'file', 'logs') },
        stderr: 'full',
      });
      expect({ exitCode: run.exitCode, error: JSON.parse(run.stdout || 'null')?.error }).toMatchObject({ exitCode: 0, error: notFound });
    }),
  );
});

describe('2. a failing stdout is one line, never a trace', () => {
  for (const args of [['info'], ['get_account', '--json', notFoundRequest]]) {
    test(`${args[0]} with stdout on /dev/full: exit 1 and one line`, async () => {
      const run = await runMain(main, args, { stdout: 'full' });
      expect({ exitCode: run.exitCode, last: run.stderr.split('\n').at(-2) }).toEqual({
        exitCode: 1,
        last: 'mock-connector: cannot write the answer to stdout: ENOSPC.',
      });
      expect(contractProblems(run, [], { stdout: 'full' })).toEqual([]);
    });
    test(`${args[0]} with stdout a pipe whose reader has gone: exit 1 and one line (EPIPE)`, async () => {
      const run = await runMain(main, args, { stdout: 'broken' });
      expect({ exitCode: run.exitCode, last: run.stderr.split('\n').at(-2) }).toEqual({
        exitCode: 1,
        last: 'mock-connector: cannot write the answer to stdout: EPIPE.',
      });
      expect(contractProblems(run, [], { stdout: 'broken' })).toEqual([]);
    });
  }
});

describe('3. usage errors never echo a request', () => {
  const request = JSON.stringify({ auth: { basic: { username: 'foo', password: 'hunter2-in-argv' } } });
  test('a request where --json belongs: named as a JSON document', async () => {
    const run = await runMain(main, ['validate_credentials', request]);
    expect({ exitCode: run.exitCode, stdout: run.stdout, last: run.stderr.trimEnd().split('\n').at(-1) }).toEqual({
      exitCode: 2,
      stdout: '',
      last: `mock-connector: unexpected argument (a JSON document of ${request.length} characters — did you forget --json?).`,
    });
    expect(run.stderr).not.toContain('hunter2');
  });

  test('a request where the capability belongs: named as a JSON document', async () => {
    const run = await runMain(main, [request]);
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 2, stdout: '' });
    expect(run.stderr).toStartWith(
      `mock-connector: unknown command (a JSON document of ${request.length} characters — did you forget --json?). Commands: info, `,
    );
    expect(run.stderr).not.toContain('hunter2');
  });
});

describe('4. secret values of every JSON type are masked in messages and logs', () => {
  const values: [string, unknown, string][] = [
    ['a number', 86753094471234, '86753094471234'],
    ['a boolean', false, 'false'],
    ['an object', { pin: 'nested-secret-9' }, 'nested-secret-9'],
    ['an array', ['listed-secret-7'], 'listed-secret-7'],
  ];
  for (const [label, value, shown] of values) {
    for (const level of ['ERROR', 'INFO', 'DEBUG']) {
      test(`${label} as a password, at ${level}`, async () => {
        const request = JSON.stringify({ auth: { basic: { username: 'foo', password: value } }, request: {}, settings: { host: 'acme.test' } });
        const run = await runMain(main, ['validate_credentials', '--json', request], { env: { LUMOS_LOG_LEVEL: level } });
        expect(contractProblems(run)).toEqual([]);
        expect(JSON.parse(run.stdout).error.error_code).toBe('bad_request');
        expect(run.stdout).not.toContain(shown);
        expect(run.stderr).not.toContain(shown);
        if (level !== 'ERROR') expect(run.stderr).toContain('REDACTED');
      });
    }
  }

  for (const level of ['ERROR', 'INFO', 'DEBUG']) {
    test(`a password holding a lone surrogate still gets its envelope, masked, at ${level} (the URL encoder threw on it)`, async () => {
      const password = 'lone\ud800surrogate-1234';
      const request = JSON.stringify({ auth: { basic: { username: 'foo', password } }, request: { account_id: 'nope' }, settings: { host: 'acme.test' } });
      const run = await runMain(main, ['get_account', '--json', request], { env: { LUMOS_LOG_LEVEL: level } });
      expect(contractProblems(run)).toEqual([]);
      expect({ exitCode: run.exitCode, error: JSON.parse(run.stdout || 'null')?.error }).toMatchObject({ exitCode: 0, error: notFound });
      expect(run.stderr).not.toContain('surrogate-1234');
    });
  }
});

describe('5 and 6. result files: any legal name, no leftovers', () => {
  test(
    'a 243-character name is written',
    withTemp(async (dir) => {
      const target = join(dir, `${'n'.repeat(240)}.gz`);
      const run = await runMain(main, ['get_account', '--json', notFoundRequest, '--result-file-path', target]);
      expect({ exitCode: run.exitCode, stdout: run.stdout, files: readdirSync(dir) }).toEqual({ exitCode: 0, stdout: '', files: [`${'n'.repeat(240)}.gz`] });
      expect(JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(target)))).error).toMatchObject(notFound);
    }),
  );

  test('an unwritable directory reports the first error in one line', async () => {
    const run = await runMain(main, ['info', '--result-file-path', '/proc/no-such-dir/out.gz']);
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 1, stdout: '' });
    expect(run.stderr).toMatch(/^mock-connector: cannot write --result-file-path "\/proc\/no-such-dir\/out\.gz": ENOENT[^\n]*\n$/);
    expect(run.stderr).not.toContain(' rm ');
  });

  test(
    'stale temporaries of the same target are removed, live ones and others kept',
    withTemp(async (dir) => {
      const target = join(dir, 'out.gz');
      // A pid far above pid_max is never a live process.
      const dead = '.out.gz.99999999.mk0abc12.tmp';
      const live = `.out.gz.${process.pid}.mk0abc13.tmp`;
      const other = '.other.gz.99999999.mk0abc12.tmp';
      for (const name of [dead, live, other]) writeFileSync(join(dir, name), 'partial');
      const run = await runMain(main, ['info', '--result-file-path', target]);
      expect({ exitCode: run.exitCode, files: readdirSync(dir).sort() }).toEqual({ exitCode: 0, files: [live, other, 'out.gz'].sort() });
    }),
  );

  test(
    'kill -9 during a large write leaves no partial target, and the next write cleans up',
    withTemp(async (dir) => {
      const target = join(dir, 'accounts.gz');
      const request = JSON.stringify({
        auth: { basic: { username: 'foo', password: 'bar' } },
        request: {},
        settings: { host: 'acme.test', account_count: 1000 },
        page: { size: 1000 },
        include_raw_data: true,
      });
      for (const delay of [5, 20, 40, 80, 160, 320]) {
        const child = Bun.spawn([main, 'list_accounts', '--json', request, '--result-file-path', target], { stdout: 'ignore', stderr: 'ignore' });
        await Bun.sleep(delay);
        child.kill(9);
        await child.exited;
        // Either no target, or a complete one from an earlier round: never half a file.
        const names = readdirSync(dir);
        if (names.includes('accounts.gz')) expect(JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(target)))).response.length).toBe(1000);
      }
      const run = await runMain(main, ['info', '--result-file-path', target]);
      expect(run.exitCode).toBe(0);
      expect(readdirSync(dir)).toEqual(['accounts.gz']);
      expect(statSync(target).size).toBeGreaterThan(0);
    }),
  );
});

describe('7. handler errors carry no source excerpt', () => {
  test(
    "a TypeError's message keeps its words and drops the engine's excerpt of minified code",
    withTemp(async (dir) => {
      const stateFile = join(dir, 'state.json');
      writeFileSync(stateFile, JSON.stringify({ deleted: {} }));
      const request = JSON.stringify({
        auth: { basic: { username: 'foo', password: 'bar' } },
        request: { email: 'ada@acme.test', entitlements: [] },
        settings: { host: 'acme.test', state_file: stateFile },
      });
      const run = await runMain(main, ['create_account', '--json', request]);
      expect(contractProblems(run)).toEqual([]);
      const message: string = JSON.parse(run.stdout).error.message;
      expect(message).toMatch(/\.filter is not a function\.?$/);
      expect(message).not.toContain('(In ');
    }),
  );
});

describe('8. masking is linear in the text, whatever the number of secrets', () => {
  test(
    '10,000 secret values and a 10 MB field at INFO answer within seconds',
    withTemp(async (dir) => {
      const secrets = Array.from({ length: 10_000 }, (_, index) => ({ password: `secret-value-${index.toString().padStart(5, '0')}` }));
      const big = `${'x'.repeat(10 * 1024 * 1024)}secret-value-00042`;
      const file = join(dir, 'request.json');
      writeFileSync(
        file,
        JSON.stringify({ auth: { basic: { username: 'foo', password: 'bar' } }, request: {}, settings: { host: 'acme.test', vault: secrets, note: big } }),
      );
      const started = performance.now();
      const run = await runMain(main, ['validate_credentials', '--json-file', file], { env: { LUMOS_LOG_LEVEL: 'INFO' }, timeoutMs: 60_000 });
      const seconds = (performance.now() - started) / 1000;
      expect(contractProblems(run, ['secret-value-00042', 'secret-value-09999'])).toEqual([]);
      expect(run.stderr).toContain('xxxxREDACTED');
      // A generous bound for a loaded machine; the quadratic masking took minutes.
      expect(seconds).toBeLessThan(30);
    }),
  );
});
