import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileProgram } from '../../scripts/bench/compile-program.ts';

test("in a compiled executable fastCheck still tells valibot's own ~run from a wrapper's", async () => {
  const work = mkdtempSync(join(tmpdir(), 'fast-check-compiled-'));
  try {
    const program = await compileProgram(join(import.meta.dir, 'fast-check-compiled-fixture.ts'), join(work, 'fast-check'));
    const child = Bun.spawnSync([program], { stdout: 'pipe', stderr: 'pipe' });
    expect(child.stderr.toString()).toBe('');
    expect(JSON.parse(child.stdout.toString())).toEqual({
      validPage: true,
      badStatus: false,
      extraKey: false,
      arrayForObject: false,
      borrowedRunOnText: false,
      borrowedRunOnNumber: true,
      wrappedObject: false,
      plainObject: true,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}, 60_000);
