import type { FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData, FoundResourceData } from 'lumos-connector-sdk/wire';

/** The generated tenant: accounts are computed from their index, so 100,000 of them cost nothing until read. */

const givenNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Margaret', 'Ken', 'Frances', 'Dennis', 'Radia', 'Linus'];
const familyNames = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Hamilton', 'Thompson', 'Allen', 'Ritchie', 'Perlman', 'Torvalds'];
const departments = ['Engineering', 'Finance', 'Sales', 'Support', 'People'];

/** Workspaces are the mock app's resources. */
export const workspaceCount = 3;
/** The app-wide roles, entitlements of the app itself (resource id ""). */
export const roles = ['admin', 'editor', 'viewer'] as const;

/** The account id of index `i`: `user-000001`, … */
export function accountId(index: number): string {
  return `user-${String(index + 1).padStart(6, '0')}`;
}

/** The index of an account id, or -1 when the id is not a generated one. */
export function accountIndex(id: string): number {
  const match = /^user-(\d{6,})$/.exec(id);
  if (!match) return -1;
  return Number(match[1]) - 1;
}

/** The generated account at `index` of a tenant on `host`. */
export function generatedAccount(index: number, host: string): FoundAccountData {
  const given = givenNames[index % givenNames.length]!;
  const family = familyNames[Math.floor(index / givenNames.length) % familyNames.length]!;
  const id = accountId(index);
  return {
    integration_specific_id: id,
    email: `${given.toLowerCase()}.${family.toLowerCase()}.${index + 1}@${host}`,
    given_name: given,
    family_name: family,
    username: `${given.toLowerCase()}${index + 1}`,
    user_status: index % 17 === 5 ? 'SUSPENDED' : index % 7 === 3 ? 'INACTIVE' : 'ACTIVE',
    account_type: index % 50 === 49 ? 'service' : 'user',
    custom_attributes: { department: departments[index % departments.length]! },
  };
}

/** The workspaces (resources). */
export function workspaces(): FoundResourceData[] {
  return Array.from({ length: workspaceCount }, (_, i) => ({
    integration_specific_id: `workspace-${i + 1}`,
    label: `Workspace ${i + 1}`,
    resource_type: 'workspace',
    description: `Generated workspace ${i + 1}`,
  }));
}

/** Every entitlement: the app-wide roles, then one membership per workspace. */
export function entitlements(): FoundEntitlementData[] {
  const roleEntitlements: FoundEntitlementData[] = roles.map((role) => ({
    integration_specific_id: `role-${role}`,
    integration_specific_resource_id: '',
    entitlement_type: 'role',
    label: role[0]!.toUpperCase() + role.slice(1),
    is_assignable: true,
  }));
  const memberships: FoundEntitlementData[] = workspaces().map((workspace) => ({
    integration_specific_id: `member-${workspace.integration_specific_id}`,
    integration_specific_resource_id: workspace.integration_specific_id,
    entitlement_type: 'workspace_member',
    label: `Member of ${workspace.label}`,
    is_assignable: true,
  }));
  return [...roleEntitlements, ...memberships];
}

/** The entitlements account `index` holds in the generated tenant: one role and one workspace. */
export function generatedAssociations(index: number): FoundEntitlementAssociation[] {
  const role = index % 10 === 0 ? 'admin' : index % 3 === 0 ? 'editor' : 'viewer';
  const workspace = `workspace-${(index % workspaceCount) + 1}`;
  const id = accountId(index);
  return [
    { account_id: id, integration_specific_entitlement_id: `role-${role}`, integration_specific_resource_id: '' },
    { account_id: id, integration_specific_entitlement_id: `member-${workspace}`, integration_specific_resource_id: workspace },
  ];
}

/** A stable "last login" for an account. */
export function lastLogin(index: number): string {
  const day = 1 + (index % 28);
  const hour = index % 24;
  return `2026-10-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z`;
}
