import type { CommandDef } from 'citty';
import type { Integration } from '../integration/create-integration.ts';
import { capabilityCommand, devCommand, infoCommand } from './commands.ts';
import { exitCodes } from './exit-codes.ts';
import { writeStderr } from './std-streams.ts';

/** Prints a command's usage on stderr (help is never the answer, so never stdout). */
export async function help(command: CommandDef<any>, integration: Integration<any>): Promise<number> {
  writeStderr(`${await usage(command, rootCommand(integration))}\n`);
  return exitCodes.ok;
}

/** The whole command tree, built only when help or a usage error is printed. */
export function rootCommand(integration: Integration<any>): CommandDef<any> {
  const subCommands: Record<string, CommandDef<any>> = { info: infoCommand(), dev: devCommand() };
  for (const name of [...integration.capabilities.keys()].sort()) subCommands[name] = capabilityCommand(integration, name);
  return {
    meta: {
      name: integration.appId,
      version: integration.version,
      description: `Lumos connector for ${integration.options.description.userFriendlyName}. Every command prints one JSON document on stdout`,
    },
    subCommands,
  };
}

/** Usage text from citty, loaded only when help is shown. */
export async function usage(command: CommandDef<any>, parent?: CommandDef<any>): Promise<string> {
  const { renderUsage } = await import('citty');
  return renderUsage(command, parent);
}
