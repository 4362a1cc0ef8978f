import type { StandardHandlers } from 'lumos-connector-sdk';
import { openPage } from 'lumos-connector-sdk/http';
import { fetchMemberPage } from './fetch-member-page.ts';
import { fetchScimPage } from './fetch-scim-page.ts';
import { ListResponse } from './list-response.ts';
import { ScimResourceType, toResource } from './resource-type.ts';
import { checkAccess } from './check-access.ts';
import { scimClient } from './scim-client.ts';
import { ScimGroup } from './scim-group.ts';
import { ScimUser } from './scim-user.ts';
import type { ScimSettings } from './settings.ts';
import { tenantId } from './tenant-id.ts';
import { toAccount } from './to-account.ts';
import { toEntitlement } from './to-entitlement.ts';

/** A page size bounded by the settings' page size, which is also the default. */
const pageOptions = (list: string, settings: ScimSettings) => ({ list, maxSize: settings.page_size, defaultSize: settings.page_size });

/** The read capabilities. */
export const readCapabilities: StandardHandlers<ScimSettings> = {
  validate_credentials: async (args, { log }) => {
    const client = scimClient(args);
    const config = await client.serviceProviderConfig();
    // Discovery endpoints may answer without authentication (RFC 7644 §4), so read one User too, and one Group when Groups are governed.
    await checkAccess(client, args.settings.groups_as_entitlements ? ['Users', 'Groups'] : ['Users']);
    const id = tenantId(args.settings.base_url);
    log.info(
      `SCIM server at ${new URL(args.settings.base_url).host}: PATCH ${config.patch?.supported === false ? 'unsupported' : 'supported'}, filter ${config.filter?.supported ? 'supported' : 'unsupported'}, cursor paging ${config.pagination?.cursor ? 'supported' : 'unsupported'}; tenant ${id}.`,
    );
    return { response: { valid: true, unique_tenant_id: id }, raw_data: client.rawData() };
  },

  list_accounts: async (args) => {
    const client = scimClient(args);
    const position = openPage(args.page, pageOptions('accounts', args.settings));
    const { items, next } = await fetchScimPage(client, position, { path: '/Users', item: ScimUser, query: { filter: args.settings.user_filter } });
    return { response: items.map(toAccount), page: position.next(next), raw_data: client.rawData() };
  },

  get_account: async (args) => {
    const client = scimClient(args);
    const user = await client.get(`/Users/${encodeURIComponent(args.request.account_id)}`, { schema: ScimUser });
    return { response: toAccount(user), raw_data: client.rawData() };
  },

  list_resources: async (args) => {
    const client = scimClient(args);
    const position = openPage(args.page, pageOptions('resources', args.settings));
    // /ResourceTypes is not paged by the server (RFC 7644 §4): the connector pages the answer itself.
    const offset = typeof position.cursor === 'number' ? position.cursor : 0;
    const { Resources } = await client.get('/ResourceTypes', { schema: ListResponse(ScimResourceType) });
    const shown = Resources.slice(offset, offset + position.size);
    return {
      response: shown.map(toResource),
      page: position.next(offset + shown.length < Resources.length ? offset + shown.length : null),
      raw_data: client.rawData(),
    };
  },

  list_entitlements: async (args) => {
    if (!args.settings.groups_as_entitlements) return { response: [], page: null };
    const client = scimClient(args);
    const position = openPage(args.page, pageOptions('entitlements', args.settings));
    // Members can be thousands per group: leave them out of the listing.
    const { items, next } = await fetchScimPage(client, position, { path: '/Groups', item: ScimGroup, query: { excludedAttributes: 'members' } });
    return { response: items.map(toEntitlement), page: position.next(next), raw_data: client.rawData() };
  },

  find_entitlement_associations: async (args) => {
    if (!args.settings.groups_as_entitlements) return { response: [], page: null };
    const client = scimClient(args);
    const position = openPage(args.page, pageOptions('associations', args.settings));
    const { items, next } = await fetchMemberPage(client, position, {
      from: args.settings.memberships_from,
      upstreamPageSize: args.settings.page_size,
      userFilter: args.settings.user_filter,
    });
    return { response: items, page: position.next(next), raw_data: client.rawData() };
  },
};
