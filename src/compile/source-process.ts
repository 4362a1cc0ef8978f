/** What a Bun process run on the connector's source printed, and how it ended. */
export interface SourceRun {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** Whether it was killed for running longer than it was given. */
  timedOut: boolean;
}

/**
 * Runs Bun with `args` in the connector's folder, as `compile-on-prem` runs the connector from source
 * (its `info`, the checks of its schemas): its logging kept to errors and off the log directory, and
 * killed after `timeoutMs` when given.
 */
export async function runOnSource(args: readonly string[], directory: string, timeoutMs?: number): Promise<SourceRun> {
  let timedOut = false;
  const child = Bun.spawn([process.execPath, ...args], {
    cwd: directory,
    env: { ...process.env, LUMOS_LOG_LEVEL: 'ERROR', LUMOS_LOG_DIRECTORY: '' },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const kill = () => {
    timedOut = true;
    child.kill('SIGKILL');
  };
  const timer = timeoutMs === undefined ? undefined : setTimeout(kill, timeoutMs);
  try {
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    return { stdout, stderr, exitCode, timedOut };
  } finally {
    clearTimeout(timer);
  }
}

/** The error a Bun process that failed wrote on stderr: its `…Error:` or `error:` line (Bun ends with its version line), else its last line. */
export function uncaughtErrorLine(stderr: string, exitCode: number): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/^Bun v\d/.test(line));
  return lines.find((line) => /^(error|\w*Error)\b:/.test(line)) ?? lines.at(-1) ?? `exit ${exitCode}`;
}
