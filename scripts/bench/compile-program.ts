import { settlePageCache } from './settle-page-cache.ts';

/**
 * Compiles a single-file Bun program with the flags `connector compile-on-prem` uses (minified,
 * bytecode, ESM, JIT policy 8, no .env or bunfig.toml picked up at run time), so a floor differs from the
 * connector only in what it runs, and settles it in the page cache as the connectors are.
 */
export async function compileProgram(entryPoint: string, outfile: string): Promise<string> {
  const build = await Bun.build({
    entrypoints: [entryPoint],
    target: 'bun',
    format: 'esm',
    minify: true,
    bytecode: true,
    throw: false,
    compile: { outfile, autoloadDotenv: false, autoloadBunfig: false, jitPolicy: 8 },
  });
  if (!build.success) throw new Error(`bun build --compile ${entryPoint} failed: ${build.logs.map(String).join('; ')}`);
  await settlePageCache(outfile);
  return outfile;
}
