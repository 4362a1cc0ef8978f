import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { extract } from 'tar';

/** Unpacks a `.tar.gz` or `.zip` into a folder, as the agent does before it runs the connector. */
export async function extractArchive(archivePath: string, into: string): Promise<void> {
  mkdirSync(into, { recursive: true });
  if (archivePath.endsWith('.zip')) {
    const root = resolve(into);
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(archivePath)))) {
      const path = resolve(root, name);
      if (!path.startsWith(root + sep)) throw new Error(`the archive member ${name} points outside the archive`);
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
    }
    return;
  }
  await extract({ file: archivePath, cwd: into, strict: true });
}
