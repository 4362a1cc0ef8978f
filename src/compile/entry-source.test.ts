import { expect, test } from 'bun:test';
import { entrySource } from './entry-source.ts';

test('the generated entry is valid TypeScript that imports the connector by its exact path, quotes and all', () => {
  const path = `/work/it's "odd"/connector\\src/main.ts`;
  const transpiler = new Bun.Transpiler({ loader: 'ts' });
  const source = entrySource(path);
  expect(() => transpiler.transformSync(source)).not.toThrow();
  expect(transpiler.scanImports(source)).toEqual([
    { path: 'node:fs', kind: 'dynamic-import' },
    { path, kind: 'dynamic-import' },
  ]);
});

test('with a checks module, the entry imports it before the connector, and only off the info path', () => {
  const transpiler = new Bun.Transpiler({ loader: 'ts' });
  const source = entrySource('/c/src/main.ts', '/stage/compiled-checks.ts');
  expect(() => transpiler.transformSync(source)).not.toThrow();
  expect(transpiler.scanImports(source)).toEqual([
    { path: 'node:fs', kind: 'dynamic-import' },
    { path: '/stage/compiled-checks.ts', kind: 'dynamic-import' },
    { path: '/c/src/main.ts', kind: 'dynamic-import' },
  ]);
  expect(source.indexOf('/stage/compiled-checks.ts')).toBeGreaterThan(source.indexOf("process.argv[2] === 'info'"));
});
