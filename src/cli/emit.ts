import { errorEnvelope, sdkError } from '../errors/wire-error.ts';
import type { Integration } from '../integration/create-integration.ts';
import { CliError } from './cli-error.ts';
import { exitCodes } from './exit-codes.ts';
import { resultPathProblem, stripQuotes, writeResultFile } from './result-file.ts';

/** The checked `--result-file-path`, quotes stripped, or undefined for stdout. */
export function resultPathOf(args: Record<string, string | boolean | undefined>): string | undefined {
  const raw = args['result-file-path'];
  if (raw === undefined) return undefined;
  const path = stripQuotes(raw as string);
  const problem = resultPathProblem(path);
  if (problem) throw new CliError(exitCodes.noEnvelope, problem);
  return path;
}

/** Prints the one JSON document on stdout, or writes it gzip-compressed to the result file. */
export async function emit(document: unknown, resultPath: string | undefined): Promise<number> {
  return emitText(JSON.stringify(document), resultPath);
}

/** {@link emit} for a document already serialised (the precomputed `info`). */
export async function emitText(text: string, resultPath: string | undefined): Promise<number> {
  if (resultPath !== undefined) {
    try {
      writeResultFile(resultPath, text);
    } catch (error) {
      throw new CliError(exitCodes.noEnvelope, `cannot write --result-file-path ${JSON.stringify(resultPath)}: ${(error as Error).message.split('\n')[0]}`);
    }
    return exitCodes.ok;
  }
  try {
    await Bun.write(Bun.stdout, `${text}\n`);
  } catch (error) {
    throw new CliError(
      exitCodes.noEnvelope,
      `cannot write the answer to stdout: ${(error as { code?: string }).code ?? (error as Error).message.split('\n')[0]}.`,
    );
  }
  return exitCodes.ok;
}

/** The answer to `--use-proxy`/`--sip`: the Lumos-internal proxy does not exist on premises. */
export function proxyUnsupported(integration: Integration<any>): unknown {
  return errorEnvelope(
    sdkError(
      integration.appId,
      'unsupported_operation',
      '--use-proxy/--sip sends calls through the Lumos-internal secure integration proxy, which is not available to on-premise connectors. Run the command without it.',
    ),
  );
}
