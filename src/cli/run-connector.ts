import type { Integration } from '../integration/create-integration.ts';
import { configureLogging, log, redactLogText } from '../logging/logger.ts';
import { CliError } from './cli-error.ts';
import { reservedCommands } from './commands.ts';
import { exitCodes } from './exit-codes.ts';
import { exitNow } from './exit-now.ts';
import { describeArgument } from './parse-flags.ts';
import { routeConsole } from './route-console.ts';
import { runCapability } from './run-capability.ts';
import { runInfo } from './run-info.ts';
import { writeStderr } from './std-streams.ts';

export { exitCodes } from './exit-codes.ts';

/**
 * The connector executable's entry point: parses argv, runs `info` or one capability, prints one
 * JSON document (or writes the result file), and exits with 0, 1 or 2 as SPEC §3 says.
 *
 * @example
 * // src/main.ts
 * import { runConnector } from 'lumos-connector-sdk';
 * import { integration } from './integration.ts';
 * await runConnector(integration);
 */
export async function runConnector(integration: Integration<any>, argv: string[] = process.argv.slice(2)): Promise<never> {
  configureLogging({ appId: integration.appId });
  routeConsole(log);
  let exitCode: number = exitCodes.ok;
  try {
    exitCode = await run(integration, argv);
  } catch (error) {
    if (error instanceof CliError) {
      if (error.showHelp) {
        const { rootCommand, usage } = await import('./help.ts');
        writeStderr(`${await usage(error.showHelp, rootCommand(integration))}\n\n`);
      }
      writeStderr(`${integration.appId}: ${error.message}\n`);
      exitCode = error.exitCode;
    } else {
      const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
      writeStderr(`${integration.appId}: ${redactLogText(reason)}\n`);
      exitCode = exitCodes.crash;
    }
  }
  exitNow(exitCode);
}

/** Routes argv to its command: `info` and capabilities are loaded with the executable; help and `dev` when asked for. */
async function run(integration: Integration<any>, argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    const { rootCommand, usage } = await import('./help.ts');
    writeStderr(`No command passed in.\n\n${await usage(rootCommand(integration))}\n`);
    return exitCodes.crash;
  }
  const reserved = Object.hasOwn(reservedCommands, command) ? reservedCommands[command as keyof typeof reservedCommands] : undefined;
  if (reserved === 'help') {
    const { rootCommand, usage } = await import('./help.ts');
    writeStderr(`${await usage(rootCommand(integration))}\n`);
    return exitCodes.ok;
  }
  if (reserved === 'info') return runInfo(integration, rest);
  if (reserved === 'dev') return (await import('./run-dev.ts')).runDev(integration, rest);
  if (!integration.capabilities.has(command)) {
    const known = ['info', ...[...integration.capabilities.keys()].sort()].join(', ');
    throw new CliError(exitCodes.usage, `unknown command ${describeArgument(command)}. Commands: ${known}.`);
  }
  return runCapability(integration, command, rest);
}
