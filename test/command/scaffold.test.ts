import { afterAll, describe, expect, test } from 'bun:test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureFor, stableCassette, startFakeApiProcess } from '../standalone/scaffolded-project.ts';
import { connector, repositoryRoot, runProgram } from './connector-command.ts';

// Inside the repository (in the git-ignored build/), so the generated code finds the SDK and its
// dependencies the way a connector under connectors/ does.
mkdirSync(join(repositoryRoot, 'build'), { recursive: true });
const work = mkdtempSync(join(repositoryRoot, 'build', '.scaffold-test-'));
const directory = join(work, 'acme-hr');
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('connector scaffold', () => {
  test('generates a connector that type-checks, passes its own tests and compiles, without edits', async () => {
    const generated = await connector(['scaffold', 'acme-hr', directory]);
    expect(generated).toMatchObject({ exitCode: 0, stdout: `${directory}\n` });
    expect(generated.stderr).toContain('Generated the Acme Hr connector');

    const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'acme-hr', version: '0.1.0', bin: { 'acme-hr': './src/main.ts' }, module: './src/main.ts' });
    // Inside the repository it is a workspace: the SDK comes through tsconfig paths, `connector` from the repository.
    expect(manifest.dependencies['lumos-connector-sdk']).toBeUndefined();
    expect(manifest.scripts.build).toMatch(/^bun (\.\.\/)+src\/cli\/connector\.ts compile-on-prem --connector-root-module-dir \.$/);
    expect(generated.stderr).toContain('Next: npm install (the new workspace package needs it), then cd ');
    // stdin is not a terminal here: no prompt, the author comes from git or a placeholder.
    expect(manifest.author).toMatch(/^.+ <.+@.+>$/);
    expect(manifest.scripts.check).toMatch(/^bun (\.\.\/)+src\/cli\/connector\.ts check \.$/);
    for (const file of [
      'src/main.ts',
      'src/integration.ts',
      'src/settings.ts',
      'src/client.ts',
      'src/capabilities-read.ts',
      'src/capabilities-write.ts',
      'test/fake-api.ts',
      'connector-check.json',
    ]) {
      expect(existsSync(join(directory, file))).toBe(true);
    }
    expect(readFileSync(join(directory, 'src/client.ts'), 'utf8')).toContain("from 'lumos-connector-sdk/http'");

    const typecheck = await runProgram([join(repositoryRoot, 'node_modules', '.bin', 'tsc'), '--noEmit', '-p', directory]);
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.exitCode).toBe(0);

    const tested = await runProgram([process.execPath, 'test'], directory);
    expect(tested.stderr).toContain(' 0 fail');
    expect(tested.stderr).toMatch(/ (1[0-9]|[2-9][0-9]) pass/);
    expect(tested.exitCode).toBe(0);
    // The tests are written on the testing kit, not on dispatch.
    for (const file of ['test/capabilities-read.test.ts', 'test/capabilities-write.test.ts']) {
      const text = readFileSync(join(directory, file), 'utf8');
      expect(text).toContain('harnessFor(api)');
      expect(text).not.toContain('dispatch(');
    }
    expect(readFileSync(join(directory, 'test/fake-api.ts'), 'utf8')).toContain(
      "import { connectorHarness, type ConnectorHarness } from 'lumos-connector-sdk/testing';",
    );
    expect(tested.stderr).toContain('(pass) the connector passes the conformance check');
    expect(tested.stderr).toContain('(pass) list_accounts walks the recorded pages of the cassette, with no server');

    const compiled = await connector([
      'compile-on-prem',
      '--app-id',
      'acme-hr',
      '--connector-root-module-dir',
      directory,
      '--output-directory',
      join(work, 'out'),
    ]);
    expect(compiled.exitCode).toBe(0);
    expect(compiled.stdout).toBe(`${join(work, 'out', 'acme-hr-0.1.0.tar.gz')}\n`);
    expect(compiled.stderr).toContain('Checked: the unpacked main answers info (version 0.1.0');
    expect(compiled.stderr).toContain('ofetch');
  }, 180_000);

  test('the scaffolded cassette is what the testing kit records against the fake API, scrubbed', async () => {
    const project = join(work, 'recorded');
    expect((await connector(['scaffold', 'acme-hr', project, '--author-name', 'A', '--author-email', 'a@example.com'])).exitCode).toBe(0);
    const cassette = join(project, 'test', 'cassettes', 'list-accounts.json');
    const committed = readFileSync(cassette, 'utf8');
    expect(committed).not.toContain('test-token');
    expect(committed).not.toContain('@example.com');
    rmSync(cassette);
    const recorded = await runProgram([process.execPath, 'test', 'test/recorded.test.ts'], project, { ...process.env, LUMOS_RECORD_HTTP: '1' });
    expect(recorded.stderr).toContain(' 1 pass');
    // Only the fake API's port and the Date header differ from one recording to the next.
    expect(stableCassette(readFileSync(cassette, 'utf8'))).toEqual(stableCassette(committed));
  }, 60_000);

  test('connector check passes the scaffold against its fake API, with connector-check.json pointed at it', async () => {
    await using api = await startFakeApiProcess(process.execPath, directory);
    const fixture = fixtureFor(directory, api.url, join(work, 'check-fixture.json'));
    const checked = await connector(['check', directory, '--fixture', fixture]);
    expect(checked.stdout).toContain('PASS list_accounts');
    expect(checked.stdout).not.toContain('FAIL');
    expect(checked.exitCode).toBe(0);
  }, 120_000);

  test('keeps existing files unless --force, and writes nothing then', async () => {
    const target = join(work, 'existing');
    mkdirSync(join(target, 'src'), { recursive: true });
    writeFileSync(join(target, 'src', 'client.ts'), '// mine\n');
    const refused = await connector(['scaffold', 'existing', target, '--author-name', 'A', '--author-email', 'a@example.com']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim()).toBe(`connector: ${join(target, 'src/client.ts')} already exist(s): pass --force to overwrite.`);
    expect(readFileSync(join(target, 'src', 'client.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(join(target, 'package.json'))).toBe(false);

    const forced = await connector(['scaffold', 'existing', target, '--force', '--author-name', 'Ada Lovelace', '--author-email', 'ada@example.com']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(join(target, 'src', 'client.ts'), 'utf8')).toContain('createClient');
    expect(JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')).author).toBe('Ada Lovelace <ada@example.com>');
  });

  test('a failure removes what it wrote', async () => {
    const target = join(work, 'blocked');
    // A file where the generator needs the folder test/ makes writing fail part-way.
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, 'test'), 'not a folder\n');
    const failed = await connector(['scaffold', 'blocked', target, '--force']);
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr.trim()).toStartWith('connector: could not write the connector into ');
    expect(readFileSync(join(target, 'test'), 'utf8')).toBe('not a folder\n');
    expect(existsSync(join(target, 'package.json'))).toBe(false);
    expect(existsSync(join(target, 'src'))).toBe(false);
  });

  test("--sdk inside the repository is a usage error (2): a workspace uses the repository's SDK", async () => {
    const failed = await connector(['scaffold', 'inside', join(work, 'inside'), '--sdk', '1.0.0']);
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr).toContain('--sdk applies to a project outside the SDK');
    expect(existsSync(join(work, 'inside'))).toBe(false);
  });

  test('a name that is not a name is a usage error (2)', async () => {
    const failed = await connector(['scaffold', '42-things', join(work, 'bad-name')]);
    expect(failed.exitCode).toBe(2);
    expect(failed.stderr.trim()).toBe(
      'connector: the name "42-things" must start with a letter and hold letters and digits, e.g. acme-hr. Run \'connector scaffold --help\' for usage.',
    );
    expect(existsSync(join(work, 'bad-name'))).toBe(false);
  });
});
