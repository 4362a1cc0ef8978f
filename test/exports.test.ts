import { expect, test } from 'bun:test';
import packageJson from '../package.json' with { type: 'json' };

test.each(Object.entries(packageJson.exports))('the package export %s resolves and exports something', async (_name, path) => {
  const module = await import(new URL(`../${path}`, import.meta.url).href);
  expect(Object.keys(module).length).toBeGreaterThan(0);
});

test('the public barrel exports the entry points an author touches first', async () => {
  const sdk = await import('../src/index.ts');
  for (const name of ['createIntegration', 'runConnector', 'ConnectorError', 'dispatch', 'getBasicAuth', 'executionSummary', 'secret', 'httpStatusHandler']) {
    expect(sdk).toHaveProperty(name);
  }
});
