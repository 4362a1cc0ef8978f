import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompileError } from './compile-error.ts';
import { extractArchive } from './extract-archive.ts';

/** What `main info` answered when the archive was checked. */
export interface Verification {
  appId: string;
  version: string;
  capabilities: string[];
  /** How long `main info` took, in milliseconds. */
  milliseconds: number;
}

/**
 * Unpacks the archive into a temporary folder and runs `main info` there, as the agent would:
 * it must exit 0 and print one JSON document whose `response.version` is the package's version.
 */
export async function verifyArchive(archivePath: string, executable: string, version: string): Promise<Verification> {
  const folder = mkdtempSync(join(tmpdir(), 'connector-verify-'));
  try {
    await extractArchive(archivePath, folder);
    const started = performance.now();
    const child = Bun.spawn([join(folder, executable), 'info'], { cwd: folder, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', timeout: 60_000 });
    const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
    const milliseconds = performance.now() - started;
    if (exitCode !== 0) {
      const reason = stderr.trim().split('\n').at(-1) || `signal ${child.signalCode ?? 'none'}`;
      throw new CompileError(`the built executable failed \`${executable} info\` (exit ${exitCode}): ${reason}`);
    }
    let document: { response?: { app_id?: unknown; version?: unknown; capabilities?: unknown } };
    try {
      document = JSON.parse(stdout);
    } catch {
      throw new CompileError(
        `the built executable's \`${executable} info\` did not print one JSON document on stdout (it printed ${JSON.stringify(stdout.slice(0, 80))}…).`,
      );
    }
    const response = document.response ?? {};
    if (response.version !== version) {
      throw new CompileError(
        `the built executable reports version ${JSON.stringify(response.version)} but package.json says ${JSON.stringify(version)}: take the integration's version from package.json.`,
      );
    }
    return {
      appId: String(response.app_id),
      version,
      capabilities: Array.isArray(response.capabilities) ? response.capabilities.map(String) : [],
      milliseconds,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
