import { defineCommand } from 'citty';
import { buildConnectorApiSpec } from './connector-api-spec.ts';

/** `connector spec`: prints the Connector API's OpenAPI document on stdout. */
export const specCommand = defineCommand({
  meta: { name: 'spec', description: 'Print the OpenAPI 3.0 document of the whole Connector API (all 43 capabilities)' },
  args: {
    format: { type: 'enum', options: ['json', 'yaml'], default: 'json', description: 'The output format' },
  },
  async run({ args }) {
    const document = buildConnectorApiSpec();
    const text = args.format === 'yaml' ? Bun.YAML.stringify(document, null, 2) : JSON.stringify(document, null, 2);
    await Bun.write(Bun.stdout, text.endsWith('\n') ? text : `${text}\n`);
  },
});
