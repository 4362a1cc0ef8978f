import { writeStderrLine } from '../logging/logger.ts';

// Node built-ins are required where used: a static import is hoisted into every start-up.
const nodeFs = (): typeof import('node:fs') => require('node:fs');

/** Writes the executable's own text (usage, one-line failures) on stderr, best effort, without colours off a terminal. */
export function writeStderr(text: string): void {
  const { isatty } = require('node:tty') as typeof import('node:tty');
  // citty colours its usage text; keep escape codes out of logs and pipes.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes this removes.
  writeStderrLine(isatty(2) ? text : text.replace(/\u001b\[[0-9;]*m/g, ''));
}

/** Writes all of `text` to a file descriptor, waiting out a full non-blocking pipe. */
export function writeAll(fd: number, text: string): void {
  const { writeSync } = nodeFs();
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      // A non-blocking pipe that is full answers EAGAIN: wait for it to drain and go on.
      if ((error as { code?: string }).code !== 'EAGAIN') throw error;
      Bun.sleepSync(1);
    }
  }
}
