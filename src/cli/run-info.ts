import type { Integration } from '../integration/create-integration.ts';
import { CliError } from './cli-error.ts';
import { infoArgs, infoCommand, wantsHelp } from './commands.ts';
import { emit, emitText, proxyUnsupported, resultPathOf } from './emit.ts';
import { exitCodes } from './exit-codes.ts';
import { parseFlags } from './parse-flags.ts';

/** The `info` document, when compile-on-prem computed it at build time (a build-time constant). */
declare const LUMOS_PRECOMPUTED_INFO: string | undefined;

/** `main info [--result-file-path F.gz]`: the precomputed document when there is one, else built now. */
export async function runInfo(integration: Integration<any>, argv: string[]): Promise<number> {
  const command = infoCommand();
  if (wantsHelp(argv)) return (await import('./help.ts')).help(command, integration);
  if (argv.some((arg) => arg === '--json' || arg.startsWith('--json=') || arg === '--json-file' || arg.startsWith('--json-file='))) {
    throw new CliError(exitCodes.usage, 'info takes no --json or --json-file: run it on its own.', command);
  }
  const args = parseFlags(argv, infoArgs, command);
  const resultPath = resultPathOf(args);
  if (args['use-proxy']) return emit(proxyUnsupported(integration), resultPath);
  if (typeof LUMOS_PRECOMPUTED_INFO === 'string') return emitText(LUMOS_PRECOMPUTED_INFO, resultPath);
  const { buildInfo } = await import('../info/info.ts');
  return emit({ response: buildInfo(integration) }, resultPath);
}
