import { existsSync, statSync } from 'node:fs';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';
import { CompileError } from './compile-error.ts';

/** A file shipped beside the executable: where it is read from and where it sits in the archive. */
export interface DataFile {
  source: string;
  /** The archive path, `/`-separated, relative to the archive root. */
  member: string;
}

/**
 * Turns `--data-file` paths into archive paths, once each: they must be relative, stay inside the
 * connector's folder and not take a name the archive already uses. Mistakes are usage errors.
 */
export function dataFileMembers(paths: readonly string[], reserved: readonly string[]): string[] {
  const members = new Set<string>();
  for (const path of paths) {
    if (isAbsolute(path) || /^([A-Za-z]:)?[\\/]/.test(path)) {
      throw new CompileError(`--data-file ${path} is an absolute path: give it relative to --connector-root-module-dir.`, 2);
    }
    const member = normalize(path).split(sep).join('/');
    if (member === '.' || member === '..' || member.startsWith('../')) {
      throw new CompileError(`--data-file ${path} is outside --connector-root-module-dir: data files must live inside the connector's folder.`, 2);
    }
    if (reserved.includes(member)) {
      throw new CompileError(`--data-file ${path} would replace the archive's own ${member}: rename it.`, 2);
    }
    members.add(member);
  }
  return [...members];
}

/** Finds each data file in the connector's folder; a missing one, or a folder, stops the build. */
export function resolveDataFiles(root: string, members: readonly string[]): DataFile[] {
  return members.map((member) => {
    const source = resolve(root, member);
    const where = relative(process.cwd(), root) || '.';
    if (!existsSync(source)) throw new CompileError(`--data-file ${member} does not exist in ${where}.`);
    if (!statSync(source).isFile()) throw new CompileError(`--data-file ${member} is not a file: list the files of a folder one by one.`);
    return { source, member };
  });
}
