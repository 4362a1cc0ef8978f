import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { envelope, errorEnvelope, expectEnvelope, runCapability, runConnector, tempDir } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

/** Every capability the mock connector registers, `app_info` included, sorted. */
const mockCapabilities = [
  'activate_account',
  'app_info',
  'assign_entitlement',
  'create_account',
  'deactivate_account',
  'delete_account',
  'find_entitlement_associations',
  'get_account',
  'get_last_activity',
  'list_accounts',
  'list_custom_attributes_schema',
  'list_entitlements',
  'list_resources',
  'unassign_entitlement',
  'update_account',
  'validate_credentials',
  'workspace_summary',
];

const ada = {
  integration_specific_id: 'user-000001',
  email: 'ada.lovelace.1@acme.test',
  given_name: 'Ada',
  family_name: 'Lovelace',
  username: 'ada1',
  user_status: 'ACTIVE',
  custom_attributes: { department: 'Engineering' },
  account_type: 'user',
};
const grace = {
  integration_specific_id: 'user-000002',
  email: 'grace.lovelace.2@acme.test',
  given_name: 'Grace',
  family_name: 'Lovelace',
  username: 'grace2',
  user_status: 'ACTIVE',
  custom_attributes: { department: 'Finance' },
  account_type: 'user',
};
const alan = {
  integration_specific_id: 'user-000003',
  email: 'alan.lovelace.3@acme.test',
  given_name: 'Alan',
  family_name: 'Lovelace',
  username: 'alan3',
  user_status: 'ACTIVE',
  custom_attributes: { department: 'Sales' },
  account_type: 'user',
};
const edsger = {
  integration_specific_id: 'user-000004',
  email: 'edsger.lovelace.4@acme.test',
  given_name: 'Edsger',
  family_name: 'Lovelace',
  username: 'edsger4',
  user_status: 'INACTIVE',
  custom_attributes: { department: 'Support' },
  account_type: 'user',
};

const workspaces = [1, 2, 3].map((n) => ({
  integration_specific_id: `workspace-${n}`,
  label: `Workspace ${n}`,
  description: `Generated workspace ${n}`,
  resource_type: 'workspace',
}));

const roleEntitlements = ['admin', 'editor', 'viewer'].map((role) => ({
  integration_specific_id: `role-${role}`,
  integration_specific_resource_id: '',
  entitlement_type: 'role',
  label: role[0]!.toUpperCase() + role.slice(1),
  is_assignable: true,
}));
const memberEntitlements = [1, 2, 3].map((n) => ({
  integration_specific_id: `member-workspace-${n}`,
  integration_specific_resource_id: `workspace-${n}`,
  entitlement_type: 'workspace_member',
  label: `Member of Workspace ${n}`,
  is_assignable: true,
}));

const association = (account: string, entitlement: string, resource = '') => ({
  account_id: account,
  integration_specific_entitlement_id: entitlement,
  integration_specific_resource_id: resource,
});

const success = (response: unknown, page: unknown = null) => ({ response, page, raw_data: null });

/** A run's outcome as one value, so a whole envelope and the exit code compare in one `toEqual`. */
async function outcome(capability: string, request: unknown, parts: Parameters<typeof envelope>[1] = {}) {
  const result = await runCapability(capability, envelope(request, parts));
  return { exitCode: result.exitCode, json: expectEnvelope(result) };
}

