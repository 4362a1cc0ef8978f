// The compiled OAuth example, built with compile-on-prem and unpacked as the agent installs it,
// through a whole code flow; its licences list arctic and @oslojs, which it bundles.
import { afterAll, beforeAll, expect, test } from 'bun:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { compileForAgent } from '../support/compile-for-agent.ts';
import { fixtureClients, fixtureRedirectUri, signInAndConsent, startAuthorizationServer } from './authorization-server.ts';
import { runCapability } from './run-connector.ts';

const work = mkdtempSync(join(tmpdir(), 'oauth-example-'));
let binary: string;
beforeAll(async () => {
  binary = await compileForAgent(join(import.meta.dir, '../../connectors/oauth-example'), 'oauth-example', work);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('THIRD_PARTY_LICENSES.txt lists arctic and the @oslojs packages it bundles', () => {
  const text = readFileSync(join(dirname(binary), 'THIRD_PARTY_LICENSES.txt'), 'utf8');
  expect(text).toMatch(/\narctic 3\.7\.0\nLicense: MIT\n/);
  expect(text).toMatch(/\n@oslojs\/encoding \S+\nLicense: MIT\n/);
  expect(text).toMatch(/\n@oslojs\/crypto \S+\nLicense: MIT\n/);
});

test('the compiled example builds the URL, exchanges the code and refreshes', async () => {
  await using server = await startAuthorizationServer();
  const settings = { tenant_url: server.issuer };
  const client = fixtureClients.post;
  const built = await runCapability(binary, 'get_authorization_url', {
    request: { credential_id: 'user', client_id: client.client_id, scopes: [], redirect_uri: fixtureRedirectUri, state: 'compiled' },
    settings,
  });
  const redirect = await signInAndConsent(built.json.response.authorization_url);
  const exchanged = await runCapability(binary, 'handle_authorization_callback', {
    request: { credential_id: 'user', ...client, redirect_uri_with_code: redirect.href, code_verifier: built.json.response.code_verifier },
    settings,
  });
  expect(exchanged.json.response).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer' });
  const refreshed = await runCapability(binary, 'refresh_access_token', {
    request: { credential_id: 'user', ...client, refresh_token: exchanged.json.response.refresh_token },
    settings,
  });
  expect(refreshed.json.response.token_type).toBe('bearer');
}, 30_000);
