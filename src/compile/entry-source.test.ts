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