describe('read capabilities through the real process', () => {
  test.concurrent('validate_credentials answers the README sample byte for byte', async () => {
    const result = await runConnector([
      'validate_credentials',
      '--json',
      '{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"google.com"}}',
    ]);
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr }).toEqual({
      exitCode: 0,
      stdout: '{"response":{"valid":true,"unique_tenant_id":"mock-connector-tenant-id"},"page":null,"raw_data":null}\n',
      stderr: '',
    });
  });

  test.concurrent('validate_credentials with a rejected password is a handled unauthorized error', async () => {
    expect(await outcome('validate_credentials', {}, { auth: { basic: { username: 'foo', password: 'wrong-password' } } })).toEqual({
      exitCode: 0,
      json: errorEnvelope({
        message: 'The username or password is not accepted by the mock tenant.',
        status_code: 401,
        app_error_code: 'mock-connector.bad_credentials',
        error_code: 'unauthorized',
        raised_by: 'ConnectorError',
        raised_in: 'mock-connector:validate_credentials',
      }),
    });
  });

  test.concurrent('list_accounts returns the generated tenant', async () => {
    expect(await outcome('list_accounts', {}, { settings: { account_count: 3 } })).toEqual({ exitCode: 0, json: success([ada, grace, alan]) });
  });

  test.concurrent('list_accounts with include_raw_data still answers a null raw_data (the mock keeps no raw data)', async () => {
    expect(await outcome('list_accounts', {}, { settings: { account_count: 1 }, include_raw_data: true })).toEqual({ exitCode: 0, json: success([ada]) });
  });

  test.concurrent('list_accounts of an empty tenant is an empty list without a next page', async () => {
    expect(await outcome('list_accounts', {}, { settings: { account_count: 0 } })).toEqual({ exitCode: 0, json: success([]) });
  });

  test.concurrent('list_accounts hands out a next-page token when there is more', async () => {
    const { json } = await outcome('list_accounts', {}, { settings: { account_count: 3 }, page: { size: 2 } });
    expect(json).toEqual(success([ada, grace], { token: expect.any(String), size: 2 }));
    const next = await outcome('list_accounts', {}, { settings: { account_count: 3 }, page: { token: json.page.token, size: 2 } });
    expect(next).toEqual({ exitCode: 0, json: success([alan]) });
  });

  test.concurrent('get_account returns one account, with its status', async () => {
    expect(await outcome('get_account', { account_id: 'user-000004' }, { settings: { account_count: 10 } })).toEqual({ exitCode: 0, json: success(edsger) });
  });

  test.concurrent('get_account of an id the tenant does not hold is not_found', async () => {
    expect(await outcome('get_account', { account_id: 'user-000004' }, { settings: { account_count: 3 } })).toEqual({
      exitCode: 0,
      json: errorEnvelope({
        message: "No account with id 'user-000004'.",
        status_code: 404,
        error_code: 'not_found',
        raised_by: 'ConnectorError',
        raised_in: 'mock-connector:get_account',
      }),
    });
  });

  test.concurrent('list_resources returns the workspaces', async () => {
    expect(await outcome('list_resources', {})).toEqual({ exitCode: 0, json: success(workspaces) });
  });

  test.concurrent('list_entitlements returns the roles, then the workspace memberships', async () => {
    expect(await outcome('list_entitlements', {})).toEqual({ exitCode: 0, json: success([...roleEntitlements, ...memberEntitlements]) });
  });

  test.concurrent('find_entitlement_associations returns one role and one workspace per account', async () => {
    expect(await outcome('find_entitlement_associations', {}, { settings: { account_count: 3 } })).toEqual({
      exitCode: 0,
      json: success([
        association('user-000001', 'role-admin'),
        association('user-000001', 'member-workspace-1', 'workspace-1'),
        association('user-000002', 'role-viewer'),
        association('user-000002', 'member-workspace-2', 'workspace-2'),
        association('user-000003', 'role-viewer'),
        association('user-000003', 'member-workspace-3', 'workspace-3'),
      ]),
    });
  });

  test.concurrent('get_last_activity answers the known accounts and leaves out unknown ones', async () => {
    expect(await outcome('get_last_activity', { account_ids: ['user-000001', 'user-000003', 'ghost'] }, { settings: { account_count: 3 } })).toEqual({
      exitCode: 0,
      json: success([
        { account_id: 'user-000001', event_type: 'last_login', happened_at: '2026-10-01T00:00:00Z' },
        { account_id: 'user-000003', event_type: 'last_login', happened_at: '2026-10-03T02:00:00Z' },
      ]),
    });
  });

  test.concurrent('list_custom_attributes_schema returns the department attribute', async () => {
    expect(await outcome('list_custom_attributes_schema', {})).toEqual({
      exitCode: 0,
      json: success([{ customized_type: 'account', name: 'department', attribute_type: 'string', description: 'The department the person works in' }]),
    });
  });

  test.concurrent('the custom workspace_summary counts the members of a workspace', async () => {
    // Accounts 1, 4 and 7 of 9 are in workspace-1.
    expect(await outcome('workspace_summary', { workspace_id: 'workspace-1' }, { settings: { account_count: 9 } })).toEqual({
      exitCode: 0,
      json: success({ workspace_id: 'workspace-1', label: 'Workspace 1', member_count: 3 }),
    });
  });

  test.concurrent('the custom workspace_summary of an unknown workspace is not_found', async () => {
    expect(await outcome('workspace_summary', { workspace_id: 'workspace-9' })).toEqual({
      exitCode: 0,
      json: errorEnvelope({
        message: "No workspace 'workspace-9'.",
        status_code: 404,
        error_code: 'not_found',
        raised_by: 'ConnectorError',
        raised_in: 'mock-connector:workspace_summary',
      }),
    });
  });

  test.concurrent('the custom workspace_summary validates its own payload', async () => {
    expect(await outcome('workspace_summary', { workspace_id: 1 })).toEqual({
      exitCode: 0,
      json: errorEnvelope({ message: 'Invalid request - request.workspace_id: expected string, received 1', error_code: 'bad_request' }),
    });
  });

  test.concurrent('app_info returns the OpenAPI document, with a path per capability, without credentials or settings', async () => {
    const result = await runCapability('app_info', { request: {} });
    const json = expectEnvelope(result);
    expect(json).toEqual({
      response: { app_id: 'mock-connector', app_schema: expect.objectContaining({ openapi: expect.stringMatching(/^3\./), paths: expect.any(Object) }) },
      page: null,
      raw_data: null,
    });
    expect(Object.keys(json.response.app_schema.paths).sort()).toEqual(mockCapabilities.map((name) => `/${name}`));
    expect(json.response.app_schema.info).toMatchObject({ title: 'Mock Connector', version: '1.0.0' });
  });

  test.concurrent('info lists every capability, sorted, with keys sorted at every level', async () => {
    const result = await runConnector(['info']);
    const json = expectEnvelope(result);
    expect(Object.keys(json)).toEqual(['response']);
    expect(json.response).toMatchObject({
      app_id: 'mock-connector',
      version: '1.0.0',
      user_friendly_name: 'Mock Connector',
      capabilities: mockCapabilities,
      categories: ['DEVELOPERS'],
      resource_types: [{ type_id: 'workspace', type_label: 'Workspace' }],
    });
    expect(Object.keys(json.response.capability_schema)).toEqual(mockCapabilities);
    expect(json.response.request_settings_schema).toMatchObject({ field_order: ['host', 'account_count', 'state_file'], required: ['host'] });
    expect(json.response.authentication_schema).toMatchObject({
      field_order: ['username', 'password'],
      properties: { password: { type: 'string', 'x-secret': true, 'x-field_type': 'SECRET' } },
    });
    const unsorted: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value))
        value.forEach((item, index) => {
          walk(item, `${path}[${index}]`);
        });
      else if (typeof value === 'object' && value !== null) {
        const keys = Object.keys(value);
        if (keys.join('\u0000') !== [...keys].sort().join('\u0000')) unsorted.push(path || '(top level)');
        for (const key of keys) walk((value as Record<string, unknown>)[key], `${path}.${key}`);
      }
    };
    walk(json, '');
    expect(unsorted).toEqual([]);
  });
});

