import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CompileError } from './compile-error.ts';

/** What `compile-on-prem` reads from the connector's package folder. */
export interface ConnectorPackage {
  /** The package folder, absolute. */
  directory: string;
  /** `name` from package.json, if any. */
  name: string | undefined;
  /** `version` from package.json: the archive's and `metadata.toml`'s version. */
  version: string;
  /** The entry point, absolute. */
  entryPoint: string;
}

/**
 * Reads a connector's package folder (the one holding its package.json): its version, and its entry
 * point — package.json `module`, else `bin` (a path, or the only or same-named entry of an object),
 * else `src/main.ts`.
 */
export function readConnectorPackage(directory: string): ConnectorPackage {
  const root = resolve(directory);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new CompileError(`--connector-root-module-dir ${directory} is not a folder: give the connector's package folder (the one holding its package.json).`);
  }
  const manifestPath = join(root, 'package.json');
  if (!existsSync(manifestPath)) {
    throw new CompileError(
      `no package.json in ${directory}: --connector-root-module-dir must be the connector's package folder, which holds package.json and the entry point.`,
    );
  }
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CompileError(`${relative(process.cwd(), manifestPath)} is not valid JSON: ${(error as Error).message}`);
  }
  const name = typeof manifest['name'] === 'string' ? manifest['name'] : undefined;
  const version = manifest['version'];
  if (typeof version !== 'string' || !version.trim()) {
    throw new CompileError(`${relative(process.cwd(), manifestPath)} has no "version": the archive and metadata.toml are named after it.`);
  }
  if (!/^[0-9A-Za-z][0-9A-Za-z.+_-]*$/.test(version)) {
    throw new CompileError(
      `the version ${JSON.stringify(version)} in package.json cannot name an archive: use letters, digits, '.', '+', '-' and '_' (e.g. 1.2.0).`,
    );
  }
  return { directory: root, name, version, entryPoint: entryPointOf(root, manifest, name) };
}

function entryPointOf(root: string, manifest: Record<string, unknown>, name: string | undefined): string {
  const candidates: { source: string; path: string }[] = [];
  if (typeof manifest['module'] === 'string') candidates.push({ source: 'package.json "module"', path: manifest['module'] });
  const bin = manifest['bin'];
  if (typeof bin === 'string') candidates.push({ source: 'package.json "bin"', path: bin });
  else if (typeof bin === 'object' && bin !== null) {
    const entries = Object.entries(bin as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
    const chosen = entries.length === 1 ? entries[0] : entries.find(([key]) => key === name);
    if (chosen) candidates.push({ source: `package.json "bin" "${chosen[0]}"`, path: chosen[1] });
  }
  candidates.push({ source: 'the default', path: 'src/main.ts' });
  for (const candidate of candidates) {
    const path = resolve(root, candidate.path);
    if (existsSync(path) && statSync(path).isFile()) return path;
    if (candidate.source !== 'the default') {
      throw new CompileError(`no entry point: ${candidate.source} names ${candidate.path}, which does not exist in ${relative(process.cwd(), root) || '.'}.`);
    }
  }
  throw new CompileError(`no entry point in ${relative(process.cwd(), root) || '.'}: add src/main.ts, or name the entry in package.json "module" or "bin".`);
}
