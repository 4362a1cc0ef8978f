import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { defineCommand } from 'citty';
import { connectorHarness } from '../testing/connector-harness.ts';
import { CheckFixture, runChecks } from './check-connector.ts';

/** The fixture file `connector check` reads when `--fixture` is not given. */
export const defaultFixtureName = 'connector-check.json';

/** A failure of the command itself (exit code 1 unless said otherwise). */
class CheckError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/**
 * `connector check [DIR]`: runs the conformance check against the connector in DIR (its entry point
 * run with Bun, or `--binary`), one line per check on stdout and a summary; exit code 1 when one fails.
 */
export const checkCommand = defineCommand({
  meta: { name: 'check', description: "Check that a connector honours the agent's contract (info, envelopes, bad requests, pagination, secrets)" },
  args: {
    dir: { type: 'positional', required: false, default: '.', description: 'The connector package (with package.json); the current directory by default' },
    fixture: { type: 'string', description: `The fixture file with settings, credentials and requests (default DIR/${defaultFixtureName})` },
    binary: { type: 'string', description: "A compiled executable to check instead of the package's entry point" },
  },
  async run({ args }) {
    const dir = resolve(String(args.dir ?? '.'));
    const fixture = readFixture(args.fixture ? resolve(String(args.fixture)) : join(dir, defaultFixtureName));
    const program = args.binary ? resolve(String(args.binary)) : entryPoint(dir);
    const harness = connectorHarness.binary(program, {
      auth: fixture.auth,
      credentials: fixture.credentials,
      settings: fixture.settings,
      logLevel: 'DEBUG',
      cwd: dir,
    });
    try {
      const report = await runChecks(harness, fixture, { onLine: (line) => process.stdout.write(`${line}\n`) });
      if (!report.ok) throw new CheckError('the connector failed the check (see the FAIL lines above).');
    } finally {
      harness.close();
    }
  },
});

function readFixture(path: string): CheckFixture {
  if (!existsSync(path)) {
    throw new CheckError(
      `no fixture file at ${path}: write one with the settings and credentials to run with (see the README's 'connector check'), or pass --fixture.`,
      2,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CheckError(`${path} is not valid JSON: ${(error as Error).message.replace(/\s*"[^"]*"?/g, '')}`);
  }
  const parsed = v.safeParse(CheckFixture, raw);
  if (!parsed.success) {
    // Name the fields, never echo their values: a fixture holds credentials.
    throw new CheckError(
      `${path} is not a check fixture: ${parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'} ${issue.expected ? `expected ${issue.expected}` : 'is invalid'}`).join('; ')}`,
    );
  }
  return parsed.output;
}

/** The package's entry point: its `bin` (the first one), else `module`, else `src/main.ts`. */
function entryPoint(dir: string): string {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) throw new CheckError(`${dir} has no package.json: give the connector's package directory.`, 2);
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { bin?: string | Record<string, string>; module?: string };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin ? Object.values(pkg.bin)[0] : undefined;
  const entry = join(dir, bin ?? pkg.module ?? 'src/main.ts');
  if (!existsSync(entry)) throw new CheckError(`the entry point ${entry} does not exist.`);
  return entry;
}
