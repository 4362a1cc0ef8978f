import { spawnSync } from 'node:child_process';

/**
 * Puts an executable in the page cache the way the kernel reads it from disk, so every measured
 * program starts from the same state whoever wrote it. A file written in small pieces (the connector,
 * unpacked from its archive by a tar stream) stays cached as small pages and started 2.7–3 ms slower
 * per process here than the very same bytes read back from disk, while a floor written by `Bun.build`
 * in one go never paid that (docs/bench.md, "Same page cache for every subject"). GNU dd's
 * `iflag=nocache count=0` drops the file's cached pages; reading it once brings them back with readahead.
 */
export async function settlePageCache(path: string): Promise<void> {
  const dropped = spawnSync('dd', [`if=${path}`, 'iflag=nocache', 'count=0', 'status=none'], { encoding: 'utf8' });
  if (dropped.status !== 0) throw new Error(`dd could not drop ${path} from the page cache: ${dropped.stderr.trim() || `exit ${dropped.status}`}`);
  await Bun.file(path).arrayBuffer();
}
