import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from 'bun:test';
import { tenantId } from '../../connectors/scim/src/tenant-id.ts';
import { envelope, fail, succeed, walk } from './helpers.ts';
import { scimGet, startScimServer, type ScimServer } from './scim-server.ts';
import { credentials, seedGroups, seedInactive, seedPeople, seedUserName } from './seed.ts';

// Each test spawns the connector many times; on a busy machine that takes longer than bun's default 5 s.
setDefaultTimeout(60_000);

/** The seeded accounts as the connector should list them, in the server's order. */
const seededAccounts = seedPeople.map((person, index) => ({
  email: seedUserName(person),
  given_name: person[0],
  family_name: person[1],
  username: seedUserName(person),
  user_status: seedInactive(index) ? 'INACTIVE' : 'ACTIVE',
  extra_data: { displayName: `${person[0]} ${person[1]}` },
  account_type: 'user',
}));

/** The seeded group memberships of Users, as (userName, group name) pairs; nested groups are not accounts. */
const seededMemberships = seedGroups.flatMap((group) => group.members.map((index) => `${seedUserName(seedPeople[index]!)} ∈ ${group.displayName}`)).sort();

/** Turns an association into `userName ∈ group name`, reading the names through the connector. */
async function memberNames(server: ScimServer): Promise<(item: { account_id: string; integration_specific_entitlement_id: string }) => string> {
  const accounts = (await walk('list_accounts', envelope(server), 100)).items;
  const userNames = new Map(accounts.map((account) => [account.integration_specific_id, account.username]));
  const groups = (await walk('list_entitlements', envelope(server), 100)).items;
  const groupNames = new Map(groups.map((group) => [group.integration_specific_id, group.label]));
  return (item) => `${userNames.get(item.account_id)} ∈ ${groupNames.get(item.integration_specific_entitlement_id)}`;
}

for (const variant of [
  { name: 'startIndex paging', cursor: false },
  { name: 'RFC 9865 cursor paging', cursor: true },
]) {
  describe(`scim connector reads a SCIMMY server (${variant.name})`, () => {
    let server: ScimServer;
    beforeAll(async () => {
      server = await startScimServer({ cursor: variant.cursor });
    });
    afterAll(() => server?.stop());

    test('list_accounts walks all 23 Users to the end at page sizes 1, 3 and 7', async () => {
      for (const size of [1, 3, 7]) {
        const { items, pages } = await walk('list_accounts', envelope(server), size);
        expect(items.map(({ integration_specific_id: _id, ...account }) => account)).toEqual(seededAccounts);
        expect(new Set(items.map((account) => account.integration_specific_id)).size).toBe(23);
        // Index paging knows the total and stops on the last page; a cursor page says whether more follows.
        expect(pages).toBe(Math.ceil(23 / size));
      }
    });

    for (const from of ['groups', 'users']) {
      test(`find_entitlement_associations from the ${from}' side lists every User membership once (nested groups left out) at page sizes 1, 3 and 7`, async () => {
        const names = await memberNames(server);
        for (const size of [1, 3, 7]) {
          // A small page_size also makes the connector read Groups or Users two at a time, so pages span upstream pages.
          const { items } = await walk(
            'find_entitlement_associations',
            envelope(server, { settings: { page_size: size === 1 ? 2 : 100, memberships_from: from } }),
            size,
          );
          expect(items.map(names).sort()).toEqual(seededMemberships);
          expect(items.every((item) => item.integration_specific_resource_id === '')).toBe(true);
        }
      });
    }

    test('list_entitlements lists the Groups as assignable group entitlements, at page sizes 1 and 3', async () => {
      for (const size of [1, 3]) {
        const { items } = await walk('list_entitlements', envelope(server), size);
        expect(items.map((item) => item.label)).toEqual(seedGroups.map((group) => group.displayName));
        expect(items[0]).toEqual({
          integration_specific_id: expect.any(String),
          integration_specific_resource_id: '',
          entitlement_type: 'group',
          label: 'Engineering',
          description: 'Membership of the SCIM group "Engineering"',
          is_assignable: true,
          extra_data: {},
        });
      }
    });
  });
}

