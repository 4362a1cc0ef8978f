/** Why `scaffold` stopped: a one-line reason and the exit code the command ends with. */
export class ScaffoldError extends Error {
  override readonly name = 'ScaffoldError';

  constructor(
    message: string,
    /** 2 when the command line was wrong, 1 when the files could not be written. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}