describe('write capabilities without a state file (writes last one call)', () => {
  test.concurrent('activate_account of an inactive account updates it', async () => {
    const { json } = await outcome('activate_account', { account_id: 'user-000004' }, { settings: { account_count: 10 } });
    expect(json).toEqual({
      response: { activated: true, status: 'ACTIVE' },
      page: null,
      raw_data: null,
      execution_summary: { effect: { kind: 'updated' }, request_fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), is_idempotent: true },
    });
  });

  test.concurrent('deactivate_account of an unknown account is not_found', async () => {
    expect(await outcome('deactivate_account', { account_id: 'nobody' })).toEqual({
      exitCode: 0,
      json: errorEnvelope({
        message: "No account with id 'nobody'.",
        status_code: 404,
        error_code: 'not_found',
        raised_by: 'ConnectorError',
        raised_in: 'mock-connector:deactivate_account',
      }),
    });
  });

  test.concurrent('assign_entitlement of an entitlement the app does not have is not_found', async () => {
    expect(
      await outcome('assign_entitlement', {
        account_integration_specific_id: 'user-000001',
        resource_integration_specific_id: 'workspace-1',
        resource_type: 'workspace',
        entitlement_type: 'role',
        entitlement_integration_specific_id: 'role-admin',
      }),
    ).toEqual({
      exitCode: 0,
      json: errorEnvelope({
        message: "No entitlement 'role-admin' on resource 'workspace-1'.",
        status_code: 404,
        error_code: 'not_found',
        raised_by: 'ConnectorError',
        raised_in: 'mock-connector:assign_entitlement',
      }),
    });
  });

  test.concurrent('create_account validates its extended payload (email is required and must be an e-mail)', async () => {
    const { json } = await outcome('create_account', { email: 'not-an-email' });
    expect(json).toEqual(errorEnvelope({ message: expect.stringContaining('request.email'), error_code: 'bad_request' }));
  });
});

