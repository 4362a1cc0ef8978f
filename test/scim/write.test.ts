import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { envelope, fail, runScim, succeed, summary, walk } from './helpers.ts';
import { scimGet, startScimServer, type ScimServer } from './scim-server.ts';
import { credentials } from './seed.ts';

// Each test spawns the connector many times; on a busy machine that takes longer than bun's default 5 s.
setDefaultTimeout(60_000);

// The variant without PATCH answers any PATCH with 501: its passing proves the PUT fallback.
for (const variant of [
  { name: 'with PATCH', patch: true },
  { name: 'without PATCH (PUT fallback)', patch: false },
]) {
  describe(`scim connector provisions a SCIMMY server ${variant.name}`, () => {
    let server: ScimServer;
    beforeAll(async () => {
      server = await startScimServer({ patch: variant.patch });
    });
    afterAll(() => server?.stop());

    const as = (request: unknown) => envelope(server, { request });
    const account = async (id: string) => (await walk('list_accounts', envelope(server), 100)).items.find((item) => item.integration_specific_id === id);
    const memberships = async (id: string) =>
      (await walk('find_entitlement_associations', envelope(server), 100)).items
        .filter((item) => item.account_id === id)
        .map((item) => item.integration_specific_entitlement_id);
    const groupId = async (label: string) =>
      (await walk('list_entitlements', envelope(server), 100)).items.find((item) => item.label === label).integration_specific_id as string;

    test('create → assign → deactivate → activate → unassign → delete, checked by listing after each step; repeats are noops', async () => {
      const [finance, sales] = [await groupId('Finance'), await groupId('Sales')];
      const entitlement = (group: string) => ({
        entitlement_type: 'group',
        entitlement_integration_specific_id: group,
        resource_type: '',
        resource_integration_specific_id: '',
      });

      const password = "n3w 'user' pass";
      const created = await runScim(
        'create_account',
        as({
          username: 'new.user@example.test',
          email: 'new.user@example.test',
          given_name: 'Nova',
          family_name: 'Üser',
          password,
          entitlements: [{ integration_specific_id: finance, integration_specific_resource_id: '', entitlement_type: 'group' }],
        }),
        { env: { LUMOS_LOG_LEVEL: 'DEBUG' } },
      );
      expect(created.json).toEqual({
        response: { id: expect.any(String), status: 'ACTIVE', created: true },
        page: null,
        raw_data: null,
        execution_summary: { ...summary('created'), is_idempotent: false },
      });
      // The password went to the server, but into no log line.
      expect(created.stderr).toContain('POST');
      expect(created.stderr).not.toContain(password);
      const id = created.json.response.id as string;
      expect(await account(id)).toEqual({
        integration_specific_id: id,
        email: 'new.user@example.test',
        given_name: 'Nova',
        family_name: 'Üser',
        username: 'new.user@example.test',
        user_status: 'ACTIVE',
        extra_data: {},
        account_type: 'user',
      });
      expect(await memberships(id)).toEqual([finance]);

      const assign = { account_integration_specific_id: id, ...entitlement(sales) };
      expect(await succeed('assign_entitlement', as(assign))).toMatchObject({ response: { assigned: true }, execution_summary: summary('created') });
      expect((await memberships(id)).sort()).toEqual([finance, sales].sort());
      expect(await succeed('assign_entitlement', as(assign))).toMatchObject({ response: { assigned: true }, execution_summary: summary('noop') });

      expect(await succeed('deactivate_account', as({ account_id: id }))).toMatchObject({
        response: { deactivated: true, status: 'INACTIVE' },
        execution_summary: summary('updated'),
      });
      expect((await account(id)).user_status).toBe('INACTIVE');
      expect(await succeed('deactivate_account', as({ account_id: id }))).toMatchObject({
        response: { deactivated: true, status: 'INACTIVE' },
        execution_summary: summary('noop'),
      });
      // A PUT must not lose what it did not mean to change.
      expect((await memberships(id)).sort()).toEqual([finance, sales].sort());

      expect(await succeed('activate_account', as({ account_id: id }))).toMatchObject({
        response: { activated: true, status: 'ACTIVE' },
        execution_summary: summary('updated'),
      });
      expect((await account(id)).user_status).toBe('ACTIVE');
      expect(await succeed('activate_account', as({ account_id: id }))).toMatchObject({ execution_summary: summary('noop') });

      expect(await succeed('unassign_entitlement', as(assign))).toMatchObject({ response: { unassigned: true }, execution_summary: summary('deleted') });
      expect(await memberships(id)).toEqual([finance]);
      expect(await succeed('unassign_entitlement', as(assign))).toMatchObject({ response: { unassigned: true }, execution_summary: summary('noop') });
      // Other members of the group are untouched.
      expect((await scimGet(server, `/Groups/${sales}`, credentials.token)).body.members).toHaveLength(7);

      expect(await succeed('delete_account', as({ account_id: id }))).toMatchObject({
        response: { deleted: true, status: 'DELETED' },
        execution_summary: summary('deleted'),
      });
      expect(await account(id)).toBeUndefined();
      expect(await memberships(id)).toEqual([]);
      expect(await succeed('delete_account', as({ account_id: id }))).toMatchObject({
        response: { deleted: true, status: 'DELETED' },
        execution_summary: summary('noop'),
      });
    });

    test('update_account changes names, display name and the primary e-mail, keeping the rest; the same request again is a noop', async () => {
      const { response } = await succeed(
        'create_account',
        as({ username: 'update.me@example.test', email: 'old@example.test', given_name: 'Old', family_name: 'Name' }),
      );
      const request = { id: response.id, email: 'new@example.test', given_name: 'New', display_name: 'New Name' };
      expect(await succeed('update_account', as(request))).toEqual({
        response: { id: response.id, email: 'new@example.test', given_name: 'New', family_name: 'Name', display_name: 'New Name', external_id: null },
        page: null,
        raw_data: null,
        execution_summary: summary('updated'),
      });
      const user = (await scimGet(server, `/Users/${response.id}`, credentials.token)).body;
      expect({ name: user.name, emails: user.emails, active: user.active, userName: user.userName }).toEqual({
        name: { givenName: 'New', familyName: 'Name' },
        // The new address replaces the primary one's value: no second address of type work.
        emails: [{ value: 'new@example.test', type: 'work', primary: true }],
        active: true,
        userName: 'update.me@example.test',
      });
      expect(await succeed('update_account', as(request))).toMatchObject({ execution_summary: summary('noop') });
    });
  });
}

