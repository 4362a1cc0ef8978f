import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runOnSource, uncaughtErrorLine } from './source-process.ts';

/** One exported schema of a connector module and the check written for it (see `emitCheck` in src/validation/fast-check.ts). */
export interface ConnectorCheck {
  /** The module's absolute path. */
  module: string;
  /** The export's name. */
  name: string;
  /** The check's factory, as TypeScript source. */
  source: string;
  /** The entry names it counts as own keys. */
  keys: string[];
  /** The schema's shape when the check was written (`schemaSignature`). */
  signature: string;
}

/**
 * The connector's own modules a call evaluates: those its entry point imports statically, directly
 * or not (read from a bundling pass of the entry), other than the entry point itself and other than
 * packages. A module the connector loads only with `import()` is left out, so writing checks for it
 * does not make every call load it.
 */
export async function staticConnectorModules(entryPoint: string, directory: string): Promise<string[]> {
  const build = await Bun.build({ entrypoints: [entryPoint], target: 'bun', format: 'esm', metafile: true, throw: false, splitting: true });
  if (!build.success) return [];
  const inputs = (build.metafile as { inputs?: Record<string, { imports?: { path: string; kind: string }[] }> } | undefined)?.inputs ?? {};
  const absolute = (path: string) => resolve(process.cwd(), path);
  const byPath = new Map<string, { path: string; kind: string }[]>();
  for (const [path, input] of Object.entries(inputs))
    byPath.set(
      absolute(path),
      (input.imports ?? []).map((item) => ({ ...item, path: absolute(item.path) })),
    );
  const root = resolve(directory);
  const start = resolve(entryPoint);
  const seen = new Set([start]);
  const queue = [start];
  const modules: string[] = [];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const item of byPath.get(current) ?? []) {
      if (item.kind !== 'import-statement' || seen.has(item.path)) continue;
      seen.add(item.path);
      queue.push(item.path);
      const owned = item.path.startsWith(`${root}/`) && !item.path.includes('/node_modules/');
      if (owned && /\.(ts|tsx|mts|js|mjs|jsx)$/.test(item.path)) modules.push(item.path);
    }
  }
  return modules.sort();
}

/** How long importing a connector's modules to write their checks may take: a module that keeps the process busy costs the build only this. */
export const checksTimeoutMs = 60_000;

/**
 * Writes the checks of the schemas the given modules export, from source: a Bun process in the
 * connector's directory imports them (as `info` does) and runs the SDK's `emitCheck` on each
 * exported schema that has items to check (an object, array or record, maybe optional or piped).
 * Returns no checks, and why, when that process fails: the connector then generates them at run time.
 */
export async function writeConnectorChecks(modules: readonly string[], directory: string): Promise<{ checks: ConnectorCheck[]; problem?: string }> {
  if (modules.length === 0) return { checks: [] };
  const fastCheckModule = sdkFastCheckModule(directory);
  if (fastCheckModule === undefined) return { checks: [], problem: 'the connector does not resolve lumos-connector-sdk' };
  const { stdout, stderr, exitCode, timedOut } = await runOnSource(
    [join(import.meta.dir, 'emit-connector-checks.ts'), fastCheckModule, ...modules],
    directory,
    checksTimeoutMs,
  );
  if (timedOut) return { checks: [], problem: `importing the connector's modules took more than ${checksTimeoutMs / 1000} s` };
  if (exitCode !== 0) return { checks: [], problem: uncaughtErrorLine(stderr, exitCode) };
  try {
    return { checks: JSON.parse(stdout) as ConnectorCheck[] };
  } catch {
    return { checks: [], problem: 'the checks could not be read' };
  }
}

/** The SDK's `fast-check.ts` as the connector imports it, so that the checks land in the very module the connector's HTTP kit uses. */
export function sdkFastCheckModule(directory: string): string | undefined {
  try {
    return join(dirname(Bun.resolveSync('lumos-connector-sdk', directory)), 'validation', 'fast-check.ts');
  } catch {
    return undefined;
  }
}

/**
 * Writes into `folder` the module that gives each exported schema its written check
 * (`useCompiledCheck`, with the schema's signature, so a schema built differently at run time is
 * checked as before), and the module the generated entry then loads in place of the connector's entry
 * point: it imports the checks, then the entry point, so the checks are in place before the
 * connector's code runs, in one import. Returns the latter's path.
 */
export function writeChecksModules(folder: string, entryPoint: string, checks: readonly ConnectorCheck[], fastCheckModule: string): string {
  const checksPath = join(folder, 'compiled-checks.ts');
  writeChecksModule(checksPath, checks, fastCheckModule);
  const entryPath = join(folder, 'connector-with-checks.ts');
  writeFileSync(
    entryPath,
    `// Generated by \`connector compile-on-prem\`: the checks first, then the connector.\nimport ${JSON.stringify(checksPath)};\nimport ${JSON.stringify(entryPoint)};\n`,
  );
  return entryPath;
}

/** The module giving each exported schema its written check; written to `path`. */
export function writeChecksModule(path: string, checks: readonly ConnectorCheck[], fastCheckModule: string): void {
  const modules = [...new Set(checks.map((check) => check.module))];
  const lines = [
    '// Generated by `connector compile-on-prem`: the checks of the schemas the connector exports, written ahead of time.',
    `import { useCompiledCheck } from ${JSON.stringify(fastCheckModule)};`,
    ...modules.map((module, index) => `import * as m${index} from ${JSON.stringify(module)};`),
  ];
  for (const check of checks) {
    const namespace = `m${modules.indexOf(check.module)}`;
    lines.push(
      `useCompiledCheck(${namespace}[${JSON.stringify(check.name)}], ${check.source}, ${JSON.stringify(check.keys)}, ${JSON.stringify(check.signature)});`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
