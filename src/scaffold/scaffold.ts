import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ProgressLog } from '../compile/compile-on-prem.ts';
import { resolveAuthor, type Author } from './author.ts';
import { connectorNames, type ConnectorNames } from './connector-names.ts';
import { ScaffoldError } from './scaffold-error.ts';

/** What `scaffold` is asked to generate. */
export interface ScaffoldOptions {
  /** The connector's name, e.g. `acme-hr` (also its app id and package name). */
  name: string;
  /** The folder to generate into, e.g. `connectors/acme-hr`. */
  directory: string;
  /** Overwrite files that already exist. */
  force?: boolean | undefined;
  authorName?: string | undefined;
  authorEmail?: string | undefined;
  /** Whether a missing author may be asked for; defaults to whether stdin is a terminal. */
  interactive?: boolean | undefined;
  /** The name shown to people (default: the name with the capitals typed, `acme-hr` → `Acme Hr`). */
  title?: string | undefined;
  /**
   * Where a standalone project gets the SDK: a version, a tarball or folder path, or a git URL.
   * Defaults to the version being run (a `file:` path to it when it runs from its own repository).
   */
  sdk?: string | undefined;
  log?: ProgressLog | undefined;
}

/** What `scaffold` generated. */
export interface ScaffoldResult {
  directory: string;
  names: ConnectorNames;
  /** The generated files, relative to the directory. */
  files: string[];
  /** `workspace` inside the SDK's own repository (the SDK resolves through tsconfig paths), else `standalone`. */
  layout: Layout;
}

/** How the generated project finds the SDK. */
export type Layout = 'workspace' | 'standalone';

const templates = join(import.meta.dir, 'templates');
const sdkRoot = resolve(import.meta.dir, '..', '..');

/**
 * Generates a connector package: package.json, tsconfig.json, src/ (entry point, integration, settings,
 * HTTP client, read and write capabilities), tests on the testing kit against a fake API (one replaying a
 * recorded cassette) and `connector-check.json`, the fixture of `connector check`. Existing files are kept unless
 * `force`; on failure every file written is removed (or restored). Throws a {@link ScaffoldError}.
 */
export async function scaffold(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const names = connectorNames(options.name, options.title);
  const directory = resolve(options.directory);
  if (existsSync(directory) && !statSync(directory).isDirectory()) throw new ScaffoldError(`${options.directory} exists and is not a folder.`, 2);
  const layout: Layout = !sdkIsInstalled() && isInside(directory, sdkRoot) ? 'workspace' : 'standalone';
  if (layout === 'workspace' && options.sdk !== undefined) {
    throw new ScaffoldError(`--sdk applies to a project outside the SDK's repository; ${options.directory} is inside it and uses the repository's SDK.`, 2);
  }
  const author = await resolveAuthor({ name: options.authorName, email: options.authorEmail }, options.interactive);
  const files = generatedFiles(names, author, directory, layout, options.sdk);

  const existing = [...files.keys()].filter((path) => existsSync(join(directory, path)));
  if (existing.length > 0 && !options.force) {
    const more = existing.length > 1 ? ` and ${existing.length - 1} more` : '';
    throw new ScaffoldError(`${join(options.directory, existing[0]!)}${more} already exist(s): pass --force to overwrite.`);
  }
  writeAll(directory, files);
  options.log?.success(`Generated the ${names.title} connector in ${relative(process.cwd(), directory) || '.'} (${files.size} files).`);
  return { directory, names, files: [...files.keys()], layout };
}

/** The generated files by path: the templates filled in, plus package.json and tsconfig.json (and .gitignore when standalone). */
function generatedFiles(names: ConnectorNames, author: Author, directory: string, layout: Layout, sdkSpec: string | undefined): Map<string, string> {
  const values: Record<string, string> = { ...names, author: author.name };
  const files = new Map<string, string>();
  for (const template of templateFiles(templates)) {
    const text = readFileSync(join(templates, template), 'utf8').replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => {
      const value = values[key];
      if (value === undefined) throw new ScaffoldError(`the template ${template} uses an unknown placeholder ${placeholder}.`);
      return value;
    });
    files.set(template.replace(/\.tmpl$/, ''), text);
  }
  files.set('package.json', `${JSON.stringify(packageJson(names, author, directory, layout, sdkSpec), null, 2)}\n`);
  files.set('tsconfig.json', `${JSON.stringify(tsconfig(directory, layout), null, 2)}\n`);
  if (layout === 'standalone') files.set('.gitignore', 'node_modules/\nbuild/\n');
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

function templateFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? templateFiles(root, path) : entry.name.endsWith('.tmpl') ? [path] : [];
  });
}

