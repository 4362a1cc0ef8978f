/** Writes all of `text` to a file descriptor, waiting out a full non-blocking pipe; throws what else goes wrong. */
export function writeAll(fd: number, text: string): void {
  // Required where used: a static import of a Node built-in is hoisted into every start-up.
  const { writeSync } = require('node:fs') as typeof import('node:fs');
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
