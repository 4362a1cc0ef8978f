import { createIntegration } from 'lumos-connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { readCapabilities } from './capabilities-read.ts';
import { writeCapabilities } from './capabilities-write.ts';
import { createAccount, CreateScimAccount } from './create-account.ts';
import { scimResourceType } from './resource-type.ts';
import { ScimSettings } from './settings.ts';
import { groupEntitlementType } from './to-entitlement.ts';
import { updateAccount, UpdateScimAccount } from './update-account.ts';

/** The generic SCIM 2.0 connector: Users are accounts, Groups are entitlements, the server's resource types are resources. */
export const integration = createIntegration({
  // Not `scim`: the agent ships a stock on-premise connector of that id, and its auto-update could take this one for it.
  appId: 'scim-generic',
  version: packageJson.version,
  description: {
    userFriendlyName: 'SCIM 2.0',
    categories: ['IT_AND_SECURITY'],
    description: 'Governs any app that speaks SCIM 2.0 (RFC 7643/7644): Users, their status and their Group memberships.',
    appVendorDomain: 'scim.cloud',
  },
  // One of the two: a bearer token, or a user name and password for basic auth.
  credentials: [
    { id: 'token', type: 'token', optional: true, description: 'A bearer token for the SCIM API (sent as `Authorization: Bearer …`).' },
    { id: 'basic', type: 'basic', optional: true, description: 'A user name and password for the SCIM API (HTTP basic auth), for servers without tokens.' },
  ],
  settings: ScimSettings,
  resourceTypes: [{ type_id: scimResourceType, type_label: 'SCIM resource type' }],
  entitlementTypes: [{ type_id: groupEntitlementType, type_label: 'Group', resource_type_id: '', min: 0 }],
})
  .registerAll(readCapabilities)
  .registerAll(writeCapabilities)
  .registerExtended('create_account', { request: CreateScimAccount }, createAccount)
  .registerExtended('update_account', { request: UpdateScimAccount, response: UpdateScimAccount }, updateAccount);
