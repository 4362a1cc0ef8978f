import { createIntegration } from 'lumos-connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { readCapabilities } from './capabilities-read.ts';
import { writeCapabilities } from './capabilities-write.ts';
import { createAccount, CreatePostgresAccount } from './create-account.ts';
import { databasePrivilegeType, databaseResourceType, roleEntitlementType } from './entitlement.ts';
import { PostgresSettings } from './settings.ts';

/** The PostgreSQL connector: login roles are accounts; group roles and database privileges are entitlements; databases are resources. */
export const integration = createIntegration({
  appId: 'postgres',
  version: packageJson.version,
  description: {
    userFriendlyName: 'PostgreSQL',
    categories: ['DEVELOPERS'],
    description: 'Governs the roles of a PostgreSQL cluster: login roles, group-role memberships and database privileges.',
    appVendorDomain: 'postgresql.org',
  },
  auth: 'basic',
  settings: PostgresSettings,
  resourceTypes: [{ type_id: databaseResourceType, type_label: 'Database' }],
  entitlementTypes: [
    { type_id: roleEntitlementType, type_label: 'Group role', resource_type_id: '', min: 0 },
    { type_id: databasePrivilegeType, type_label: 'Database privilege', resource_type_id: databaseResourceType, min: 0 },
  ],
})
  .registerAll(readCapabilities)
  .registerAll(writeCapabilities)
  .registerExtended('create_account', { request: CreatePostgresAccount }, createAccount);
