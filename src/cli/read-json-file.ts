import { CliError } from './cli-error.ts';
import { exitCodes } from './exit-codes.ts';

/** Reads `--json-file` as UTF-8 without a BOM; a file that cannot be read is an error with no envelope (exit 1). */
export function readJsonFile(path: string): string {
  let text: string;
  try {
    text = (require('node:fs') as typeof import('node:fs')).readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CliError(exitCodes.noEnvelope, `cannot read --json-file ${JSON.stringify(path)}: ${why}.`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
