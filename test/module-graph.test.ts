// The shape of src/: the core imports no plug-in, and no file imports itself back through others.
// For cycles, type-only imports (erased at build time) do not count and `await import()` does; for
// "who imports the OAuth plug-in", every import counts, type-only ones included.
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dir, '..');
const transpiler = new Bun.Transpiler({ loader: 'ts' });

/** Every source file of src/ (tests and type tests left out) with the src/ files it imports. */
function moduleGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of new Bun.Glob('src/**/*.ts').scanSync({ cwd: root })) {
    if (/\.test(-d)?\.ts$/.test(file)) continue;
    const imports = transpiler
      // A shebang line is not TypeScript.
      .scanImports(readFileSync(join(root, file), 'utf8').replace(/^#!.*/, ''))
      .map((entry) => entry.path)
      .filter((path) => path.startsWith('.'))
      .map((path) => relative(root, resolve(root, dirname(file), path)));
    graph.set(file, imports);
  }
  return graph;
}

/** The import cycles of a graph, each as the files around it (first file repeated at the end). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('the module graph of src/', () => {
  const graph = moduleGraph();

  test('has no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  test('finds a cycle when there is one (the check can fail)', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
    ]);
    expect(cycles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  test('no file outside the OAuth plug-in imports it, not even for a type', () => {
    const importers: string[] = [];
    for (const file of graph.keys()) {
      if (file.startsWith('src/oauth/')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(/(?:from\s*|import\()\s*'(\.[^']+)'/g)) {
        if (relative(root, resolve(root, dirname(file), match[1]!)).startsWith('src/oauth/')) importers.push(file);
      }
    }
    expect(importers).toEqual([]);
  });

  test('the core imports neither plug-in: only the plug-ins themselves reach src/http or src/oauth', () => {
    const plugIns = ['src/http/', 'src/oauth/'];
    // Plug-ins may use each other (OAuth token requests go out through the HTTP kit's transport);
    // the testing kit and the check are clients of the SDK too.
    const clients = [...plugIns, 'src/testing/', 'src/check/'];
    const importers: string[] = [];
    for (const file of graph.keys()) {
      if (clients.some((prefix) => file.startsWith(prefix))) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(/(?:from\s*|import\()\s*'(\.[^']+)'/g)) {
        const target = relative(root, resolve(root, dirname(file), match[1]!));
        if (plugIns.some((prefix) => target.startsWith(prefix))) importers.push(`${file} → ${target}`);
      }
    }
    expect(importers).toEqual([]);
  });

  test('the OAuth plug-in imports no underscore-prefixed name of another module', () => {
    const offenders: string[] = [];
    for (const [file] of graph) {
      if (!file.startsWith('src/oauth/')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const match of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'(\.\.\/[^']+)'/g)) {
        if (/(^|[\s,])_\w/.test(match[1]!)) offenders.push(`${file} ← ${match[2]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  test('arctic is imported by the OAuth plug-in only', () => {
    const importers: string[] = [];
    for (const file of new Bun.Glob('{src,connectors}/**/*.ts').scanSync({ cwd: root })) {
      if (file.startsWith('src/oauth/')) continue;
      if (/from\s*'arctic|import\('arctic/.test(readFileSync(join(root, file), 'utf8'))) importers.push(file);
    }
    expect(importers).toEqual([]);
  });
});