describe('a provisioning round trip through a state file', () => {
  const fingerprint = expect.stringMatching(/^[0-9a-f]{64}$/);
  const summary = (kind: 'created' | 'updated' | 'deleted') => ({ effect: { kind }, request_fingerprint: fingerprint, is_idempotent: true });
  const noop = { effect: { kind: 'noop', reason: 'state_already_matches' }, request_fingerprint: fingerprint, is_idempotent: true };

  test('create → update → assign → deactivate → activate → unassign → delete, listing after each step; repeats are noops', async () => {
    using dir = tempDir();
    const settings = { account_count: 2, state_file: dir.file('state.json') };
    const run = (capability: string, request: unknown) => outcome(capability, request, { settings });
    const listAccounts = async () => (await run('list_accounts', {})).json.response as Record<string, unknown>[];
    const listAssociations = async () => (await run('find_entitlement_associations', {})).json.response as ReturnType<typeof association>[];

    expect((await listAccounts()).map((account) => account.integration_specific_id)).toEqual(['user-000001', 'user-000002']);

    // Create, with a role granted at creation.
    const createRequest = {
      email: 'new.person@acme.test',
      given_name: 'New',
      family_name: 'Person',
      entitlements: [{ integration_specific_id: 'role-viewer', integration_specific_resource_id: '', entitlement_type: 'role' }],
    };
    const created = await run('create_account', createRequest);
    expect(created).toEqual({
      exitCode: 0,
      json: {
        response: { id: expect.stringMatching(/^created-/), status: 'ACTIVE', created: true },
        page: null,
        raw_data: null,
        execution_summary: summary('created'),
      },
    });
    const id: string = created.json.response.id;
    const createdAccount = {
      integration_specific_id: id,
      email: 'new.person@acme.test',
      given_name: 'New',
      family_name: 'Person',
      username: 'new.person',
      user_status: 'ACTIVE',
      account_type: 'user',
    };
    expect(await listAccounts()).toEqual([ada, grace, createdAccount]);
    expect(await run('get_account', { account_id: id })).toEqual({ exitCode: 0, json: success(createdAccount) });

    const createdAgain = await run('create_account', createRequest);
    expect(createdAgain).toEqual({
      exitCode: 0,
      json: {
        response: { id, status: 'ACTIVE', created: false },
        page: null,
        raw_data: null,
        execution_summary: { ...noop, description: 'An account with e-mail new.person@acme.test already exists.' },
      },
    });
    // The same request always has the same fingerprint.
    expect(createdAgain.json.execution_summary.request_fingerprint).toBe(created.json.execution_summary.request_fingerprint);

    // Update.
    const updateRequest = { id, given_name: 'Renamed' };
    expect(await run('update_account', updateRequest)).toEqual({
      exitCode: 0,
      json: { response: updateRequest, page: null, raw_data: null, execution_summary: { ...summary('updated'), description: 'Changed given_name.' } },
    });
    expect((await listAccounts()).at(-1)).toEqual({ ...createdAccount, given_name: 'Renamed' });
    expect(await run('update_account', updateRequest)).toEqual({
      exitCode: 0,
      json: { response: updateRequest, page: null, raw_data: null, execution_summary: noop },
    });

    // Assign a workspace membership.
    const grant = {
      account_integration_specific_id: id,
      resource_integration_specific_id: 'workspace-2',
      resource_type: 'workspace',
      entitlement_type: 'workspace_member',
      entitlement_integration_specific_id: 'member-workspace-2',
    };
    const generatedAssociations = [
      association('user-000001', 'role-admin'),
      association('user-000001', 'member-workspace-1', 'workspace-1'),
      association('user-000002', 'role-viewer'),
      association('user-000002', 'member-workspace-2', 'workspace-2'),
    ];
    expect(await listAssociations()).toEqual([...generatedAssociations, association(id, 'role-viewer')]);
    expect(await run('assign_entitlement', grant)).toEqual({
      exitCode: 0,
      json: { response: { assigned: true }, page: null, raw_data: null, execution_summary: summary('created') },
    });
    expect(await listAssociations()).toEqual([...generatedAssociations, association(id, 'role-viewer'), association(id, 'member-workspace-2', 'workspace-2')]);
    expect(await run('workspace_summary', { workspace_id: 'workspace-2' })).toEqual({
      exitCode: 0,
      json: success({ workspace_id: 'workspace-2', label: 'Workspace 2', member_count: 2 }),
    });
    expect(await run('assign_entitlement', grant)).toEqual({
      exitCode: 0,
      json: { response: { assigned: true }, page: null, raw_data: null, execution_summary: noop },
    });

    // Deactivate.
    expect(await run('deactivate_account', { account_id: id })).toEqual({
      exitCode: 0,
      json: { response: { deactivated: true, status: 'INACTIVE' }, page: null, raw_data: null, execution_summary: summary('updated') },
    });
    expect((await listAccounts()).at(-1)).toMatchObject({ integration_specific_id: id, user_status: 'INACTIVE' });
    expect(await run('deactivate_account', { account_id: id })).toEqual({
      exitCode: 0,
      json: { response: { deactivated: true, status: 'INACTIVE' }, page: null, raw_data: null, execution_summary: noop },
    });

    // Activate.
    expect(await run('activate_account', { account_id: id })).toEqual({
      exitCode: 0,
      json: { response: { activated: true, status: 'ACTIVE' }, page: null, raw_data: null, execution_summary: summary('updated') },
    });
    expect((await listAccounts()).at(-1)).toMatchObject({ integration_specific_id: id, user_status: 'ACTIVE' });
    expect(await run('activate_account', { account_id: id })).toEqual({
      exitCode: 0,
      json: { response: { activated: true, status: 'ACTIVE' }, page: null, raw_data: null, execution_summary: noop },
    });

    // Unassign.
    expect(await run('unassign_entitlement', grant)).toEqual({
      exitCode: 0,
      json: { response: { unassigned: true }, page: null, raw_data: null, execution_summary: summary('deleted') },
    });
    expect(await listAssociations()).toEqual([...generatedAssociations, association(id, 'role-viewer')]);
    expect(await run('unassign_entitlement', grant)).toEqual({
      exitCode: 0,
      json: { response: { unassigned: true }, page: null, raw_data: null, execution_summary: noop },
    });

    // Delete.
    expect(await run('delete_account', { account_id: id })).toEqual({
      exitCode: 0,
      json: { response: { deleted: true, status: 'DELETED' }, page: null, raw_data: null, execution_summary: summary('deleted') },
    });
    expect(await listAccounts()).toEqual([ada, grace]);
    expect(await listAssociations()).toEqual(generatedAssociations);
    expect((await run('get_account', { account_id: id })).json.error).toMatchObject({ error_code: 'not_found' });
  }, 30_000);

  test.concurrent('deleting an account that is already deleted is a noop, as every other repeated write is', async () => {
    using dir = tempDir();
    const settings = { account_count: 3, state_file: dir.file('state.json') };
    const run = (capability: string, request: unknown) => outcome(capability, request, { settings });
    expect(await run('delete_account', { account_id: 'user-000002' })).toEqual({
      exitCode: 0,
      json: { response: { deleted: true, status: 'DELETED' }, page: null, raw_data: null, execution_summary: summary('deleted') },
    });
    expect((await run('list_accounts', {})).json.response).toEqual([ada, alan]);
    // The summary says is_idempotent: true, and the app is already in the asked-for state.
    expect(await run('delete_account', { account_id: 'user-000002' })).toEqual({
      exitCode: 0,
      json: {
        response: { deleted: true, status: 'DELETED' },
        page: null,
        raw_data: null,
        execution_summary: { ...noop, description: 'The account was already deleted.' },
      },
    });
  }, 30_000);

  test.concurrent('a generated account can be revoked and re-granted its generated role', async () => {
    using dir = tempDir();
    const settings = { account_count: 1, state_file: dir.file('state.json') };
    const run = (capability: string, request: unknown) => outcome(capability, request, { settings });
    const role = {
      account_integration_specific_id: 'user-000001',
      resource_integration_specific_id: '',
      resource_type: '',
      entitlement_type: 'role',
      entitlement_integration_specific_id: 'role-admin',
    };
    expect((await run('unassign_entitlement', role)).json.execution_summary.effect).toEqual({ kind: 'deleted' });
    expect((await run('find_entitlement_associations', {})).json.response).toEqual([association('user-000001', 'member-workspace-1', 'workspace-1')]);
    expect((await run('assign_entitlement', role)).json.execution_summary.effect).toEqual({ kind: 'created' });
    expect((await run('find_entitlement_associations', {})).json.response).toEqual([
      association('user-000001', 'role-admin'),
      association('user-000001', 'member-workspace-1', 'workspace-1'),
    ]);
    expect((await run('assign_entitlement', role)).json.execution_summary.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
  }, 30_000);
});
