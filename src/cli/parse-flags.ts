import type { ArgsDef, CommandDef } from 'citty';
import { CliError } from './cli-error.ts';

/** Exit code of a command-line mistake (SPEC §3). */
const usage = 2;

/** Parsed flags by their long name: a string for value flags, `true` for boolean ones. */
export type ParsedFlags = Record<string, string | boolean | undefined>;

/** How strict {@link parseFlags} is beyond the definitions. */
export interface ParseFlagsOptions {
  /** Accept a value flag more than once (the last wins); the `connector` command's citty does. */
  repeatable?: boolean;
  /** Accept camelCase names (`--appId`) and `--no-<flag>` for booleans, as citty does. */
  cittyNames?: boolean;
}

/**
 * Parses flags by their citty definitions. Written out rather than citty's parser, which pulls in
 * node:util at start-up (about a millisecond of every call), and stricter: an unknown option, a
 * repeated one, a value flag without a value or a stray argument is a usage error ({@link CliError}
 * with exit code 2), and no error quotes an argument that may hold a request or a secret.
 */
export function parseFlags(argv: readonly string[], defs: ArgsDef, command?: CommandDef<any>, options: ParseFlagsOptions = {}): ParsedFlags {
  // Plain loops: every call parses its flags once, cold, and the array builtins (filter, flat…) cost
  // the engine a compilation on first use (docs/bench.md).
  const byName = new Map<string, string>();
  const positionals: string[] = [];
  for (const name in defs) {
    const def = defs[name]!;
    if (def.type === 'positional') {
      positionals.push(name);
      continue;
    }
    byName.set(`--${name}`, name);
    if (options.cittyNames) {
      byName.set(`--${name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())}`, name);
      if (def.type === 'boolean') byName.set(`--no-${name}`, name);
    }
    const aliases = 'alias' in def ? def.alias : undefined;
    if (aliases === undefined) continue;
    for (const alias of typeof aliases === 'string' ? [aliases] : aliases) byName.set(alias.length === 1 ? `-${alias}` : `--${alias}`, name);
  }
  const out: ParsedFlags = {};
  let seen = 0;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--' && options.cittyNames) break;
    const equals = arg.startsWith('-') ? arg.indexOf('=') : -1;
    const flag = equals === -1 ? arg : arg.slice(0, equals);
    const name = byName.get(flag);
    if (name === undefined) {
      if (arg.startsWith('-') && arg !== '-') throw new CliError(usage, `unknown option ${describeOption(flag)}.`, command);
      const positional = positionals[seen++];
      if (positional === undefined) throw new CliError(usage, `unexpected argument ${describeArgument(arg)}.`, command);
      out[positional] = arg;
      continue;
    }
    if (out[name] !== undefined && !options.repeatable) throw new CliError(usage, `--${name} was given more than once.`, command);
    if (defs[name]!.type === 'boolean') {
      if (equals !== -1) throw new CliError(usage, `--${name} takes no value.`, command);
      out[name] = true;
      continue;
    }
    const value = equals === -1 ? argv[++index] : arg.slice(equals + 1);
    if (value === undefined || (equals === -1 && value.startsWith('--'))) throw new CliError(usage, `--${name} needs a value.`, command);
    out[name] = value;
  }
  return out;
}

/** Arguments shown as they are: words such as a capability name or a flag, never a request. */
const plainWord = /^-{0,2}[A-Za-z0-9_.-]{1,40}$/;

/**
 * An argument as an error message may show it: a short plain word quoted, anything else (a JSON
 * document, which is a request and may hold secrets; a long or odd string) by its kind and length
 * with at most its first two characters.
 */
export function describeArgument(arg: string): string {
  if (plainWord.test(arg)) return `'${arg}'`;
  const trimmed = arg.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return `(a JSON document of ${arg.length} characters — did you forget --json?)`;
  return `(${arg.length} characters starting ${JSON.stringify(`${arg.slice(0, 2)}…`)})`;
}

/** An unknown option as an error message may show it: bare when it is a plain word (`--jsonn`), as {@link describeArgument} says otherwise. */
export function describeOption(flag: string): string {
  return plainWord.test(flag) ? flag : describeArgument(flag);
}
