
/** Strips one layer of surrounding double or single quotes, as Windows command lines leave them. */
export function stripQuotes(path: string): string {
  if (path.length >= 2 && (path[0] === '"' || path[0] === "'") && path.at(-1) === path[0]) return path.slice(1, -1);
  return path;
}

/** Why a result file path is unusable, or undefined when it is fine. */
export function resultPathProblem(path: string): string | undefined {
  if (!path) return '--result-file-path needs a file path';
  if (!path.endsWith('.gz')) return `--result-file-path must end in .gz (got ${JSON.stringify(path)})`;
  return undefined;
}

/**
 * Writes the gzip-compressed text to `path` atomically: a temporary file beside it, fsync'd, then
 * renamed over the target, so a crash never leaves half a file.
 */
export function writeResultFile(path: string, text: string): void {
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } = require('node:fs') as typeof import('node:fs');
  const { basename, dirname, join } = require('node:path') as typeof import('node:path');
  const compressed = Bun.gzipSync(new TextEncoder().encode(text));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'w', 0o644);
    let offset = 0;
    while (offset < compressed.length) offset += writeSync(fd, compressed, offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
}
