import { basename } from 'node:path';

/** One finished process: how long it took, what it printed, and what it cost. */
export interface TimedRun {
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  stdout: string;
  /** User plus system CPU time, in ms. */
  cpuMs: number;
}

/** The environment every measured process gets: ours, without the connector's LUMOS_* settings. */
export function benchEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !name.startsWith('LUMOS_')) env[name] = value;
  return env;
}

/** Runs a command to its end and times it; a non-zero exit throws with the start of its stderr. */
export async function timedRun(command: readonly string[], cwd?: string): Promise<TimedRun> {
  const started = performance.now();
  const child = Bun.spawn([...command], { ...(cwd === undefined ? {} : { cwd }), env: benchEnv(), stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, exitCode] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  const ms = performance.now() - started;
  if (exitCode !== 0) {
    throw new Error(`${basename(command[0] ?? '?')} ${command[1] ?? ''} exited with ${exitCode}: ${stderr.trim().slice(0, 400)}`);
  }
  const usage = child.resourceUsage();
  // resourceUsage().maxRSS is not used: it carries this process's own high-water mark (see peak-rss.ts).
  return { ms, stdout, cpuMs: usage ? Number(usage.cpuTime.total) / 1000 : Number.NaN };
}
