// Records the scaffold's cassette template with the testing kit: scaffolds a connector into build/,
// runs its recorded test in record mode (LUMOS_RECORD_HTTP=1) against its fake API, and copies the
// scrubbed cassette the kit wrote to src/scaffold/templates/test/cassettes/list-accounts.json.tmpl.
// Run `npx bun scripts/record-scaffold-cassette.ts` after changing what the template's list_accounts sends.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scaffold } from '../src/scaffold/scaffold.ts';

const root = join(import.meta.dir, '..');
const cassette = join('test', 'cassettes', 'list-accounts.json');
mkdirSync(join(root, 'build'), { recursive: true });
const work = mkdtempSync(join(root, 'build', '.record-cassette-'));
try {
  const { directory } = await scaffold({
    name: 'acme-hr',
    directory: join(work, 'acme-hr'),
    authorName: 'Recorder',
    authorEmail: 'recorder@example.invalid',
    interactive: false,
  });
  rmSync(join(directory, cassette), { force: true });
  const run = Bun.spawnSync([process.execPath, 'test', 'test/recorded.test.ts'], {
    cwd: directory,
    env: { ...process.env, LUMOS_RECORD_HTTP: '1' },
    stdout: 'inherit',
    stderr: 'inherit',
  });
  if (run.exitCode !== 0) throw new Error(`the recorded test failed in record mode (exit ${run.exitCode}).`);
  copyFileSync(join(directory, cassette), join(root, 'src', 'scaffold', 'templates', `${cassette}.tmpl`));
  process.stderr.write(`Recorded src/scaffold/templates/${cassette}.tmpl\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
