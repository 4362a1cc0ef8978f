import { beforeAll, expect, setDefaultTimeout, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledMock, contractProblems, runMain, type RunMainOptions, type Stream } from './compiled-mock.ts';
import { seededRandom as random } from '../support/seeded-random.ts';

/**
 * A seeded fault-and-fuzz run of the compiled mock connector: mutated requests for several
 * capabilities, mistaken argv and hostile surroundings, each checked against the executable's
 * contract. CI runs a few hundred cases with a fixed seed; `FAULTS_COUNT` and `FAULTS_SEED` ask
 * for a longer or different run, and a failure names the seed and case to replay it.
 */
const seed = Number(process.env['FAULTS_SEED'] ?? 20261201);
const count = Number(process.env['FAULTS_COUNT'] ?? 300);
const parallel = 4;

setDefaultTimeout(600_000);

let main: string;
beforeAll(async () => {
  main = await compiledMock();
});

interface Case {
  label: string;
  args: string[];
  options: RunMainOptions;
  secrets: string[];
  /** Written to `filePath` before the run, for `--json-file`. */
  file?: { path: string; bytes: Uint8Array };
  /** The result file the run writes, when it is given one. */
  resultFile?: string;
}

const bases: [capability: string, request: Record<string, unknown>][] = [
  ['validate_credentials', {}],
  ['list_accounts', {}],
  ['get_account', { account_id: 'acct-00001' }],
  ['create_account', { email: 'ada@acme.test', entitlements: [] }],
  ['update_account', { account_id: 'acct-00002', given_name: 'Ada' }],
  ['find_entitlement_associations', {}],
  ['list_entitlements', {}],
];

function deep(depth: number, object: boolean): unknown {
  let value: unknown = 'bottom';
  for (let index = 0; index < depth; index++) value = object ? { a: value } : [value];
  return value;
}

