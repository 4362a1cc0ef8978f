import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
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
  log?: ProgressLog | undefined;
}

/** What `scaffold` generated. */
export interface ScaffoldResult {
  directory: string;
  names: ConnectorNames;
  /** The generated files, relative to the directory. */
  files: string[];
}

const templates = join(import.meta.dir, 'templates');
const sdkRoot = resolve(import.meta.dir, '..', '..');

/**
 * Generates a connector package: package.json, tsconfig.json, src/ (entry point, integration, settings,
 * HTTP client, read and write capabilities) and tests against a fake API. Existing files are kept unless
 * `force`; on failure every file written is removed (or restored). Throws a {@link ScaffoldError}.
 */
export async function scaffold(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const names = connectorNames(options.name);
  const directory = resolve(options.directory);
  if (existsSync(directory) && !statSync(directory).isDirectory()) throw new ScaffoldError(`${options.directory} exists and is not a folder.`, 2);
  const author = await resolveAuthor({ name: options.authorName, email: options.authorEmail }, options.interactive);
  const files = generatedFiles(names, author, directory);

  const existing = [...files.keys()].filter((path) => existsSync(join(directory, path)));
  if (existing.length > 0 && !options.force) {
    const more = existing.length > 1 ? ` and ${existing.length - 1} more` : '';
    throw new ScaffoldError(`${join(options.directory, existing[0]!)}${more} already exist(s): pass --force to overwrite.`);
  }
  writeAll(directory, files);
  options.log?.success(`Generated the ${names.title} connector in ${relative(process.cwd(), directory) || '.'} (${files.size} files).`);
  return { directory, names, files: [...files.keys()] };
}

/** The generated files by path: the templates filled in, plus package.json and tsconfig.json. */
function generatedFiles(names: ConnectorNames, author: Author, directory: string): Map<string, string> {
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
  files.set('package.json', `${JSON.stringify(packageJson(names, author), null, 2)}\n`);
  files.set('tsconfig.json', `${JSON.stringify(tsconfig(directory), null, 2)}\n`);
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

function packageJson(names: ConnectorNames, author: Author): Record<string, unknown> {
  const sdk = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')) as { name: string; version: string; dependencies: Record<string, string> };
  return {
    name: names.name,
    version: '0.1.0',
    description: `A Lumos on-premise connector for ${names.title}.`,
    type: 'module',
    private: true,
    author: `${author.name} <${author.email}>`,
    bin: { [names.name]: './src/main.ts' },
    module: './src/main.ts',
    scripts: { start: 'bun src/main.ts', test: 'bun test', typecheck: 'tsc --noEmit -p .' },
    dependencies: {
      // Inside the SDK's repository the SDK resolves through tsconfig paths; elsewhere it is a dependency.
      ...(sdkIsInstalled() ? { [sdk.name]: sdk.version } : {}),
      valibot: sdk.dependencies['valibot'],
    },
  };
}

function tsconfig(directory: string): Record<string, unknown> {
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
      ...(sdkIsInstalled() ? {} : { paths: { 'lumos-connector-sdk': [`${sdk}/src/index.ts`], 'lumos-connector-sdk/*': [`${sdk}/src/*/index.ts`] } }),
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
