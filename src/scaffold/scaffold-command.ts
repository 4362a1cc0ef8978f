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
  },
  async run({ args }) {
    const log = stderrLog();
    const result = await scaffold({
      name: args.name,
      directory: args.directory,
      force: args.force,
      authorName: args['author-name'],
      authorEmail: args['author-email'],
      log,
    });
    const where = relative(process.cwd(), result.directory) || '.';
    log.info(`Next: npm install (a new workspace package needs it), cd ${where} && bun test, then point src/client.ts at the real ${result.names.title} API.`);
    await Bun.write(Bun.stdout, `${result.directory}\n`);
  },
});