function makeCase(index: number, work: string): Case {
  const next = random(seed * 1_000_003 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const label: string[] = [];
  const [capability, request] = pick(bases);
  label.push(capability);

  // A secret of some JSON type under a secret key, which must never show.
  const canary = `canary${index}x${Math.floor(next() * 1e9).toString(36)}`;
  const numeric = 70_000_000_000_000 + Math.floor(next() * 1e12);
  const secretKind = pick(['string', 'number', 'object', 'array'] as const);
  const secretValue = secretKind === 'string' ? canary : secretKind === 'number' ? numeric : secretKind === 'object' ? { inner: canary } : [canary];
  const secrets = [secretKind === 'number' ? String(numeric) : canary];
  label.push(`${secretKind} secret`);
  const envelope: Record<string, any> = {
    auth: { basic: { username: 'foo', password: 'bar' } },
    request: structuredClone(request),
    settings: { host: 'acme.test', account_count: 40 },
    page: { size: 7 },
  };
  if (next() < 0.5) envelope['auth'].basic.password = secretValue;
  else envelope['settings'].api_token = secretValue;

  const wrongValues: [string, () => unknown][] = [
    ['0', () => 0],
    ['-1', () => -1],
    ['1.5', () => 1.5],
    ['true', () => true],
    ['null', () => null],
    ['""', () => ''],
    ['[]', () => []],
    ['{}', () => ({})],
    ['a 1 MB string', () => 'x'.repeat(1024 * 1024)],
    ['1e308', () => 1e308],
    ['deep arrays', () => deep(3000, false)],
    ['deep objects', () => deep(3000, true)],
    ['odd unicode', () => '\u0000\ud800\u202e\uffff'],
  ];
  const mutations = 1 + Math.floor(next() * 3);
  let text: string | undefined;
  for (let step = 0; step < mutations; step++) {
    const kind = next();
    if (kind < 0.45) {
      // A wrong type at some depth of the envelope.
      const path: string[] = [];
      let node: any = envelope;
      while (typeof node === 'object' && node !== null && Object.keys(node).length > 0 && next() < 0.7) {
        const key = pick(Object.keys(node));
        path.push(key);
        if (typeof node[key] !== 'object' || node[key] === null) break;
        node = node[key];
      }
      const [name, make] = pick(wrongValues);
      if (path.length === 0) path.push(pick(['request', 'auth', 'settings', 'page', 'include_raw_data']));
      let parent: any = envelope;
      for (const key of path.slice(0, -1)) parent = parent[key];
      if (typeof parent === 'object' && parent !== null) parent[path.at(-1)!] = make();
      label.push(`${path.join('.')}=${name}`);
    } else if (kind < 0.6) {
      const key = pick(Object.keys(envelope));
      delete envelope[key];
      label.push(`no ${key}`);
    } else if (kind < 0.8) {
      const token = pick([
        () => Buffer.from(JSON.stringify({ v: 1, offset: Math.floor(next() * 1e9) })).toString('base64url'),
        () =>
          Buffer.from(JSON.stringify({ v: 1, offset: 7 }))
            .toString('base64url')
            .slice(0, 5),
        () => 'v1.' + 'A'.repeat(Math.floor(next() * 64)),
        () => '%%%not-base64%%%',
        () => 'x'.repeat(100_000),
      ])();
      envelope['page'] = { token, size: pick([7, 0, -1, 1e9, 1.5, '7', null]) };
      label.push(`page ${JSON.stringify(envelope['page']).slice(0, 40)}`);
    } else if (kind < 0.9) {
      envelope['surprise'] = pick(wrongValues)[1]();
      label.push('unknown key');
    } else {
      text = JSON.stringify(envelope);
      const cut = Math.floor(next() * text.length);
      text = pick([() => text!.slice(0, cut), () => `${text!.slice(0, cut)}\u0000${text!.slice(cut)}`, () => pick(['null', '[]', '7', '"s"', ''])])();
      label.push('raw text');
    }
  }
  text ??= JSON.stringify(envelope);

  const options: RunMainOptions = { env: {}, timeoutMs: 60_000 };
  let args = [capability, '--json', text];
  let file: { path: string; bytes: Uint8Array } | undefined;
  let resultFile: string | undefined;
  // argv cannot carry a NUL byte or one argument over 128 KiB: such a request goes through a file.
  const viaFile = text.includes('\u0000') || text.length > 100_000;
  if (next() < 0.2 || viaFile) {
    // Bytes that are not UTF-8, through --json-file (argv cannot carry them).
    const bytes = Buffer.from(text, 'utf8');
    const at = Math.floor(next() * bytes.length);
    const invalid = next() < 0.5;
    const path = join(work, `request-${index}.json`);
    file = {
      path,
      bytes: invalid
        ? Buffer.concat([bytes.subarray(0, at), Buffer.from(pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xef, 0xbb, 0xbf]])), bytes.subarray(at)])
        : bytes,
    };
    args = [capability, '--json-file', path];
    label.push(invalid ? 'invalid UTF-8 file' : 'file');
  }
  if (next() < 0.15 && !viaFile) {
    const mistake = pick([
      () => [capability, text!],
      () => [text!],
      () => [capability],
      () => [capability, '--json', text!, '--json', text!],
      () => [capability, '--jsn', text!],
      () => [capability.replaceAll('_', '-'), '--json', text!],
      () => ['', '--json', text!],
      () => [capability, `--json=${text}`, '--use-proxy=1'],
    ])();
    args = mistake;
    label.push(`argv ${mistake.length}`);
  }
  if (next() < 0.15) {
    const target = pick([
      () => join(work, `out-${index}.gz`),
      () => join(work, `${'n'.repeat(240)}-${index}.gz`),
      () => join(work, `${'n'.repeat(300)}.gz`),
      () => join(work, 'missing-dir', `out-${index}.gz`),
      () => join(work, `out-${index}.json`),
    ])();
    args.push('--result-file-path', target);
    resultFile = target;
    label.push('result file');
  }
  const env = options.env!;
  if (next() < 0.3) {
    env['LUMOS_LOG_LEVEL'] = pick(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL', 'debug', 'LOUD', '', ' INFO ', '\u00e9\u00e9', 'x'.repeat(10_000)]);
    label.push(`level ${env['LUMOS_LOG_LEVEL'].slice(0, 10)}`);
  }
  if (next() < 0.1) {
    env['LUMOS_LOG_DIRECTORY'] = pick(['/proc/no/such/dir', join(work, 'a-file-not-a-dir'), join(work, `logs-${index}`)]);
    env['LUMOS_LOG_TO_STDOUT'] = pick(['true', 'false', 'maybe']);
    label.push('log directory');
  }
  if (next() < 0.05) env['LUMOS_ADDITIONAL_REDACTED_LOG_KEYS'] = pick([',,,', 'host,page', '\u0001\u00e9']);
  const streams: Stream[] = ['pipe', 'full', 'closed', 'broken'];
  if (next() < 0.15) {
    options.stderr = pick(streams);
    label.push(`stderr ${options.stderr}`);
  }
  if (next() < 0.08) {
    options.stdout = pick(streams);
    label.push(`stdout ${options.stdout}`);
  }
  return { label: label.join(', '), args, options, secrets, ...(file ? { file } : {}), ...(resultFile ? { resultFile } : {}) };
}

async function check(item: Case, work: string): Promise<string[]> {
  if (item.file) writeFileSync(item.file.path, item.file.bytes);
  const run = await runMain(main, item.args, { ...item.options, cwd: work });
  const problems = contractProblems(run, item.secrets, {
    stdout: item.resultFile ? 'full' : (item.options.stdout ?? 'pipe'),
    stderr: item.options.stderr ?? 'pipe',
  });
  if (item.resultFile && run.exitCode === 0 && item.options.stdout !== 'full') {
    if (run.stdout !== '') problems.push('a result file and something on stdout');
    if (!existsSync(item.resultFile)) problems.push('exit 0 without the result file');
    else {
      const text = new TextDecoder().decode(Bun.gunzipSync(readFileSync(item.resultFile)));
      if (!('response' in JSON.parse(text))) problems.push('the result file is not an envelope');
      for (const secret of item.secrets) if (text.includes(secret)) problems.push(`secret ${secret} in the result file`);
    }
  }
  return problems;
}

test(`${count} seeded fault and fuzz cases (seed ${seed}) keep the contract`, async () => {
  const work = mkdtempSync(join(tmpdir(), 'faults-fuzz-'));
  writeFileSync(join(work, 'a-file-not-a-dir'), '');
  mkdirSync(join(work, 'logs'), { recursive: true });
  try {
    const failures: string[] = [];
    let nextIndex = 0;
    const worker = async () => {
      while (nextIndex < count) {
        const index = nextIndex++;
        const item = makeCase(index, work);
        const problems = await check(item, work);
        if (problems.length > 0) failures.push(`FAULTS_SEED=${seed} case ${index} (${item.label}): ${problems.join('; ')}`);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    expect(failures).toEqual([]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
