import { createIntegration } from 'lumos-connector-sdk';
import packageJson from '../package.json' with { type: 'json' };
import { createAccount, CreateMockAccount, updateAccount, UpdateMockAccount, writeCapabilities } from './capabilities-write.ts';
import { readCapabilities } from './capabilities-read.ts';
import { WorkspaceSummary, WorkspaceSummaryRequest, workspaceSummary } from './custom-capabilities.ts';
import { MockSettings } from './settings.ts';

/** The mock connector: a generated tenant with every core capability. */
export const integration = createIntegration({
  appId: 'mock-connector',
  version: packageJson.version,
  description: {
    userFriendlyName: 'Mock Connector',
    categories: ['DEVELOPERS'],
    description: 'A deterministic generated tenant for tests, demos and benchmarks.',
    appVendorDomain: 'example.com',
  },
  auth: 'basic',
  settings: MockSettings,
  resourceTypes: [{ type_id: 'workspace', type_label: 'Workspace' }],
  entitlementTypes: [
    { type_id: 'role', type_label: 'Role', resource_type_id: '', min: 0, max: 1 },
    { type_id: 'workspace_member', type_label: 'Workspace member', resource_type_id: 'workspace', min: 0 },
  ],
})
  .registerAll(readCapabilities)
  .registerAll(writeCapabilities)
  .registerExtended('create_account', { request: CreateMockAccount }, createAccount)
  .registerExtended('update_account', { request: UpdateMockAccount, response: UpdateMockAccount }, updateAccount)
  .registerCustom(
    'workspace_summary',
    { request: WorkspaceSummaryRequest, response: WorkspaceSummary, level: 'read', description: 'How many accounts are members of a workspace.' },
    workspaceSummary,
  );
