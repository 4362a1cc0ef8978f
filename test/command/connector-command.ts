import { join } from 'node:path';

/** The repository root, where `src/cli/connector.ts` lives. */
export const repositoryRoot = join(import.meta.dir, '..', '..');

/** What a finished process left: its exit code and both streams. */
export interface Finished {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to the end, stdin closed as in CI, and collects stdout, stderr and the exit code together. */
export async function runProgram(command: string[], cwd = repositoryRoot, env: Record<string, string | undefined> = process.env): Promise<Finished> {
  const child = Bun.spawn(command, { cwd, env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  return { exitCode, stdout, stderr };
}

/** Runs the `connector` command (`bun src/cli/connector.ts …`). */
export function connector(args: string[], cwd = repositoryRoot): Promise<Finished> {
  return runProgram([process.execPath, join(repositoryRoot, 'src', 'cli', 'connector.ts'), ...args], cwd);
}