/** Whether this SDK is an installed package (node_modules) rather than its own repository. */
function sdkIsInstalled(): boolean {
  return sdkRoot.split(sep).includes('node_modules');
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

interface SdkManifest {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  engines?: Record<string, string>;
}

/** The SDK as a dependency: a version or git URL as given, a path as `file:` (absolute), or by default the version being run. */
function sdkDependency(sdk: SdkManifest, given: string | undefined): string {
  if (given === undefined) return sdkIsInstalled() ? sdk.version : `file:${sdkRoot}`;
  const spec = given.trim();
  if (spec === '') throw new ScaffoldError('--sdk is empty: give a version, a tarball or folder path, or a git URL.', 2);
  if (/^(\.{1,2}[\\/]|[\\/]|~)/.test(spec) || (/\.(tgz|tar\.gz)$/.test(spec) && !/^[a-z+]+:/.test(spec))) {
    const path = resolve(spec.replace(/^~(?=[\\/])/, process.env['HOME'] ?? '~'));
    if (!existsSync(path)) throw new ScaffoldError(`--sdk ${spec}: there is no such file or folder.`, 2);
    return `file:${path}`;
  }
  return spec;
}

function packageJson(names: ConnectorNames, author: Author, directory: string, layout: Layout, sdkSpec: string | undefined): Record<string, unknown> {
  const sdk = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')) as SdkManifest;
  const common = {
    name: names.name,
    version: '0.1.0',
    description: `A Lumos on-premise connector for ${names.title}.`,
    type: 'module',
    private: true,
    author: `${author.name} <${author.email}>`,
    bin: { [names.name]: './src/main.ts' },
    module: './src/main.ts',
  };
  const scripts = { start: 'bun src/main.ts', test: 'bun test', typecheck: 'tsc --noEmit -p .', 'fake-api': 'bun test/fake-api-server.ts' };
  if (layout === 'workspace') {
    // The repository's own `connector` command: the root package's bin is not linked into node_modules/.bin.
    const cli = relative(directory, join(sdkRoot, 'src', 'cli', 'connector.ts'))
      .split(sep)
      .join('/');
    return {
      ...common,
      scripts: { ...scripts, check: `bun ${cli} check .`, build: `bun ${cli} compile-on-prem --connector-root-module-dir .` },
      dependencies: { valibot: sdk.dependencies['valibot'] },
    };
  }
  return {
    ...common,
    engines: sdk.engines ?? { node: '>=18' },
    scripts: { ...scripts, check: 'connector check .', build: 'connector compile-on-prem --connector-root-module-dir .' },
    dependencies: { [sdk.name]: sdkDependency(sdk, sdkSpec), valibot: sdk.dependencies['valibot'] },
    devDependencies: { '@types/bun': sdk.devDependencies['@types/bun'], bun: sdk.devDependencies['bun'], typescript: sdk.devDependencies['typescript'] },
    // npm 11 asks that install scripts be approved: Bun's postinstall puts its binary in place.
    allowScripts: { bun: true },
  };
}

function tsconfig(directory: string, layout: Layout): Record<string, unknown> {
  const sdk = relative(directory, sdkRoot).split(sep).join('/') || '.';
  return {
    compilerOptions: {
      target: 'ESNext',
      module: 'Preserve',
      moduleResolution: 'bundler',
      lib: ['ESNext'],
      types: ['bun'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      verbatimModuleSyntax: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      allowImportingTsExtensions: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      ...(layout === 'workspace'
        ? {
            paths: {
              'lumos-connector-sdk': [`${sdk}/src/index.ts`],
              'lumos-connector-sdk/wire/capability/*': [`${sdk}/src/wire/generated/capability/*.ts`],
              'lumos-connector-sdk/*': [`${sdk}/src/*/index.ts`],
            },
          }
        : {}),
    },
    include: ['src', 'test'],
  };
}

/** Writes the files; on any failure removes what it wrote and restores what it overwrote. */
function writeAll(directory: string, files: Map<string, string>): void {
  const written: { path: string; previous: Buffer | undefined }[] = [];
  const createdFolders: string[] = [];
  try {
    for (const [relativePath, text] of files) {
      const path = join(directory, relativePath);
      for (let folder = dirname(path), missing: string[] = []; ; folder = dirname(folder)) {
        if (existsSync(folder)) {
          for (const created of missing.reverse()) {
            mkdirSync(created);
            createdFolders.push(created);
          }
          break;
        }
        missing.push(folder);
      }
      const previous = existsSync(path) ? readFileSync(path) : undefined;
      writeFileSync(path, text);
      written.push({ path, previous });
      if (relativePath === 'src/main.ts') chmodSync(path, 0o755);
    }
  } catch (error) {
    for (const { path, previous } of written.reverse()) {
      if (previous === undefined) rmSync(path, { force: true });
      else writeFileSync(path, previous);
    }
    for (const folder of createdFolders.reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // not empty: something else was put there meanwhile
      }
    }
    throw new ScaffoldError(`could not write the connector into ${relative(process.cwd(), directory) || '.'}: ${(error as Error).message}`);
  }
}
