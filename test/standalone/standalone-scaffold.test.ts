import { expect, test } from 'bun:test';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { extractArchive } from '../../src/compile/extract-archive.ts';
import { connector, repositoryRoot, runProgram, type Finished } from '../command/connector-command.ts';
import { fixtureFor, startFakeApiProcess } from './scaffolded-project.ts';

// A connector in its own repository, as a user outside this one gets it: the SDK packed with `npm pack`,
// a project scaffolded in a temporary folder (outside this repository) against that tarball, and the
// project's README commands run there with only Node and npm on PATH (no bun: npm install brings it).
const work = mkdtempSync(join(tmpdir(), 'standalone-scaffold-'));

const sdkVersion = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** Only the folders node and npm live in, and the system's: no node_modules/.bin, no bun. */
const toolFolders = ['node', 'npm'].map((tool) => Bun.which(tool)).flatMap((path) => (path ? [dirname(path)] : []));
const env = {
  PATH: [...new Set([...toolFolders, '/usr/bin', '/bin'])].join(':'),
  HOME: process.env['HOME'],
  TMPDIR: process.env['TMPDIR'],
  LANG: 'C.UTF-8',
  CI: process.env['CI'],
};
// Offline from the npm cache when it holds everything (it does after the repository's own npm ci).
const npm = (args: string[], cwd: string) => runProgram(['npm', ...args, '--no-audit', '--no-fund', '--prefer-offline'], cwd, env);

function ok(step: string, finished: Finished): Finished {
  if (finished.exitCode !== 0) throw new Error(`${step} exited ${finished.exitCode}:\n${finished.stdout}\n${finished.stderr}`);
  return finished;
}

test('a scaffold outside the repository installs the packed SDK and its README commands test (on the testing kit), check, type-check and build the archive', async () => {
  // Removed here rather than in afterAll: deleting two node_modules outlasts a hook's 5 s on a busy machine.
  await using _cleanup = { [Symbol.asyncDispose]: async () => rmSync(work, { recursive: true, force: true }) };
  expect(Bun.which('bun', { PATH: env.PATH })).toBeNull();

  // The tarball holds what a connector needs and nothing of the repository's tests or fixtures.
  const packed = ok('npm pack', await runProgram(['npm', 'pack', '--json', '--pack-destination', work], repositoryRoot, env));
  const [manifest] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  const tarball = join(work, manifest.filename);
  const paths = manifest.files.map((file) => file.path);
  expect(paths).toEqual(
    expect.arrayContaining(['package.json', 'LICENSE', 'README.md', 'src/index.ts', 'src/cli/connector.ts', 'src/scaffold/templates/src/main.ts.tmpl']),
  );
  // The testing kit the scaffold's tests import, and the check behind `npm run check`.
  expect(paths).toEqual(
    expect.arrayContaining([
      'src/testing/index.ts',
      'src/testing/record-http.ts',
      'src/check/check-command.ts',
      'src/scaffold/templates/test/cassettes/list-accounts.json.tmpl',
    ]),
  );
  expect(paths.filter((path) => /\.test(-d)?\.ts$|^test\/|^connectors\/|^scripts\/|fixture/.test(path))).toEqual([]);

  const project = join(work, 'acme-hr');
  const scaffolded = ok(
    'scaffold',
    await connector(['scaffold', 'Acme HR', project, '--sdk', tarball, '--author-name', 'Ada', '--author-email', 'ada@acme.test'], work),
  );
  expect(scaffolded.stderr).toContain('Generated the Acme HR connector');
  expect(scaffolded.stderr).toContain('Next: cd acme-hr && npm install && npm test');
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  expect(pkg.dependencies['lumos-connector-sdk']).toBe(`file:${tarball}`);
  expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/bun', 'bun', 'typescript']);
  expect(JSON.stringify(JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8')))).not.toContain(repositoryRoot);
  const readme = readFileSync(join(project, 'README.md'), 'utf8');
  expect(readme).toContain('npm install && npm test');
  expect(readme).toContain('npm install && npm run build');
  expect(readme).toContain('LUMOS_RECORD_HTTP=1 RECORD_BASE_URL=');
  expect(readme).toContain('npm run check');
  expect(readme).toContain('connector-check.json');
  expect(pkg.scripts).toMatchObject({ check: 'connector check .', 'fake-api': 'bun test/fake-api-server.ts' });

  // The README's two commands.
  ok('npm install', await npm(['install'], project));
  const tested = ok('npm test', await runProgram(['npm', 'test'], project, env));
  expect(tested.stderr).toContain(' 0 fail');
  // Its tests run on the packed testing kit: the harness, a cassette replayed with no server, the check.
  expect(tested.stderr).toContain('(pass) read capabilities > list_accounts walks every page and stops after the last');
  expect(tested.stderr).toContain('(pass) list_accounts walks the recorded pages of the cassette, with no server');
  expect(tested.stderr).toContain('(pass) the connector passes the conformance check');

  // The README's check: the fake API on its own, connector-check.json pointed at it, `npm run check`.
  {
    await using api = await startFakeApiProcess(join(project, 'node_modules', '.bin', 'bun'), project, env);
    const fixture = fixtureFor(project, api.url, join(work, 'check-fixture.json'));
    const checked = ok('npm run check', await runProgram(['npm', 'run', 'check', '--', '--fixture', fixture], project, env));
    expect(checked.stdout).toContain('PASS list_accounts');
    expect(checked.stdout).not.toContain('FAIL');
  }
  ok('npm run typecheck', await runProgram(['npm', 'run', 'typecheck'], project, env));
  const built = ok('npm run build', await runProgram(['npm', 'run', 'build'], project, env));
  const archive = join(project, 'build', 'acme-hr-0.1.0.tar.gz');
  expect(built.stdout.trim().split('\n').at(-1)).toBe(archive);

  // The unpacked archive answers info as the agent would run it.
  const unpacked = join(work, 'unpacked');
  await extractArchive(archive, unpacked);
  expect(readdirSync(unpacked).sort()).toEqual(['THIRD_PARTY_LICENSES.txt', 'main', 'metadata.toml']);
  const info = ok('main info', await runProgram([join(unpacked, 'main'), 'info'], unpacked, env));
  expect(JSON.parse(info.stdout).response).toMatchObject({ app_id: 'acme-hr', version: '0.1.0' });

  // The installed SDK's own command: a second scaffold from it depends on the version being run.
  const second = join(work, 'second-app');
  ok(
    'npx connector scaffold',
    await runProgram(
      ['npx', '--no-install', 'connector', 'scaffold', 'second-app', second, '--author-name', 'Ada', '--author-email', 'ada@acme.test'],
      project,
      env,
    ),
  );
  expect(JSON.parse(readFileSync(join(second, 'package.json'), 'utf8')).dependencies['lumos-connector-sdk']).toBe(sdkVersion);
  expect(existsSync(join(second, '.gitignore'))).toBe(true);
}, 900_000);
