import { defineCommand } from 'citty';
import { compileOnPrem } from './compile-on-prem.ts';
import { stderrLog } from './stderr-log.ts';
import { compileTargetNames } from './targets.ts';

/** `connector compile-on-prem`: prints only the archive's path on stdout; progress goes to stderr. */
export const compileOnPremCommand = defineCommand({
  meta: {
    name: 'compile-on-prem',
    description: 'Build a connector into the archive the Lumos on-premise agent installs (only its path goes to stdout)',
  },
  args: {
    'app-id': {
      type: 'string',
      valueHint: 'id',
      description:
        "The connector's app id (default: the integration's own; another is an error); names the archive <id>-<version> and metadata.toml's <id>_on_prem",
    },
    'connector-root-module-dir': {
      type: 'string',
      required: true,
      valueHint: 'dir',
      description:
        'The connector\'s package folder, e.g. connectors/acme-hr: its package.json gives the version, and the entry point is package.json "module", else "bin", else src/main.ts',
    },
    'output-directory': { type: 'string', valueHint: 'dir', default: 'build', description: 'Where the archive is written' },
    'data-file': { type: 'string', valueHint: 'path', description: 'A file to ship beside the executable, relative to the connector folder; repeat for more' },
    target: {
      type: 'string',
      valueHint: 'target',
      default: 'linux-x64',
      description: `The platform to build for: ${compileTargetNames.join(', ')} (windows-x64 gives a .zip holding main.exe)`,
    },
    verify: {
      type: 'boolean',
      default: true,
      description: 'Unpack the archive and check that `main info` answers with the version, when this machine can run the target',
      negativeDescription: 'Skip that check',
    },
  },
  async run({ args, rawArgs }) {
    const result = await compileOnPrem({
      appId: args['app-id'],
      connectorDirectory: args['connector-root-module-dir'],
      outputDirectory: args['output-directory'],
      dataFiles: repeated(rawArgs, 'data-file'),
      target: args.target,
      verify: args.verify,
      log: stderrLog(),
    });
    await Bun.write(Bun.stdout, `${result.archivePath}\n`);
  },
});

/** Every value of a repeatable option (`--name v` or `--name=v`); citty keeps only the last. */
function repeated(rawArgs: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let index = 0; index < rawArgs.length; index++) {
    const arg = rawArgs[index]!;
    if (arg === '--') break;
    if (arg === `--${name}` && index + 1 < rawArgs.length) values.push(rawArgs[++index]!);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}
