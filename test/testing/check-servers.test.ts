// `connector check` (the command, spawned) passes on the SCIM, PostgreSQL and OAuth example
// connectors of this repository, each against its real test server.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { connectorHarness } from '../../src/testing/index.ts';
import { tempDir } from '../contract/helpers.ts';
import { fixtureClients, fixtureRedirectUri, signInAndConsent, startAuthorizationServer } from '../oauth/authorization-server.ts';
import { postgresInstalls, startPostgres, superuser } from '../postgres/postgres-server.ts';
import { startScimServer } from '../scim/scim-server.ts';
import { credentials } from '../scim/seed.ts';
import { root, runCheck, summaryLine } from './check-command.ts';

/** Expects a clean pass: no FAIL line, every check passed, exit 0. */
function expectPass(run: Awaited<ReturnType<typeof runCheck>>): void {
  expect(run.failures).toEqual([]);
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: '' });
  const [, total, passed] = summaryLine.exec(run.stdout) ?? [];
  expect(Number(passed)).toBe(Number(total));
}

describe('connector check on the connectors of this repository', () => {
  test('the SCIM connector passes against the SCIM test server', async () => {
    await using server = await startScimServer();
    using dir = tempDir('check-scim-');
    const fixture = { credentials: [{ id: 'token', token: { token: credentials.token } }], settings: { base_url: server.url }, pageSize: 5 };
    const run = await runCheck(dir.path, fixture, [join(root, 'connectors/scim')]);
    expectPass(run);
    // 23 seeded Users, and the one the check's minimal create_account added.
    expect(run.stdout).toMatch(/^PASS list_accounts walks to the end without a repeated token — 2[34] items in 5 page\(s\)$/m);
    expect(run.stdout).not.toContain(credentials.token);
  }, 300_000);

  for (const install of postgresInstalls('connector check on PostgreSQL')) {
    test.skipIf(install.bin === undefined)(
      `the PostgreSQL connector passes against a throw-away server (${install.label})`,
      async () => {
        await using server = await startPostgres(install);
        using dir = tempDir('check-postgres-');
        const fixture = { auth: { basic: superuser }, settings: { host: server.host, port: server.port, tls_mode: 'disable' }, pageSize: 3 };
        const run = await runCheck(dir.path, fixture, [join(root, 'connectors/postgres')]);
        expectPass(run);
        expect(run.stdout).toContain('PASS list_accounts walks to the end without a repeated token');
      },
      300_000,
    );
  }

  test('the OAuth example passes against the authorization server, with a token from the code flow', async () => {
    await using server = await startAuthorizationServer();
    const settings = { tenant_url: server.issuer };
    // The harness runs the flow against the executable, as the agent would.
    await using oauth = connectorHarness.binary(join(root, 'connectors/oauth-example/src/main.ts'), { settings });
    const client = fixtureClients.post;
    const authorization = await oauth.call('get_authorization_url', {
      credential_id: 'user',
      client_id: client.client_id,
      scopes: [],
      redirect_uri: fixtureRedirectUri,
      state: 'check-state',
    });
    if (!authorization.ok) throw new Error(authorization.envelope.error.message);
    const redirect = await signInAndConsent(authorization.envelope.response.authorization_url);
    const tokens = await oauth.call('handle_authorization_callback', {
      credential_id: 'user',
      client_id: client.client_id,
      client_secret: client.client_secret,
      redirect_uri_with_code: redirect.href,
      code_verifier: authorization.envelope.response.code_verifier,
    });
    if (!tokens.ok) throw new Error(tokens.envelope.error.message);

    using dir = tempDir('check-oauth-');
    const fixture = { credentials: [{ id: 'user', oauth: { access_token: tokens.envelope.response.access_token } }], settings };
    const run = await runCheck(dir.path, fixture, [join(root, 'connectors/oauth-example')]);
    expectPass(run);
    expect(run.stdout).toContain('PASS list_accounts walks to the end without a repeated token — 1 items in 1 page(s)');
    expect(run.stdout).toContain('PASS no secret of the request appears in stdout, stderr or the DEBUG log — 1 secret value(s) looked for');
  }, 300_000);
});
