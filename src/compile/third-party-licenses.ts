import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/** A package whose code is inside the executable. */
export interface BundledPackage {
  name: string;
  version: string;
  /** The licence as package.json states it (an SPDX expression, usually). */
  license: string;
  /** Where the source lives (package.json `repository` or `homepage`), if stated. */
  source: string | undefined;
  /** The package's folder. */
  directory: string;
  /** The licence and notice files it ships, by their path inside the package. */
  licenseFiles: { path: string; text: string }[];
}

const licenseFileName = /^(licen[cs]e|copying|notice|third[-_ ]party[-_ ]licen[cs]es)(\.[a-z]+)?$|^(licen[cs]e|copying)[-_.]/i;

/**
 * The packages bundled into an executable, found from the bundler's inputs: every input file belongs
 * to the package of its nearest named package.json; the connector's own package is left out.
 *
 * @param inputs the `inputs` keys of `Bun.build`'s metafile (paths relative to `cwd`)
 */
export function bundledPackages(inputs: readonly string[], connectorDirectory: string, cwd = process.cwd()): BundledPackage[] {
  const owners = new Map<string, string | undefined>();
  const packages = new Map<string, BundledPackage>();
  const own = resolve(connectorDirectory);
  for (const input of inputs) {
    if (/^[a-z]+:/.test(input)) continue; // bun:, node: and other built-in modules are part of the runtime
    const directory = packageDirectoryOf(dirname(resolve(cwd, input)), owners);
    if (directory === undefined || directory === own || packages.has(directory)) continue;
    packages.set(directory, readPackage(directory));
  }
  return [...packages.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** The text of `THIRD_PARTY_LICENSES.txt`: each bundled package with its licence texts, then the Bun runtime. */
export function thirdPartyLicensesText(options: { appId: string; version: string; packages: readonly BundledPackage[]; bunVersion?: string }): string {
  const rule = '='.repeat(80);
  const thin = '-'.repeat(80);
  const bunVersion = options.bunVersion ?? Bun.version;
  const parts = [
    `Third-party software in ${options.appId} ${options.version}`,
    '',
    `This executable contains the code of the ${options.packages.length} package(s) below, as bundled by`,
    `\`bun build --compile\`, and the Bun ${bunVersion} runtime. Each is listed with its version, its`,
    'licence and the licence and notice files it ships.',
    '',
  ];
  for (const pkg of options.packages) {
    parts.push(rule, `${pkg.name} ${pkg.version}`, `License: ${pkg.license}`);
    if (pkg.source) parts.push(`Source: ${pkg.source}`);
    parts.push(rule, '');
    if (pkg.licenseFiles.length === 0) parts.push(`(The package ships no licence file; its package.json states the licence ${pkg.license}.)`, '');
    for (const file of pkg.licenseFiles) {
      if (pkg.licenseFiles.length > 1) parts.push(`${file.path}:`, thin);
      parts.push(file.text.trimEnd(), '');
    }
  }
  parts.push(
    rule,
    `bun ${bunVersion} (the runtime inside the executable)`,
    'License: MIT, with statically linked libraries under their own licences',
    'Source: https://github.com/oven-sh/bun',
    rule,
    '',
  );
  parts.push(
    bunLicenseText() ??
      'Bun itself is MIT-licensed. It statically links JavaScriptCore and WebKit (LGPL-2) and other libraries, listed with their licences at https://bun.com/docs/project/license.',
    '',
  );
  return parts.join('\n');
}

function packageDirectoryOf(directory: string, cache: Map<string, string | undefined>): string | undefined {
  const seen: string[] = [];
  let current = directory;
  let found: string | undefined;
  for (;;) {
    if (cache.has(current)) {
      found = cache.get(current);
      break;
    }
    seen.push(current);
    if (hasNamedManifest(current)) {
      found = current;
      break;
    }
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of seen) cache.set(dir, found);
  return found;
}

/** Nested package.json files such as `dist/esm/package.json` ({"type": "module"}) name no package: skip them. */
function hasNamedManifest(directory: string): boolean {
  const path = join(directory, 'package.json');
  if (!existsSync(path)) return false;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown };
    return typeof manifest.name === 'string' && manifest.name.length > 0;
  } catch {
    return false;
  }
}

function readPackage(directory: string): BundledPackage {
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Record<string, unknown>;
  return {
    name: String(manifest['name']),
    version: typeof manifest['version'] === 'string' ? manifest['version'] : '(no version)',
    license: licenseOf(manifest),
    source: sourceOf(manifest),
    directory,
    licenseFiles: licenseFiles(directory),
  };
}

function licenseOf(manifest: Record<string, unknown>): string {
  const license = manifest['license'];
  if (typeof license === 'string') return license;
  if (typeof license === 'object' && license !== null && typeof (license as { type?: unknown }).type === 'string') return (license as { type: string }).type;
  const licenses = manifest['licenses'];
  if (Array.isArray(licenses)) {
    const types = licenses
      .map((entry) => (typeof entry === 'string' ? entry : (entry as { type?: unknown })?.type))
      .filter((type): type is string => typeof type === 'string');
    if (types.length > 0) return types.join(' OR ');
  }
  return 'UNKNOWN (package.json states none)';
}

function sourceOf(manifest: Record<string, unknown>): string | undefined {
  const repository = manifest['repository'];
  const url = typeof repository === 'string' ? repository : (repository as { url?: unknown } | undefined)?.url;
  if (typeof url === 'string' && url) {
    // npm's shorthands: `owner/repo` and `github:owner/repo` are GitHub repositories.
    const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
    return shorthand ? `https://github.com/${shorthand[1]}` : url.replace(/^git\+/, '').replace(/\.git$/, '');
  }
  return typeof manifest['homepage'] === 'string' ? manifest['homepage'] : undefined;
}

/** Licence and notice files at the package root, and third-party notices of code it bundled itself (e.g. `dist/`). */
function licenseFiles(directory: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  for (const folder of ['', 'dist']) {
    const absolute = join(directory, folder);
    if (!existsSync(absolute) || !statSync(absolute).isDirectory()) continue;
    for (const name of readdirSync(absolute).sort()) {
      if (!licenseFileName.test(name)) continue;
      if (folder && !/third/i.test(name)) continue;
      const path = join(absolute, name);
      if (!statSync(path).isFile()) continue;
      found.push({ path: folder ? `${folder}/${name}` : name, text: readFileSync(path, 'utf8') });
    }
  }
  return found;
}

/** Bun's own licence page, shipped in `bun-types` (a dependency of `@types/bun`) when it matches this Bun. */
function bunLicenseText(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve('bun-types/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: string };
    const page = join(dirname(manifestPath), 'docs', 'project', 'license.mdx');
    if (manifest.version !== Bun.version || !existsSync(page)) return undefined;
    return readFileSync(page, 'utf8').replace(/^---[\s\S]*?---\s*/, '');
  } catch {
    return undefined;
  }
}