describe('scim connector: the other reads', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer();
  });
  afterAll(() => server?.stop());

  test('validate_credentials answers with a tenant id derived from the base URL, the same for bearer and basic auth and for a trailing slash', async () => {
    const expected = { response: { valid: true, unique_tenant_id: tenantId(server.url) }, page: null, raw_data: null };
    expect(await succeed('validate_credentials', envelope(server))).toEqual(expected);
    expect(await succeed('validate_credentials', envelope(server, { login: 'basic' }))).toEqual(expected);
    expect(await succeed('validate_credentials', envelope(server, { settings: { base_url: `${server.url}/` } }))).toEqual(expected);
    expect(expected.response.unique_tenant_id).toMatch(/^scim-[0-9a-f]{24}$/);
  });

  test("get_account returns the User as list_accounts does; raw_data carries the server's answer when asked for", async () => {
    const [first] = (await succeed('list_accounts', envelope(server, { page: { size: 1 } }))).response;
    const result = await succeed('get_account', envelope(server, { request: { account_id: first.integration_specific_id }, include_raw_data: true }));
    expect(result.response).toEqual(first);
    expect(result.raw_data.responses).toEqual([
      {
        method: 'GET',
        url: `${server.url}/Users/${first.integration_specific_id}`,
        status: 200,
        body: expect.objectContaining({ id: first.integration_specific_id, userName: first.username }),
      },
    ]);
  });

  test('user_filter lists only the Users the SCIM filter matches', async () => {
    const { items } = await walk('list_accounts', envelope(server, { settings: { user_filter: 'active eq false' } }), 3);
    expect(items.map((account) => account.username)).toEqual(seedPeople.filter((_, index) => seedInactive(index)).map(seedUserName));
  });

  test('list_resources lists the resource types the server serves', async () => {
    const { items } = await walk('list_resources', envelope(server), 1);
    expect(items).toEqual([
      {
        integration_specific_id: 'User',
        label: 'User',
        description: 'User Account',
        resource_type: 'scim_resource_type',
        extra_data: { endpoint: '/Users', schema: 'urn:ietf:params:scim:schemas:core:2.0:User' },
      },
      {
        integration_specific_id: 'Group',
        label: 'Group',
        description: 'Group',
        resource_type: 'scim_resource_type',
        extra_data: { endpoint: '/Groups', schema: 'urn:ietf:params:scim:schemas:core:2.0:Group' },
      },
    ]);
  });

  test('with groups_as_entitlements off, no entitlements or associations are listed and none are asked of the server', async () => {
    const settings = { groups_as_entitlements: false };
    expect(await succeed('list_entitlements', envelope(server, { settings }))).toEqual({ response: [], page: null, raw_data: null });
    expect(await succeed('find_entitlement_associations', envelope(server, { settings }))).toEqual({ response: [], page: null, raw_data: null });
  });

  test('list_accounts leaves the server as it was (a read)', async () => {
    const before = await scimGet(server, '/Users?count=100', credentials.token);
    await walk('list_accounts', envelope(server), 7);
    expect((await scimGet(server, '/Users?count=100', credentials.token)).body.Resources).toEqual(before.body.Resources);
  });
});

describe('scim connector on a server that leaves members out of Group answers', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer({ hideMembers: true });
  });
  afterAll(() => server?.stop());

  test('memberships_from "users" still finds every membership, where "groups" finds none', async () => {
    const names = await memberNames(server);
    expect((await walk('find_entitlement_associations', envelope(server), 5)).items).toEqual([]);
    const { items } = await walk('find_entitlement_associations', envelope(server, { settings: { memberships_from: 'users', page_size: 4 } }), 5);
    expect(items.map(names).sort()).toEqual(seededMemberships);
  });
});

describe('scim connector on a server whose Users have no groups attribute', () => {
  let server: ScimServer;
  beforeAll(async () => {
    server = await startScimServer({ noUserGroups: true });
  });
  afterAll(() => server?.stop());

  test('memberships_from "users" is a clear error, not zero memberships; "groups" still finds every membership', async () => {
    const error = await fail('find_entitlement_associations', envelope(server, { settings: { memberships_from: 'users' } }));
    expect(error).toMatchObject({ error_code: 'bad_request', app_error_code: 'scim.no_user_groups_attribute' });
    expect(error.message).toBe(
      'memberships_from is "users", but the SCIM server\'s User schema has no groups attribute, so its Users cannot tell which Groups they are in. Set memberships_from to "groups" to read memberships from the Groups\' members.',
    );
    const names = await memberNames(server);
    expect((await walk('find_entitlement_associations', envelope(server), 7)).items.map(names).sort()).toEqual(seededMemberships);
  });
});
