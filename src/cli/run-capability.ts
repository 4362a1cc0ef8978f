import { dispatch } from '../dispatch/dispatch.ts';
import type { Integration } from '../integration/create-integration.ts';
import { CliError } from './cli-error.ts';
import { capabilityArgs, capabilityCommand, wantsHelp } from './commands.ts';
import { emit, proxyUnsupported, resultPathOf } from './emit.ts';
import { exitCodes } from './exit-codes.ts';
import { parseFlags } from './parse-flags.ts';
import { readJsonFile } from './read-json-file.ts';
import { stripQuotes } from './result-file.ts';

/** `main <capability> (--json S | --json-file P) [--result-file-path F.gz]`: one request through `dispatch`. */
export async function runCapability(integration: Integration<any>, name: string, argv: string[]): Promise<number> {
  const command = capabilityCommand(integration, name);
  if (wantsHelp(argv)) return (await import('./help.ts')).help(command, integration);
  const args = parseFlags(argv, capabilityArgs, command);
  const resultPath = resultPathOf(args);
  const inline = args['json'] as string | undefined;
  const file = args['json-file'] as string | undefined;
  if (inline !== undefined && file !== undefined) {
    throw new CliError(exitCodes.usage, 'give either --json or --json-file, not both.', command);
  }
  if (inline === undefined && file === undefined) {
    throw new CliError(exitCodes.usage, `${name} needs its request: pass --json '<JSON>' or --json-file <path>.`, command);
  }
  if (args['use-proxy']) return emit(proxyUnsupported(integration), resultPath);
  const json = inline ?? readJsonFile(stripQuotes(file!));
  const result = await dispatch(integration, name, json, { logInvocation: { resultPath }, oneRequestPerProcess: true });
  return emit(result.envelope, resultPath);
}
