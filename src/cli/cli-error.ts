import type { CommandDef } from 'citty';

/** A failure of the executable's command line or surroundings: a one-line reason on stderr and this exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    /** The process's exit code (see `exitCodes`). */
    readonly exitCode: number,
    message: string,
    /** The command whose usage is printed before the reason, when the reason is about its flags. */
    readonly showHelp?: CommandDef<any>,
  ) {
    super(message);
  }
}
