import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { envelope, fail, runScim, succeed } from './helpers.ts';
import { startScimServer, type ScimServer } from './scim-server.ts';
import { credentials, seedPeople, seedUserName } from './seed.ts';

// Each test spawns the connector many times; on a busy machine that takes longer than bun's default 5 s.
setDefaultTimeout(60_000);

describe('scim connector: SCIM errors become clear error codes', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer();
  });
  afterAll(() => server?.stop());

  test('404: an unknown User is not_found, for reads and writes', async () => {
    for (const [capability, request] of [
      ['get_account', { account_id: 'no-such-user' }],
      ['deactivate_account', { account_id: 'no-such-user' }],
      ['update_account', { id: 'no-such-user', given_name: 'X' }],
    ] as const) {
      const error = await fail(capability, envelope(server, { request }));
      expect(error).toMatchObject({ error_code: 'not_found', status_code: 404, app_error_code: 'scim.http_404' });
      expect(error.message).toBe(
        `[404][GET ${server.url}/Users/no-such-user] The SCIM server refused the request: Resource no-such-user not found. It does not exist, or this credential may not see it.`,
      );
    }
    const group = await fail(
      'assign_entitlement',
      envelope(server, {
        request: {
          account_integration_specific_id: 'x',
          entitlement_type: 'group',
          entitlement_integration_specific_id: 'no-such-group',
          resource_type: '',
          resource_integration_specific_id: '',
        },
      }),
    );
    expect(group).toMatchObject({ error_code: 'not_found', status_code: 404 });
  });

  test('409: creating a User whose userName is taken is bad_request carrying scimType uniqueness', async () => {
    const taken = seedUserName(seedPeople[0]);
    const error = await fail('create_account', envelope(server, { request: { username: taken.toUpperCase() } }));
    expect(error).toEqual({
      message: `[409][POST ${server.url}/Users] The SCIM server refused the request (scimType uniqueness): userName ${JSON.stringify(taken.toUpperCase())} is already taken. A resource with the same unique value (userName, displayName or externalId) already exists.`,
      status_code: 409,
      error_code: 'bad_request',
      app_error_code: 'scim.uniqueness',
      app_id: 'scim-generic',
      raised_by: 'ConnectorError',
      raised_in: expect.any(String),
    });
  });

  test('400: a filter the server cannot parse is bad_request carrying scimType invalidFilter', async () => {
    const error = await fail('list_accounts', envelope(server, { settings: { user_filter: '(userName eq "a"' } }));
    expect(error).toMatchObject({ error_code: 'bad_request', status_code: 400, app_error_code: 'scim.invalidFilter' });
    expect(error.message).toContain("(scimType invalidFilter): Missing closing ')' token");
  });

  test('401: a wrong token is unauthorized, and the token appears nowhere', async () => {
    const wrong = 'wrong-token-0b9e1c7d';
    const run = await runScim('validate_credentials', envelope(server, { login: { token: wrong } }), { env: { LUMOS_LOG_LEVEL: 'DEBUG' } });
    expect(run.json.error).toMatchObject({ error_code: 'unauthorized', status_code: 401, app_error_code: 'scim.http_401' });
    // Readable, not the SCIM Error's JSON.
    expect(run.json.error.message).toBe(
      `[401][GET ${server.url}/ServiceProviderConfig] The SCIM server refused the request: Authorization failed. Check the token, or the user name and password, and that they are still valid.`,
    );
    expect(run.stdout).not.toContain(wrong);
    expect(run.stderr).not.toContain(wrong);
    expect(run.stderr).toContain('/ServiceProviderConfig');
  });

  test('403: a read-only token may list but not write: permission_denied', async () => {
    const reader = envelope(server, { login: 'read-only' });
    expect((await runScim('list_accounts', reader)).json.is_error).toBeUndefined();
    const error = await fail('create_account', { ...reader, request: { username: 'someone@example.test' } });
    expect(error).toMatchObject({ error_code: 'permission_denied', status_code: 403, app_error_code: 'scim.http_403' });
    expect(error.message).toBe(
      `[403][POST ${server.url}/Users] The SCIM server refused the request: This token may only read. The credential is valid but may not do this: check its scopes or role on the SCIM server.`,
    );
    expect(error.message).not.toContain(credentials.readOnlyToken);
  });

  test('validate_credentials refuses a token scoped to Users but not Groups, naming Groups; without groups as entitlements it passes', async () => {
    const usersOnly = { login: { token: credentials.usersOnlyToken } } as const;
    const error = await fail('validate_credentials', envelope(server, usersOnly));
    expect(error).toMatchObject({ error_code: 'permission_denied', status_code: 403, app_error_code: 'scim.no_access_to_groups' });
    expect(error.message).toBe(
      'The SCIM server refuses this credential access to Groups (GET /Groups answered 403: This token is not scoped for Groups), though it may read Users. Grant it read access to Groups, or set groups_as_entitlements to false if Groups are not governed.',
    );
    expect(error.message).not.toContain(credentials.usersOnlyToken);
    expect(await succeed('validate_credentials', envelope(server, { ...usersOnly, settings: { groups_as_entitlements: false } }))).toMatchObject({
      response: { valid: true },
    });
  });

  test('basic auth with a wrong password is unauthorized, and the password appears nowhere', async () => {
    const password = 'not the password 5c1f';
    const run = await runScim(
      'list_accounts',
      { ...envelope(server), credentials: [{ id: 'basic', basic: { username: credentials.basic.username, password } }] },
      { env: { LUMOS_LOG_LEVEL: 'DEBUG' } },
    );
    expect(run.json.error).toMatchObject({ error_code: 'unauthorized', status_code: 401 });
    expect(`${run.stdout}${run.stderr}`).not.toContain(password);
    expect(`${run.stdout}${run.stderr}`).not.toContain(Buffer.from(`${credentials.basic.username}:${password}`).toString('base64'));
  });

  test('a request with neither credential, or an entitlement of another type, is refused before anything is changed', async () => {
    expect(await fail('list_accounts', { ...envelope(server), credentials: [{ id: 'basic', basic: null }] })).toMatchObject({ error_code: 'bad_request' });
    const other = await fail(
      'assign_entitlement',
      envelope(server, {
        request: {
          account_integration_specific_id: 'x',
          entitlement_type: 'role',
          entitlement_integration_specific_id: 'y',
          resource_type: '',
          resource_integration_specific_id: '',
        },
      }),
    );
    expect(other).toMatchObject({ error_code: 'invalid_value' });
    const off = await fail(
      'assign_entitlement',
      envelope(server, {
        settings: { groups_as_entitlements: false },
        request: {
          account_integration_specific_id: 'x',
          entitlement_type: 'group',
          entitlement_integration_specific_id: 'y',
          resource_type: '',
          resource_integration_specific_id: '',
        },
      }),
    );
    expect(off).toMatchObject({ error_code: 'unsupported_operation' });
  });
});
