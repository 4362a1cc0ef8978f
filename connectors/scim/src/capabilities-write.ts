import { executionSummary, type StandardHandlers } from 'lumos-connector-sdk';
import { changeMembership, checkGroupEntitlement } from './change-membership.ts';
import { replaceUserAttributes } from './replace-user-attributes.ts';
import { scimClient } from './scim-client.ts';
import { ScimUser } from './scim-user.ts';
import type { ScimSettings } from './settings.ts';
import { accountStatus } from './to-account.ts';

/** The write capabilities other than create_account and update_account. */
export const writeCapabilities: StandardHandlers<ScimSettings> = {
  activate_account: async (args) => {
    const client = scimClient(args);
    const user = await client.get(`/Users/${encodeURIComponent(args.request.account_id)}`, { schema: ScimUser });
    if (user.active === true) return { response: { activated: true, status: 'ACTIVE' as const }, execution_summary: executionSummary(args.request, 'noop') };
    const after = await replaceUserAttributes(client, user, [{ path: 'active', value: true }]);
    return {
      response: { activated: after.active !== false, status: accountStatus(after) ?? 'ACTIVE' },
      execution_summary: executionSummary(args.request, 'updated'),
    };
  },

  deactivate_account: async (args) => {
    const client = scimClient(args);
    const user = await client.get(`/Users/${encodeURIComponent(args.request.account_id)}`, { schema: ScimUser });
    if (user.active === false)
      return { response: { deactivated: true, status: 'INACTIVE' as const }, execution_summary: executionSummary(args.request, 'noop') };
    const after = await replaceUserAttributes(client, user, [{ path: 'active', value: false }]);
    return {
      response: { deactivated: after.active === false, status: accountStatus(after) ?? 'INACTIVE' },
      execution_summary: executionSummary(args.request, 'updated'),
    };
  },

  delete_account: async (args) => {
    const client = scimClient(args);
    const { status } = await client.request(`/Users/${encodeURIComponent(args.request.account_id)}`, {
      method: 'DELETE',
      allowStatus: [404],
      responseType: 'text',
    });
    if (status === 404) {
      return {
        response: { deleted: true, status: 'DELETED' as const },
        execution_summary: executionSummary(args.request, 'noop', `The SCIM server has no User ${JSON.stringify(args.request.account_id)}.`),
      };
    }
    return { response: { deleted: true, status: 'DELETED' as const }, execution_summary: executionSummary(args.request, 'deleted') };
  },

  assign_entitlement: async (args) => {
    const { request, settings } = args;
    checkGroupEntitlement(settings.groups_as_entitlements, request.entitlement_type, request.entitlement_integration_specific_id);
    const added = await changeMembership(scimClient(args), request.entitlement_integration_specific_id, request.account_integration_specific_id, 'add');
    return { response: { assigned: true }, execution_summary: executionSummary(request, added ? 'created' : 'noop', { idempotent: true }) };
  },

  unassign_entitlement: async (args) => {
    const { request, settings } = args;
    checkGroupEntitlement(settings.groups_as_entitlements, request.entitlement_type, request.entitlement_integration_specific_id);
    const removed = await changeMembership(scimClient(args), request.entitlement_integration_specific_id, request.account_integration_specific_id, 'remove');
    return { response: { unassigned: true }, execution_summary: executionSummary(request, removed ? 'deleted' : 'noop') };
  },
};
