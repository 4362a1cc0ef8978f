/** Exit codes of the connector executable (SPEC §3). */
export const exitCodes = {
  /** A JSON envelope was produced, including a handled error. */
  ok: 0,
  /** The process failed before it could produce an envelope. */
  crash: 1,
  /** An input or output file (`--json-file`, `--result-file-path`, stdout) could not be read or written: no envelope. */
  noEnvelope: 1,
  /** The command line was wrong. */
  usage: 2,
} as const;
