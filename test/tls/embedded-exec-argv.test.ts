import { afterAll, describe, expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProgram } from '../command/connector-command.ts';
import { embeddedExecArgv } from './embedded-exec-argv.ts';

const fixture = join(import.meta.dir, 'fixtures', 'exec-argv-fixture.ts');
const work = mkdtempSync(join(tmpdir(), 'embedded-exec-argv-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Compiles the fixture as compile-on-prem does (minified, bytecode, ESM), with the given exec argv. */
async function compile(target: Bun.Build.CompileTarget, outfile: string, execArgv: string[]): Promise<string> {
  const build = await Bun.build({
    entrypoints: [fixture],
    target: 'bun',
    format: 'esm',
    minify: true,
    bytecode: true,
    throw: false,
    compile: { target, outfile: join(work, outfile), execArgv },
  });
  expect(build.success).toBe(true);
  return join(work, outfile);
}

describe('embeddedExecArgv, the reader the Windows build is checked with', () => {
  test.skipIf(!(process.platform === 'linux' && process.arch === 'x64'))(
    'reads what a compiled Linux program reports as its own process.execArgv',
    async () => {
      for (const [name, execArgv] of [
        ['plain', []],
        ['system-ca', ['--use-system-ca']],
        ['two', ['--use-system-ca', '--smol']],
      ] as const) {
        const program = await compile('bun-linux-x64', name, [...execArgv]);
        const ran = await runProgram([program], work);
        expect(ran.exitCode).toBe(0);
        expect(JSON.parse(ran.stdout)).toEqual([...execArgv]);
        expect(embeddedExecArgv(program)).toEqual([...execArgv]);
      }
    },
    60_000,
  );

  test('tells a Windows .exe built with --use-system-ca from one built without', async () => {
    expect(embeddedExecArgv(await compile('bun-windows-x64', 'plain.exe', []))).toEqual([]);
    expect(embeddedExecArgv(await compile('bun-windows-x64', 'system-ca.exe', ['--use-system-ca']))).toEqual(['--use-system-ca']);
  }, 60_000);

  test('refuses a file that is not a compiled Bun executable', () => {
    expect(() => embeddedExecArgv(fixture)).toThrow('is neither a PE nor an ELF64 executable');
    expect(() => embeddedExecArgv(process.execPath)).toThrow('the .bun section is empty');
  });
});
