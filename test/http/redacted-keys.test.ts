import { afterEach, expect, test } from 'bun:test';
import { ConnectorError } from '../../src/errors/connector-error.ts';
import { createHttpClient } from '../../src/http/index.ts';
import { startLoopbackApi } from './helpers/loopback-api.ts';

const variable = 'LUMOS_ADDITIONAL_REDACTED_LOG_KEYS';
const before = process.env[variable];
afterEach(() => {
  if (before === undefined) delete process.env[variable];
  else process.env[variable] = before;
});

test('LUMOS_ADDITIONAL_REDACTED_LOG_KEYS as set when the client is made masks those keys of an error body', async () => {
  using api = startLoopbackApi(() => Response.json({ error: 'refused', tenant_pin: '9911-2233-4455', note: 'visible' }, { status: 400 }));
  process.env[variable] = 'Tenant_Pin';
  const client = createHttpClient({ auth: { token: { token: 'tok-keys-77aa' } } }, { baseUrl: api.url, auth: { kind: 'bearer' }, retry: false });
  // The keys are built when first needed, but from the environment the client was made in.
  delete process.env[variable];
  let error: unknown;
  try {
    await client.get('/things');
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConnectorError);
  const message = (error as ConnectorError).message;
  expect(message).toContain('"tenant_pin":"REDACTED"');
  expect(message).toContain('"note":"visible"');
  expect(message).not.toContain('9911-2233-4455');
});
