#!/usr/bin/env bun
/**
 * The `connector` command: build a connector for the Lumos on-premise agent (`compile-on-prem`),
 * start a new one (`scaffold`), print the Connector API's OpenAPI document (`spec`), check one
 * against the agent's contract (`check`).
 *
 * Results go to stdout, progress and errors to stderr. Exit codes: 0 done, 1 the work failed,
 * 2 the command line was wrong; every failure ends with one line saying why.
 *
 * @module
 */
import { renderUsage, runCommand, type CommandDef } from 'citty';
import packageJson from '../../package.json' with { type: 'json' };
import { CliError } from './cli-error.ts';
import { describeArgument, describeOption, parseFlags } from './parse-flags.ts';
import { stripColours } from './strip-colours.ts';

const main: CommandDef<any> = {
  meta: {
    name: 'connector',
    version: packageJson.version,
    description: 'Build, start and describe Lumos on-premise connectors written with lumos-connector-sdk',
  },
  subCommands: {
    check: () => import('../check/check-command.ts').then((module) => module.checkCommand as CommandDef<any>),
    'compile-on-prem': () => import('../compile/compile-on-prem-command.ts').then((module) => module.compileOnPremCommand as CommandDef<any>),
    scaffold: () => import('../scaffold/scaffold-command.ts').then((module) => module.scaffoldCommand as CommandDef<any>),
    spec: () => import('../spec/spec-command.ts').then((module) => module.specCommand as CommandDef<any>),
  },
};

/** Exit code of a wrong command line. */
const usage = 2;

await run(process.argv.slice(2));

async function run(argv: string[]): Promise<void> {
  let usageOf = 'connector';
  try {
    const [first] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') return await printUsage(main);
    if (first === '--version' || first === '-v') return await print(`${packageJson.version}\n`);
    if (first.startsWith('-')) throw new CliError(usage, `unknown option ${describeOption(first)}.`);
    const subCommands = (await resolve(main.subCommands)) ?? {};
    if (!Object.hasOwn(subCommands, first))
      throw new CliError(usage, `unknown command ${describeArgument(first)}. Commands: ${Object.keys(subCommands).join(', ')}.`);
    usageOf = `connector ${first}`;
    const command = await resolve(subCommands[first]!);
    const rest = argv.slice(1);
    if (rest.includes('--help') || rest.includes('-h')) return await printUsage(command, main);
    try {
      // Checked here because citty lets unknown options and surplus arguments through; citty parses.
      parseFlags(rest, (await resolve(command.args)) ?? {}, undefined, { repeatable: true, cittyNames: true });
    } catch (error) {
      throw error instanceof CliError ? new CliError(error.exitCode, `${first}: ${error.message}`) : error;
    }
    await runCommand(command, { rawArgs: rest });
  } catch (error) {
    // A reader that stopped early (`connector spec | head`) is not a failure worth a message.
    if ((error as { code?: unknown })?.code === 'EPIPE') return;
    process.exitCode = exitCodeOf(error);
    const message = stripColours(error instanceof Error ? error.message : String(error))
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
    const hint = process.exitCode === 2 ? ` Run '${usageOf} --help' for usage.` : '';
    await Bun.write(Bun.stderr, `connector: ${sentence}${hint}\n`);
  }
}

function exitCodeOf(error: unknown): number {
  const code = (error as { exitCode?: unknown })?.exitCode;
  if (typeof code === 'number') return code;
  // citty's own errors (a missing required argument, a bad enum value) are usage errors.
  return (error as { name?: unknown })?.name === 'CLIError' ? 2 : 1;
}

async function printUsage(command: CommandDef<any>, parent?: CommandDef<any>): Promise<void> {
  await print(`${plain(await renderUsage(command, parent))}\n`);
}

async function print(text: string): Promise<void> {
  await Bun.write(Bun.stdout, text);
}

async function resolve<T>(value: T | Promise<T> | (() => T | Promise<T>)): Promise<T> {
  return typeof value === 'function' ? await (value as () => T | Promise<T>)() : await value;
}

/** citty colours its text; keep escape codes out of pipes and logs. */
function plain(text: string): string {
  return process.stdout.isTTY ? text : stripColours(text);
}
