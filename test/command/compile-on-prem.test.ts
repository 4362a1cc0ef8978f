import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { list } from 'tar';
import { extractArchive } from '../../src/compile/extract-archive.ts';
import { embeddedExecArgv } from '../tls/embedded-exec-argv.ts';
import { connector, repositoryRoot, runProgram, type Finished } from './connector-command.ts';

const mockConnector = join(repositoryRoot, 'connectors', 'mock-connector');
const version = (JSON.parse(readFileSync(join(mockConnector, 'package.json'), 'utf8')) as { version: string }).version;
const installedVersion = (name: string) =>
  (JSON.parse(readFileSync(join(repositoryRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

interface Member {
  path: string;
  mode: number;
  size: number;
  text?: string;
}

/** The members of a .tar.gz in archive order, with their modes and (for small files) their text. */
async function tarMembers(archive: string): Promise<Member[]> {
  const members: Member[] = [];
  await list({
    file: archive,
    onReadEntry: (entry) => {
      const member: Member = { path: entry.path, mode: entry.mode ?? 0, size: entry.size ?? 0 };
      members.push(member);
      if (member.size < 1_000_000) {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => (member.text = Buffer.concat(chunks).toString('utf8')));
      }
    },
  });
  return members;
}

describe('connector compile-on-prem (linux-x64, the default)', () => {
  // The command runs in a scratch folder, so its default output folder `build/` lands there.
  const work = mkdtempSync(join(tmpdir(), 'compile-on-prem-test-'));
  let compiled: Finished;
  let archive: string;
  let members: Member[];

  beforeAll(async () => {
    compiled = await connector(
      // No --app-id: it defaults to the integration's own.
      [
        'compile-on-prem',
        '--connector-root-module-dir',
        mockConnector,
        '--data-file',
        'package.json',
        '--data-file',
        'src/settings.ts',
        '--data-file=package.json',
      ],
      work,
    );
    archive = compiled.stdout.trim();
    members = await tarMembers(archive);
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('prints only the archive path on stdout, progress on stderr, and exits 0', () => {
    expect(compiled.exitCode).toBe(0);
    expect(compiled.stdout).toBe(`${join(work, 'build', `mock-connector-${version}.tar.gz`)}\n`);
    expect(compiled.stderr).toContain('Compiling');
    expect(compiled.stderr).toContain(`Checked: the unpacked main answers info (version ${version}`);
    expect(compiled.stderr).not.toContain("agent's stock");
  });

  test("main is built to trust the operating system's CA store (--use-system-ca in its execArgv)", async () => {
    const folder = join(work, 'exec-argv');
    await extractArchive(archive, folder);
    expect(embeddedExecArgv(join(folder, 'main'))).toEqual(['--use-system-ca']);
  });

  test('holds exactly main (0770), metadata.toml, THIRD_PARTY_LICENSES.txt and the data files, once each', () => {
    expect(members.map(({ path, mode }) => [path, mode.toString(8)])).toEqual([
      ['main', '770'],
      ['metadata.toml', '644'],
      ['THIRD_PARTY_LICENSES.txt', '644'],
      ['package.json', '644'],
      ['src/settings.ts', '644'],
    ]);
    expect(members[0]!.size).toBeGreaterThan(10_000_000);
    expect(members.find((member) => member.path === 'metadata.toml')!.text).toBe(`[connector]\napp_id = "mock-connector_on_prem"\nversion = "${version}"\n`);
  });

  test('THIRD_PARTY_LICENSES.txt lists each bundled package with its installed version and licence text, and the Bun runtime', () => {
    const text = members.find((member) => member.path === 'THIRD_PARTY_LICENSES.txt')!.text!;
    for (const name of ['valibot', '@valibot/to-json-schema', 'citty', 'consola']) {
      expect(text).toContain(`\n${name} ${installedVersion(name)}\nLicense: MIT\n`);
    }
    expect(text).toContain('Copyright (c) Fabian Hiller'); // valibot's LICENSE.md
    expect(text).toContain('Copyright (c) Pooya Parsa'); // consola's LICENSE
    expect(text).toContain(`bun ${Bun.version} (the runtime inside the executable)`);
    // The mock connector does not use ofetch or OAuth, so neither they nor arctic's @oslojs packages are in the executable or listed.
    expect(text).not.toContain('\nofetch ');
    expect(text).not.toContain('\narctic ');
    expect(text).not.toContain('\n@oslojs/');
    expect(text).not.toContain('\nmock-connector ');
  });

  test('the unpacked executable answers info, and a capability through --json-file and --result-file-path', async () => {
    const folder = join(work, 'agent');
    await extractArchive(archive, folder);
    expect(statSync(join(folder, 'main')).mode & 0o100).toBe(0o100);
    expect(readFileSync(join(folder, 'src', 'settings.ts'), 'utf8')).toBe(readFileSync(join(mockConnector, 'src', 'settings.ts'), 'utf8'));

    const info = await runProgram([join(folder, 'main'), 'info'], folder);
    expect(info.exitCode).toBe(0);
    const document = JSON.parse(info.stdout) as { response: { app_id: string; version: string; capabilities: string[] } };
    expect(document.response).toMatchObject({ app_id: 'mock-connector', version });
    expect(document.response.capabilities).toContain('list_accounts');
    // info is computed at build time: it must be exactly what the connector answers from source.
    const fromSource = await runProgram([process.execPath, join(mockConnector, 'src', 'main.ts'), 'info'], folder);
    expect(info.stdout).toBe(fromSource.stdout);
    // A bare `info` is answered by the generated entry; with flags it goes through the connector: the same document.
    const intoFile = await runProgram([join(folder, 'main'), 'info', '--result-file-path', join(folder, 'info.gz')], folder);
    expect(intoFile).toMatchObject({ exitCode: 0, stdout: '' });
    expect(`${new TextDecoder().decode(Bun.gunzipSync(readFileSync(join(folder, 'info.gz'))))}\n`).toBe(fromSource.stdout);

    writeFileSync(
      join(folder, 'request.json'),
      JSON.stringify({
        auth: { basic: { username: 'u', password: 'p' } },
        request: {},
        settings: { host: 'example.com', account_count: 3 },
        page: { size: 2 },
      }),
    );
    const listed = await runProgram(
      [join(folder, 'main'), 'list_accounts', '--json-file', join(folder, 'request.json'), '--result-file-path', join(folder, 'result.gz')],
      folder,
    );
    expect(listed).toMatchObject({ exitCode: 0, stdout: '' });
    const result = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(join(folder, 'result.gz'))))) as {
      response: unknown[];
      page: { token: string; size: number };
    };
    expect(result.response).toHaveLength(2);
    expect(result.page).toMatchObject({ size: 2 });
  });
});

describe('connector compile-on-prem --target windows-x64', () => {
  const work = mkdtempSync(join(tmpdir(), 'compile-on-prem-windows-test-'));
  let compiled: Finished;
  let files: Record<string, Uint8Array>;

  beforeAll(async () => {
    compiled = await connector([
      'compile-on-prem',
      '--app-id',
      'mock-connector_on_prem',
      '--connector-root-module-dir',
      mockConnector,
      '--output-directory',
      work,
      '--target',
      'windows-x64',
    ]);
    files = compiled.exitCode === 0 ? unzipSync(readFileSync(compiled.stdout.trim())) : {};
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('yields a .zip whose main.exe is a PE executable, beside metadata.toml and the licences', () => {
    expect(compiled.exitCode).toBe(0);
    expect(compiled.stdout).toBe(`${join(work, `mock-connector_on_prem-${version}.zip`)}\n`);
    expect(compiled.stderr).toContain('does not run on this');
    expect(Object.keys(files)).toEqual(['main.exe', 'metadata.toml', 'THIRD_PARTY_LICENSES.txt']);
    expect(new TextDecoder().decode(files['main.exe']!.subarray(0, 2))).toBe('MZ');
    // No double suffix when the app id already ends in _on_prem.
    expect(new TextDecoder().decode(files['metadata.toml'])).toBe(`[connector]\napp_id = "mock-connector_on_prem"\nversion = "${version}"\n`);
  });

  test('main.exe carries --use-system-ca, so it trusts the Windows certificate store', () => {
    // The .exe cannot run here: read the options Bun built into its .bun section instead. The reader is
    // checked against compiled programs that print their own process.execArgv (test/tls/embedded-exec-argv.test.ts).
    const exe = join(work, 'main.exe');
    writeFileSync(exe, files['main.exe']!);
    expect(embeddedExecArgv(exe)).toEqual(['--use-system-ca']);
  });
});

describe('connector compile-on-prem of a connector whose app id is a stock connector of the agent', () => {
  const work = mkdtempSync(join(tmpdir(), 'compile-on-prem-stock-id-test-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test('warns on stderr that the agent may take it for its own connector, and still builds', async () => {
    const ldap = join(work, 'ldap');
    await Bun.write(join(ldap, 'package.json'), JSON.stringify({ name: 'ldap', version: '1.0.0' }));
    await Bun.write(
      join(ldap, 'src', 'main.ts'),
      `import { createIntegration, runConnector } from ${JSON.stringify(join(repositoryRoot, 'src', 'index.ts'))};\n` +
        "await runConnector(createIntegration({ appId: 'ldap', version: '1.0.0', description: { userFriendlyName: 'LDAP', categories: ['DEVELOPERS'] } }));\n",
    );
    const finished = await connector(['compile-on-prem', '--connector-root-module-dir', ldap, '--output-directory', work]);
    expect(finished.exitCode).toBe(0);
    expect(finished.stdout).toBe(`${join(work, 'ldap-1.0.0.tar.gz')}\n`);
    const warnings = finished.stderr.split('\n').filter((line) => line.includes("agent's stock"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(
      "the app id ldap is the id of the on-premise agent's stock ldap connector (ldap_on_prem): the agent's auto-update may take this connector for it and replace it. Choose an id of your own in createIntegration (e.g. acme-ldap) unless you mean to.",
    );
  }, 120_000);
});

describe('connector compile-on-prem failures: a non-zero exit, nothing on stdout, one line on stderr', () => {
  const work = mkdtempSync(join(tmpdir(), 'compile-on-prem-failure-test-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const compile = (...args: string[]) => connector(['compile-on-prem', '--app-id', 'mock-connector', '--output-directory', work, ...args]);
  /** The reason: the last line of stderr, and the only one from `connector:` (progress lines may come before it). */
  const oneLine = (finished: Finished) => {
    expect(finished.stdout).toBe('');
    const lines = finished.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('connector:'))).toEqual([lines.at(-1)!]);
    return lines.at(-1)!;
  };

  test('an unknown target is a usage error (2)', async () => {
    const finished = await compile('--connector-root-module-dir', mockConnector, '--target', 'solaris-sparc');
    expect(finished.exitCode).toBe(2);
    expect(oneLine(finished)).toStartWith(
      'connector: unknown --target "solaris-sparc": use one of linux-x64, linux-arm64, windows-x64, darwin-x64, darwin-arm64.',
    );
  });

  test('a folder without an entry point fails (1)', async () => {
    const empty = join(work, 'no-entry');
    await Bun.write(join(empty, 'package.json'), JSON.stringify({ name: 'no-entry', version: '1.0.0' }));
    const finished = await compile('--connector-root-module-dir', empty);
    expect(finished.exitCode).toBe(1);
    expect(oneLine(finished)).toMatch(/^connector: no entry point in .*no-entry: add src\/main\.ts, or name the entry in package\.json "module" or "bin"\.$/);
  });

  test('a package.json "module" that does not exist fails (1)', async () => {
    const broken = join(work, 'broken-module');
    await Bun.write(join(broken, 'package.json'), JSON.stringify({ name: 'broken', version: '1.0.0', module: './src/index.ts' }));
    const finished = await compile('--connector-root-module-dir', broken);
    expect(finished.exitCode).toBe(1);
    expect(oneLine(finished)).toContain('no entry point: package.json "module" names ./src/index.ts, which does not exist');
  });

  test('a missing data file fails (1)', async () => {
    const finished = await compile('--connector-root-module-dir', mockConnector, '--data-file', 'config/missing.json');
    expect(finished.exitCode).toBe(1);
    expect(oneLine(finished)).toBe('connector: --data-file config/missing.json does not exist in connectors/mock-connector.');
  });

  test('an absolute data file path is a usage error (2)', async () => {
    const finished = await compile('--connector-root-module-dir', mockConnector, '--data-file', join(mockConnector, 'package.json'));
    expect(finished.exitCode).toBe(2);
    expect(oneLine(finished)).toContain('is an absolute path: give it relative to --connector-root-module-dir.');
  });

  test("an --app-id other than the integration's and an unknown option are usage errors (2), and nothing is built", async () => {
    const wrong = await connector(['compile-on-prem', '--app-id', 'wrong-id', '--output-directory', work, '--connector-root-module-dir', mockConnector]);
    expect(wrong.exitCode).toBe(2);
    expect(oneLine(wrong)).toStartWith(
      'connector: --app-id wrong-id is not the integration\'s app id "mock-connector": leave --app-id out, or change appId in createIntegration.',
    );
    expect(await Bun.file(join(work, `wrong-id-${version}.tar.gz`)).exists()).toBe(false);
    const unknown = await compile('--connector-root-module-dir', mockConnector, '--out', 'x');
    expect(unknown.exitCode).toBe(2);
    expect(oneLine(unknown)).toStartWith('connector: compile-on-prem: unknown option --out.');
  });

  test('an executable that fails the check fails (1) before any path is printed, and leaves no archive', async () => {
    const drifted = join(work, 'drifted');
    await Bun.write(join(drifted, 'package.json'), JSON.stringify({ name: 'drifted', version: '2.0.0' }));
    await Bun.write(
      join(drifted, 'src', 'main.ts'),
      `import { createIntegration, runConnector } from ${JSON.stringify(join(repositoryRoot, 'src', 'index.ts'))};\n` +
        "await runConnector(createIntegration({ appId: 'drifted', version: '1.0.0', description: { userFriendlyName: 'Drifted', categories: ['DEVELOPERS'] } }));\n",
    );
    const finished = await connector(['compile-on-prem', '--app-id', 'drifted', '--output-directory', work, '--connector-root-module-dir', drifted]);
    expect(finished.exitCode).toBe(1);
    expect(oneLine(finished)).toBe(
      'connector: the built executable reports version "1.0.0" but package.json says "2.0.0": take the integration\'s version from package.json.',
    );
    expect(await Bun.file(join(work, 'drifted-2.0.0.tar.gz')).exists()).toBe(false);
  }, 60_000);

  test('a build error fails (1) and leaves no archive', async () => {
    const bad = join(work, 'bad-code');
    await Bun.write(join(bad, 'package.json'), JSON.stringify({ name: 'bad-code', version: '2.0.0' }));
    await Bun.write(join(bad, 'src', 'main.ts'), "import { nothing } from './does-not-exist.ts';\nnothing();\n");
    const finished = await compile('--connector-root-module-dir', bad);
    expect(finished.exitCode).toBe(1);
    expect(oneLine(finished)).toMatch(/^connector: the connector does not answer info from source \(.*Cannot find module/);
    expect(await Bun.file(join(work, 'mock-connector-2.0.0.tar.gz')).exists()).toBe(false);
  }, 30_000);
});
