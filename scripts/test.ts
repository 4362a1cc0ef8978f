#!/usr/bin/env bun
/**
 * Runs `bun test` and ends with the line CI reads: `N passed, M failed` (bun's own summary is not
 * recognised there). Arguments are passed on to `bun test`; the exit code is bun's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const directory = mkdtempSync(join(tmpdir(), 'connector-sdk-test-'));
const report = join(directory, 'junit.xml');
const child = Bun.spawn([process.execPath, 'test', '--reporter=junit', `--reporter-outfile=${report}`, ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'inherit'],
});
const exitCode = await child.exited;

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const xml = readFileSync(report, 'utf8');
  for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const body = match[2] ?? '';
    if (/<(failure|error)\b/.test(body)) failed++;
    else if (/<skipped\b/.test(body)) skipped++;
    else passed++;
  }
} catch {
  // No report means bun failed before running anything: count that as one failure.
  failed = Math.max(failed, 1);
}
rmSync(directory, { recursive: true, force: true });
if (exitCode !== 0 && failed === 0) failed = 1;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(exitCode);
