/** Why `compile-on-prem` stopped: a one-line reason and the exit code the command ends with. */
export class CompileError extends Error {
  override readonly name = 'CompileError';

  constructor(
    message: string,
    /** 2 when the command line was wrong, 1 when the build could not finish. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
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
