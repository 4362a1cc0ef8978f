import { createConsola } from 'consola/basic';
import type { ProgressLog } from './compile-on-prem.ts';

/** A consola logger that writes every level to stderr, so stdout keeps only a command's result. */
export function stderrLog(): ProgressLog {
  return createConsola({ stdout: process.stderr, stderr: process.stderr });
}
