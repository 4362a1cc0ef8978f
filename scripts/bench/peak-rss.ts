import { python } from './python-start.ts';

/**
 * Peak RSS of one run of `command`, in bytes: the `ru_maxrss` that wait4 reports for it.
 * A small Python parent forks and execs the command: Linux carries the parent's high-water mark
 * across fork and exec into a child's ru_maxrss, so a child spawned straight from this (large) bench
 * process would report the bench's own RSS. The command's stdout is discarded.
 */
export async function peakRss(command: readonly string[]): Promise<number> {
  const child = Bun.spawn([python, '-c', waitScript, ...command], { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  if (exitCode !== 0) throw new Error(`peak RSS of ${command[0]} ${command[1] ?? ''}: exit ${exitCode}: ${stderr.trim().slice(0, 300)}`);
  return Number(stdout.trim()) * 1024;
}

const waitScript = `
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stdout.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
`;
