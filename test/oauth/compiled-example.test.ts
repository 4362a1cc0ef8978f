// The compiled OAuth example (one native executable, as the agent runs it) through a whole code flow.
import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureClients, fixtureRedirectUri, signInAndConsent, startAuthorizationServer } from './authorization-server.ts';
import { oauthExample, runCapability } from './run-connector.ts';

test('the compiled example builds the URL, exchanges the code and refreshes', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'oauth-example-'));
  using _cleanup = { [Symbol.dispose]: () => rmSync(directory, { recursive: true, force: true }) };
  const binary = join(directory, 'oauth-example');
  await using build = Bun.spawn([process.execPath, 'build', '--compile', oauthExample, '--outfile', binary], { stdout: 'pipe', stderr: 'pipe' });
  expect({ exitCode: await build.exited, stderr: await new Response(build.stderr).text() }).toEqual({ exitCode: 0, stderr: '' });

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
