import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileForAgent } from '../support/compile-for-agent.ts';

const root = join(import.meta.dir, '../..');
let built: Promise<string> | undefined;

/** The mock connector compiled with `connector compile-on-prem` and unpacked as the agent does; built once per test run. */
export function compiledMock(): Promise<string> {
  built ??= (async () => {
    const work = mkdtempSync(join(tmpdir(), 'faults-'));
    process.on('exit', () => rmSync(work, { recursive: true, force: true }));
    return compileForAgent(join(root, 'connectors/mock-connector'), 'mock-connector', work);
  })();
  return built;
}

/** Where a spawned process's stdout or stderr goes: a pipe we read, a device that is always full, or a closed descriptor. */
/** How a standard stream is given: a pipe read to the end, `/dev/full`, closed, or a pipe whose reader has gone (EPIPE). */
export type Stream = 'pipe' | 'full' | 'closed' | 'broken';

/** How {@link runMain} runs the compiled connector. */
export interface RunMainOptions {
  env?: Record<string, string>;
  stdout?: Stream;
  stderr?: Stream;
  cwd?: string;
  /** The run fails as a hang after this long. */
  timeoutMs?: number;
}

/** What one run did; `hung` when it had to be killed. */
export interface MainRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  hung: boolean;
}

/**
 * Runs the compiled connector with `args`, its streams as asked. A closed descriptor is made with
 * `sh -c 'exec … 1>&- 2>&-'`, since Bun.spawn always opens something.
 */
export async function runMain(main: string, args: readonly string[], options: RunMainOptions = {}): Promise<MainRun> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('LUMOS_')) env[name] = value;
  Object.assign(env, options.env);
  const closes = [options.stdout === 'closed' ? '1>&-' : '', options.stderr === 'closed' ? '2>&-' : ''].filter(Boolean);
  let command = closes.length ? ['sh', '-c', `exec "$0" "$@" ${closes.join(' ')}`, main, ...args] : [main, ...args];
  const broken = [options.stdout === 'broken' ? 1 : undefined, options.stderr === 'broken' ? 2 : undefined].filter((fd) => fd !== undefined);
  if (broken.length) {
    // A pipe whose read end is closed before the program starts: every write fails with EPIPE, as when
    // the agent's reader has gone. SIGPIPE is reset to its default, as the agent's subprocess call does.
    const script = `import os, signal, sys\nsignal.signal(signal.SIGPIPE, signal.SIG_DFL)\nfor fd in (${broken.join(', ')},):\n    r, w = os.pipe()\n    os.close(r)\n    os.dup2(w, fd)\n    os.close(w)\nos.execv(sys.argv[1], sys.argv[1:])\n`;
    command = ['python3', '-c', script, ...command];
  }
  const opened: number[] = [];
  const target = (stream: Stream | undefined): 'pipe' | 'ignore' | number => {
    if (stream === 'full') {
      const fd = openSync('/dev/full', 'w');
      opened.push(fd);
      return fd;
    }
    return stream === 'closed' || stream === 'broken' ? 'ignore' : 'pipe';
  };
  const child = Bun.spawn(command, { cwd: options.cwd ?? root, env, stdin: 'ignore', stdout: target(options.stdout), stderr: target(options.stderr) });
  for (const fd of opened) closeSync(fd);
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill(9);
  }, options.timeoutMs ?? 30_000);
  const read = (stream: unknown) => (stream instanceof ReadableStream ? new Response(stream).text() : Promise.resolve(''));
  const [stdout, stderr, exitCode] = await Promise.all([read(child.stdout), read(child.stderr), child.exited]);
  clearTimeout(timer);
  return { exitCode, stdout, stderr, hung };
}

/**
 * The executable's promise, as a list of what is wrong with a run (empty when it holds): exit 0
 * with exactly one JSON envelope on stdout, or exit 1/2 with nothing on stdout and a last stderr
 * line naming the connector; never a hang, a stack trace, or any of `secrets`.
 */
export function contractProblems(run: MainRun, secrets: readonly string[] = [], streams: { stdout?: Stream; stderr?: Stream } = {}): string[] {
  const problems: string[] = [];
  if (run.hung) return ['hung'];
  const readsStdout = (streams.stdout ?? 'pipe') === 'pipe';
  const readsStderr = (streams.stderr ?? 'pipe') === 'pipe';
  if (run.exitCode === 0) {
    if (readsStdout) {
      if (!run.stdout.endsWith('\n') || run.stdout.indexOf('\n') !== run.stdout.length - 1) problems.push('exit 0 without exactly one line on stdout');
      else {
        try {
          const envelope = JSON.parse(run.stdout) as Record<string, unknown>;
          if (typeof envelope !== 'object' || envelope === null || !('response' in envelope)) problems.push('stdout is not an envelope');
        } catch {
          problems.push('stdout is not JSON');
        }
      }
    }
  } else if (run.exitCode === 1 || run.exitCode === 2) {
    if (run.stdout !== '') problems.push(`exit ${run.exitCode} with something on stdout`);
    if (readsStderr) {
      const last = run.stderr.trimEnd().split('\n').at(-1) ?? '';
      if (!last.startsWith('mock-connector: ') && !/^\S+ (ERROR|WARNING|CRITICAL) mock-connector: /.test(last))
        problems.push(`exit ${run.exitCode} without a reason: ${JSON.stringify(run.stderr.slice(-300))}`);
    }
  } else {
    problems.push(`exit code ${run.exitCode}`);
  }
  if (/^\s+at |Bun v\d|\n\s*\d+ \| /m.test(run.stderr)) problems.push(`a trace on stderr: ${JSON.stringify(run.stderr.slice(0, 300))}`);
  for (const secret of secrets) {
    if (run.stdout.includes(secret) || run.stderr.includes(secret)) problems.push(`secret ${JSON.stringify(secret)} shown`);
  }
  return problems;
}
