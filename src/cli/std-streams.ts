import { writeStderrLine } from '../logging/logger.ts';
import { stripColours } from './strip-colours.ts';

export { writeAll } from '../logging/write-all.ts';

/** Writes the executable's own text (usage, one-line failures) on stderr, best effort, without colours off a terminal. */
export function writeStderr(text: string): void {
  const { isatty } = require('node:tty') as typeof import('node:tty');
  writeStderrLine(isatty(2) ? text : stripColours(text));
}
