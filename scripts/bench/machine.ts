import { existsSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';

/** One line describing the machine the numbers come from. */
export function describeMachine(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const debian = existsSync('/etc/debian_version') ? `Debian ${readFileSync('/etc/debian_version', 'utf8').trim()}` : process.platform;
  const memory = `${Math.round(totalmem() / 1024 ** 3)} GiB RAM`;
  return `${processors.length} × ${model}, ${memory}, ${debian} (Linux ${release()}), Bun ${Bun.version}`;
}
