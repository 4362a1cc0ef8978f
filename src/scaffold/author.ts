import { createInterface } from 'node:readline/promises';

/** Who the generated package.json names as its author. */
export interface Author {
  name: string;
  email: string;
}

/**
 * The author: the options when given; else, on a terminal, asked for with git's identity as the
 * default; else (CI, pipes) git's identity or a placeholder, without asking.
 */
export async function resolveAuthor(
  given: { name?: string | undefined; email?: string | undefined },
  interactive = Boolean(process.stdin.isTTY),
): Promise<Author> {
  const fallback = { name: gitConfig('user.name') ?? 'Connector Author', email: gitConfig('user.email') ?? 'author@example.com' };
  if ((given.name && given.email) || !interactive) return { name: given.name || fallback.name, email: given.email || fallback.email };
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const ask = async (question: string, value: string | undefined, defaultValue: string) =>
      value || (await prompt.question(`${question} (${defaultValue}): `)).trim() || defaultValue;
    return { name: await ask('Author name', given.name, fallback.name), email: await ask('Author e-mail', given.email, fallback.email) };
  } finally {
    prompt.close();
  }
}

function gitConfig(key: string): string | undefined {
  try {
    const result = Bun.spawnSync(['git', 'config', '--get', key], { stdin: 'ignore', stdout: 'pipe', stderr: 'ignore' });
    const value = result.exitCode === 0 ? result.stdout.toString().trim() : '';
    return value || undefined;
  } catch {
    return undefined; // no git on this machine
  }
}
