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
