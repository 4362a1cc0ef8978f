import { ConnectorError, getBasicAuth, type StandardHandlers } from 'lumos-connector-sdk';
import type { FoundAccountData, FoundEntitlementAssociation } from 'lumos-connector-sdk/wire';
import { accountIndex, entitlements, lastLogin, workspaces } from './dataset.ts';
import { decodeToken, encodeToken, pageSize } from './page-token.ts';
import type { MockSettings } from './settings.ts';
import { loadState } from './state.ts';
import { tenant } from './tenant.ts';

/** A page of a fixed list: the slice and the token of the next page, if any. */
function pageOf<T>(items: T[], list: string, page: { token?: string | null | undefined; size?: number | null | undefined } | null) {
  const offset = decodeToken(page?.token, list);
  const size = pageSize(page?.size);
  const next = offset + size;
  return {
    response: items.slice(offset, next),
    page: next < items.length ? { token: encodeToken({ list, offset: next }), size } : null,
  };
}

/** The read capabilities of the mock connector. */
export const readCapabilities: StandardHandlers<MockSettings> = {
  validate_credentials: (args) => {
    const { password } = getBasicAuth(args);
    if (password === 'wrong-password') {
      throw new ConnectorError('The username or password is not accepted by the mock tenant.', 'unauthorized', {
        appErrorCode: 'mock-connector.bad_credentials',
        statusCode: 401,
      });
    }
    return { response: { valid: true, unique_tenant_id: 'mock-connector-tenant-id' } };
  },

  list_accounts: (args) => {
    const view = tenant(args.settings, loadState(args.settings.state_file));
    const offset = decodeToken(args.page?.token, 'accounts');
    const size = pageSize(args.page?.size);
    const accounts: FoundAccountData[] = [];
    let slot = offset;
    // Deleted slots are skipped, so a page is filled from the slots after them.
    for (; slot < view.size && accounts.length < size; slot++) {
      const account = view.accountAt(slot);
      if (account) accounts.push(account);
    }
    return {
      response: accounts,
      page: slot < view.size ? { token: encodeToken({ list: 'accounts', offset: slot }), size } : null,
    };
  },

  get_account: (args) => {
    const account = tenant(args.settings, loadState(args.settings.state_file)).find(args.request.account_id);
    if (!account) throw new ConnectorError(`No account with id '${args.request.account_id}'.`, 'not_found', { statusCode: 404 });
    return { response: account };
  },

  list_resources: (args) => pageOf(workspaces(), 'resources', args.page),

  list_entitlements: (args) => pageOf(entitlements(), 'entitlements', args.page),

  find_entitlement_associations: (args) => {
    const view = tenant(args.settings, loadState(args.settings.state_file));
    const offset = decodeToken(args.page?.token, 'associations');
    const size = pageSize(args.page?.size);
    const associations: FoundEntitlementAssociation[] = [];
    let slot = offset;
    // A page holds whole accounts' associations, so it may run a little over the size.
    for (; slot < view.size && associations.length < size; slot++) {
      const account = view.accountAt(slot);
      if (account) associations.push(...view.associationsOf(account.integration_specific_id));
    }
    return {
      response: associations,
      page: slot < view.size ? { token: encodeToken({ list: 'associations', offset: slot }), size } : null,
    };
  },

  get_last_activity: (args) => {
    const view = tenant(args.settings, loadState(args.settings.state_file));
    const known = args.request.account_ids.filter((id) => view.find(id) !== undefined);
    const activity = known.map((id) => ({
      account_id: id,
      event_type: 'last_login',
      happened_at: lastLogin(Math.max(0, accountIndex(id))),
    }));
    return pageOf(activity, 'activity', args.page);
  },

  list_custom_attributes_schema: (args) =>
    pageOf(
      [{ customized_type: 'account' as const, name: 'department', attribute_type: 'string' as const, description: 'The department the person works in' }],
      'custom_attributes',
      args.page,
    ),
};
