import { existsSync } from 'node:fs';

/** The Python the row uses: Debian's, with Debian's pydantic and httpx. */
export const python = '/usr/bin/python3';

const packages = ['python3-pydantic', 'python3-httpx'];

/** Whether `python3` can import pydantic and httpx; when not, and we are root on Debian, installs them with apt-get. */
export async function ensurePython(say: (line: string) => void): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!existsSync(python)) return { ok: false, reason: `${python} not found` };
  if (await imports()) return { ok: true };
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
    return { ok: false, reason: `pydantic/httpx missing and not root: apt-get install ${packages.join(' ')}` };
  say(`installing ${packages.join(' ')} with apt-get…`);
  if (!(await aptGet(['install', '-y', '-q', ...packages]))) {
    await aptGet(['update', '-q']);
    await aptGet(['install', '-y', '-q', ...packages]);
  }
  return (await imports()) ? { ok: true } : { ok: false, reason: `apt-get install ${packages.join(' ')} did not succeed` };
}

async function imports(): Promise<boolean> {
  const child = Bun.spawn([python, '-c', 'import pydantic, httpx'], { stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
  return (await child.exited) === 0;
}

async function aptGet(args: string[]): Promise<boolean> {
  const child = Bun.spawn(['apt-get', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'inherit',
  });
  return (await child.exited) === 0;
}

/** A Python program that imports pydantic and httpx, as a connector would, then prints `json` as it is. */
export function pythonProgram(json: string): string {
  return `import sys, json\nimport pydantic, httpx\nsys.stdout.write(${JSON.stringify(json)})\n`;
}
