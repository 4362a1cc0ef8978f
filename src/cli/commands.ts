import type { ArgsDef, CommandDef } from 'citty';
import type { Integration } from '../integration/create-integration.ts';

/** The flags of a capability command. */
export const capabilityArgs = {
  json: { type: 'string', description: 'The request envelope as a JSON string' },
  'json-file': { type: 'string', description: 'A file holding the request envelope (UTF-8; a BOM is fine)' },
  'result-file-path': { type: 'string', description: 'Write the gzip-compressed result here (must end in .gz) instead of stdout' },
  'use-proxy': { type: 'boolean', alias: ['sip'], description: 'Lumos-internal proxy; not available outside Lumos' },
} as const satisfies ArgsDef;

/** The flags of `info`. */
export const infoArgs = {
  'result-file-path': capabilityArgs['result-file-path'],
  'use-proxy': capabilityArgs['use-proxy'],
} as const satisfies ArgsDef;

/** The flags of `dev http-server`. */
export const devServerArgs = {
  port: { type: 'string', alias: ['p'], description: 'The port (0 picks a free one)', default: '8000' },
  host: { type: 'string', description: 'The address to bind', default: '127.0.0.1' },
  watch: { type: 'boolean', description: 'Restart when a source file changes (when run from source)' },
} as const satisfies ArgsDef;

/** The flags of `dev sync`. */
export const devSyncArgs = {
  'json-file': { type: 'string', description: 'The request envelope: credentials, settings, page size; "requests" gives payloads by capability' },
  out: { type: 'string', description: "Write each capability's items to <out>/<capability>.json" },
  'max-pages': { type: 'string', description: 'Stop a list after this many pages', default: '100000' },
} as const satisfies ArgsDef;

/**
 * The executable's own commands beside the capabilities, by the name typed and what each runs
 * (`hacking` is the reference's name for `dev`).
 */
export const reservedCommands = { info: 'info', dev: 'dev', hacking: 'dev', help: 'help', '--help': 'help', '-h': 'help' } as const;

/** The `info` command's description (for help and usage errors). */
export function infoCommand(): CommandDef<any> {
  return { meta: { name: 'info', description: 'Describe the connector: capabilities, settings and credential schemas' }, args: infoArgs };
}

/** A capability command's description. */
export function capabilityCommand(integration: Integration<any>, name: string): CommandDef<any> {
  const definition = integration.capabilities.get(name)!;
  // Read only by help and usage errors: a call that parses fine never works out the display name.
  return {
    meta: {
      name,
      get description() {
        return definition.description ?? definition.displayName;
      },
    },
    args: capabilityArgs,
  };
}

/** The `dev` command's description, with its two subcommands. */
export function devCommand(): CommandDef<any> {
  return {
    meta: { name: 'dev', alias: 'hacking', description: 'Developer tools: a local HTTP server and a full sync' },
    subCommands: {
      'http-server': { meta: { name: 'http-server', description: 'Serve the capabilities over HTTP with a browsable API at /docs' }, args: devServerArgs },
      sync: { meta: { name: 'sync', description: 'Walk every read capability page by page and report counts and problems' }, args: devSyncArgs },
    },
  };
}

/** Whether the arguments ask for help. */
export function wantsHelp(argv: string[]): boolean {
  for (let index = 0; index < argv.length; index++) if (argv[index] === '--help' || argv[index] === '-h') return true;
  return false;
}
