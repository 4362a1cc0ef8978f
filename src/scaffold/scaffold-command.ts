import { relative } from 'node:path';
import { defineCommand } from 'citty';
import { stderrLog } from '../compile/stderr-log.ts';
import { scaffold } from './scaffold.ts';

/** `connector scaffold`: prints the generated folder on stdout; what to do next goes to stderr. */
export const scaffoldCommand = defineCommand({
  meta: { name: 'scaffold', description: 'Generate a connector package: integration, HTTP client, read and write capabilities, tests' },
  args: {
    name: { type: 'positional', required: true, description: 'The connector name, e.g. acme-hr (also its app id and package name)' },
    directory: { type: 'positional', required: true, description: 'The folder to generate into, e.g. connectors/acme-hr' },
    force: { type: 'boolean', alias: 'f', description: 'Overwrite files that already exist' },
    'author-name': { type: 'string', valueHint: 'name', description: "The package's author; asked for on a terminal, else git's user.name" },
    'author-email': { type: 'string', valueHint: 'email', description: "The author's e-mail; asked for on a terminal, else git's user.email" },
    title: { type: 'string', valueHint: 'name', description: 'The name shown to people, e.g. "Acme HR" (default: the name with the capitals you typed)' },
    sdk: {
      type: 'string',
      valueHint: 'spec',
      description: 'Outside the SDK repository: where the project gets the SDK (a version, a tarball or folder path, a git URL); default the version being run',
    },
  },
  async run({ args }) {
    const log = stderrLog();
    const result = await scaffold({
      name: args.name,
      directory: args.directory,
      force: args.force,
      authorName: args['author-name'],
      authorEmail: args['author-email'],
      title: args.title,
      sdk: args.sdk,
      log,
    });
    const where = relative(process.cwd(), result.directory) || '.';
    const next =
      result.layout === 'standalone'
        ? `cd ${where} && npm install && npm test (then npm run build for the agent's archive)`
        : `npm install (the new workspace package needs it), then cd ${where} && npm test (npm run build for the agent's archive)`;
    log.info(`Next: ${next}; point src/client.ts at the real ${result.names.title} API.`);
    await Bun.write(Bun.stdout, `${result.directory}\n`);
  },
});
