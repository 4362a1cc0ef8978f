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

/** The longest file name most file systems take, in bytes. */
const maxNameBytes = 255;
/** A temporary file older than this is stale whoever wrote it: no write takes a day. */
const staleAfterMs = 24 * 60 * 60 * 1000;

/**
 * Writes the gzip-compressed text to `path` atomically: a temporary file beside it, fsync'd, then
 * renamed over the target, so a crash never leaves half a file. Temporary files of the same target
 * that an earlier, killed process left behind are removed first (only ours: the name pattern, and
 * a process that is gone or a day's age). A failure reports the first error, not the clean-up's.
 */
export function writeResultFile(path: string, text: string): void {
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } = require('node:fs') as typeof import('node:fs');
  const { basename, dirname, join } = require('node:path') as typeof import('node:path');
  const compressed = Bun.gzipSync(new TextEncoder().encode(text));
  const directory = dirname(path);
  const stem = temporaryStem(basename(path));
  removeStaleTemporaries(directory, stem);
  const temporary = join(directory, `${stem}${process.pid}.${Date.now().toString(36)}.tmp`);
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
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(temporary, { force: true });
    } catch {
      // The first error is the one to report.
    }
    throw error;
  }
}

/**
 * The start of the temporary names of a target: `.NAME.` when that leaves room for the pid, time
 * and `.tmp` within 255 bytes; otherwise the name cut short plus a hash of the whole, so any legal
 * target name has a legal temporary name, and each target its own.
 */
export function temporaryStem(name: string): string {
  const room = maxNameBytes - 1 - 1 - 32;
  if (Buffer.byteLength(name) <= room) return `.${name}.`;
  const hash = Bun.hash(name).toString(36);
  let cut = name.slice(0, room - hash.length - 1);
  while (Buffer.byteLength(cut) > room - hash.length - 1) cut = cut.slice(0, -1);
  return `.${cut}~${hash}.`;
}

function removeStaleTemporaries(directory: string, stem: string): void {
  const { readdirSync, rmSync, statSync } = require('node:fs') as typeof import('node:fs');
  const { join } = require('node:path') as typeof import('node:path');
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return; // The write itself reports an unusable directory.
  }
  for (const name of names) {
    if (!name.startsWith(stem)) continue;
    const match = /^(\d+)\.([0-9a-z]+)\.tmp$/.exec(name.slice(stem.length));
    if (!match) continue;
    const pid = Number(match[1]);
    try {
      const stale = !processAlive(pid) || Date.now() - statSync(join(directory, name)).mtimeMs > staleAfterMs;
      if (stale && pid !== process.pid) rmSync(join(directory, name), { force: true });
    } catch {
      // Best effort: a leftover that cannot be removed does not stop this write.
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but is someone else's.
    return (error as { code?: string }).code === 'EPERM';
  }
}
