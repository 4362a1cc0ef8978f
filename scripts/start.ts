#!/usr/bin/env bun
/**
 * `npm start`: the on-premise agent's path, end to end. Compiles the mock connector with
 * `connector compile-on-prem`, unpacks the archive into a temporary folder, then runs `main info` and
 * `main validate_credentials --json-file … --result-file-path ….gz` there, as the agent does, and prints
 * what came back with the time each call took.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractArchive } from '../src/compile/extract-archive.ts';

const root = join(import.meta.dir, '..');
const folder = mkdtempSync(join(tmpdir(), 'connector-start-'));
const say = (text = '') => process.stdout.write(`${text}\n`);

try {
  say('1. Compile the mock connector (connector compile-on-prem; its progress follows on stderr)');
  const compile = await timed(() =>
    run(
      [
        process.execPath,
        join(root, 'src/cli/connector.ts'),
        'compile-on-prem',
        '--app-id',
        'mock-connector',
        '--connector-root-module-dir',
        'connectors/mock-connector',
      ],
      root,
      'inherit',
    ),
  );
  if (compile.value.exitCode !== 0) throw new Error(`compile-on-prem failed with exit code ${compile.value.exitCode}`);
  const archive = compile.value.stdout.trim();
  say(`   → ${relative(root, archive)} in ${compile.ms} ms`);

  say(`\n2. Unpack it into ${folder}, as the agent does`);
  await extractArchive(archive, folder);
  const main = join(folder, 'main');

  say('\n3. main info');
  const info = await timed(() => run([main, 'info'], folder));
  const infoDocument = JSON.parse(info.value.stdout) as { response: { app_id: string; version: string; capabilities: string[]; user_friendly_name: string } };
  const { response } = infoDocument;
  say(`   exit ${info.value.exitCode} in ${info.ms} ms; ${info.value.stdout.length} bytes of JSON on stdout`);
  say(`   ${response.user_friendly_name} (${response.app_id}) version ${response.version}`);
  say(`   ${response.capabilities.length} capabilities: ${response.capabilities.join(', ')}`);

  say('\n4. main validate_credentials --json-file request.json --result-file-path result.gz');
  const request = { auth: { basic: { username: 'foo', password: 'bar' } }, request: {}, settings: { host: 'google.com' } };
  const requestFile = join(folder, 'request.json');
  const resultFile = join(folder, 'result.gz');
  writeFileSync(requestFile, JSON.stringify(request));
  const validate = await timed(() => run([main, 'validate_credentials', '--json-file', requestFile, '--result-file-path', resultFile], folder));
  const result = JSON.parse(new TextDecoder().decode(Bun.gunzipSync(readFileSync(resultFile))));
  say(
    `   exit ${validate.value.exitCode} in ${validate.ms} ms; stdout ${validate.value.stdout ? `${JSON.stringify(validate.value.stdout)} (should be empty)` : 'empty, as it should be'}`,
  );
  say(`   result.gz holds:\n${indent(JSON.stringify(result, null, 2), 6)}`);
  if (info.value.exitCode !== 0 || validate.value.exitCode !== 0 || result.response?.valid !== true) process.exitCode = 1;
} catch (error) {
  process.stderr.write(`start: ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(folder, { recursive: true, force: true });
}

async function run(command: string[], cwd: string, stderr: 'pipe' | 'inherit' = 'pipe') {
  const child = Bun.spawn(command, { cwd, stdin: 'ignore', stdout: 'pipe', stderr });
  const [stdout, errors, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    stderr === 'pipe' ? new Response(child.stderr as ReadableStream).text() : Promise.resolve(''),
    child.exited,
  ]);
  if (errors.trim()) say(`   stderr: ${errors.trim()}`);
  return { stdout, exitCode };
}

async function timed<T>(action: () => Promise<T>): Promise<{ value: T; ms: string }> {
  const started = performance.now();
  const value = await action();
  return { value, ms: (performance.now() - started).toFixed(1) };
}

function indent(text: string, spaces: number): string {
  return text.replace(/^/gm, ' '.repeat(spaces));
}