describe('scim connector on a server with ETags and without PATCH', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer({ patch: false, etag: true, concurrentEdit: true });
  });
  afterAll(() => server?.stop());

  test("a PUT carries If-Match: someone else's change between the read and the write is kept, not overwritten", async () => {
    const { response } = await succeed(
      'create_account',
      envelope(server, { request: { username: 'etag.user@example.test', email: 'etag.user@example.test' } }),
    );
    // The server's other administrator sets a title right before the connector's first conditional PUT, which then gets 412.
    expect(await succeed('deactivate_account', envelope(server, { request: { account_id: response.id } }))).toMatchObject({
      response: { deactivated: true, status: 'INACTIVE' },
      execution_summary: summary('updated'),
    });
    const user = (await scimGet(server, `/Users/${response.id}`, credentials.token)).body;
    expect({ active: user.active, title: user.title }).toEqual({ active: false, title: 'Changed elsewhere' });
  });
});

describe('scim connector on a server that takes one e-mail address per type', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer({ oneEmailPerType: true });
  });
  afterAll(() => server?.stop());
  const as = (request: unknown) => envelope(server, { request });

  test('update_account changes the e-mail and the names in one call, without a second address of the same type; other addresses stay', async () => {
    const { response } = await succeed('create_account', as({ username: 'one.type@example.test', email: 'old.one@example.test', given_name: 'Old' }));
    // A home address beside the work one, written directly.
    const patched = await fetch(`${server.url}/Users/${response.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${credentials.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'emails', value: [{ value: 'home@example.test', type: 'home' }] }],
      }),
    });
    expect(patched.status).toBe(200);
    const request = { id: response.id, email: 'new.one@example.test', given_name: 'New' };
    expect(await succeed('update_account', as(request))).toMatchObject({
      response: { email: 'new.one@example.test', given_name: 'New' },
      execution_summary: summary('updated'),
    });
    const user = (await scimGet(server, `/Users/${response.id}`, credentials.token)).body;
    expect({ givenName: user.name.givenName, emails: user.emails }).toEqual({
      givenName: 'New',
      emails: [
        { value: 'new.one@example.test', type: 'work', primary: true },
        { value: 'home@example.test', type: 'home' },
      ],
    });
    expect(await succeed('update_account', as(request))).toMatchObject({ execution_summary: summary('noop') });
    // An address the User already has becomes primary as it is.
    expect(await succeed('update_account', as({ id: response.id, email: 'home@example.test' }))).toMatchObject({
      response: { email: 'home@example.test' },
      execution_summary: summary('updated'),
    });
    expect((await scimGet(server, `/Users/${response.id}`, credentials.token)).body.emails).toEqual([
      { value: 'new.one@example.test', type: 'work', primary: false },
      { value: 'home@example.test', type: 'home', primary: true },
    ]);
  });

  test('an e-mail the server refuses does not lose the other changes of the call: they are written, and the error says so', async () => {
    const { response } = await succeed('create_account', as({ username: 'refused.mail@example.test', email: 'kept@example.test', given_name: 'Before' }));
    const error = await fail('update_account', as({ id: response.id, email: 'someone@refused.test', given_name: 'After', display_name: 'After Name' }));
    expect(error).toMatchObject({ error_code: 'bad_request', status_code: 400, app_error_code: 'scim.email_refused' });
    expect(error.message).toBe(
      `The SCIM server refused the e-mail address "someone@refused.test": [400][PATCH ${server.url}/Users/${response.id}] The SCIM server refused the request (scimType invalidValue): emails: the domain of someone@refused.test is not allowed. The other changes (name.givenName, displayName) were written; the User's e-mail is still "kept@example.test".`,
    );
    const user = (await scimGet(server, `/Users/${response.id}`, credentials.token)).body;
    expect({ givenName: user.name.givenName, displayName: user.displayName, emails: user.emails }).toEqual({
      givenName: 'After',
      displayName: 'After Name',
      emails: [{ value: 'kept@example.test', type: 'work', primary: true }],
    });
  });
});
