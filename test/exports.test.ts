import { expect, test } from 'bun:test';
import packageJson from '../package.json' with { type: 'json' };

test.each(Object.entries(packageJson.exports))('the package export %s resolves and exports something', async (_name, path) => {
  // A pattern export is checked on one of the names it stands for.
  const module = await import(new URL(`../${path.replace('*', 'create_account')}`, import.meta.url).href);
  expect(Object.keys(module).length).toBeGreaterThan(0);
});

test('the public barrel exports the entry points an author touches first', async () => {
  const sdk = await import('../src/index.ts');
  for (const name of ['createIntegration', 'runConnector', 'ConnectorError', 'dispatch', 'getBasicAuth', 'executionSummary', 'secret', 'httpStatusHandler']) {
    expect(sdk).toHaveProperty(name);
  }
});

test('the testing subpath exports the harness, record and replay, and the check', async () => {
  const testing = await import('../src/testing/index.ts');
  for (const name of ['connectorHarness', 'recordHttp', 'withHttpCassette', 'checkConnector', 'requestSecrets', 'HarnessError']) {
    expect(testing).toHaveProperty(name);
  }
  expect(testing.connectorHarness.binary).toBeFunction();
});

test('every standard capability is importable on its own as lumos-connector-sdk/wire/capability/<name>', async () => {
  const { standardCapabilityNames } = await import('../src/wire/generated/capabilities.ts');
  for (const name of standardCapabilityNames) {
    const module = await import(`lumos-connector-sdk/wire/capability/${name}`);
    expect({ name, response: typeof module.response }).toEqual({ name, response: 'object' });
  }
});
