import type { FoundEntitlementData } from 'lumos-connector-sdk/wire';
import type { ScimGroup } from './scim-group.ts';

/** The entitlement type of group memberships. */
export const groupEntitlementType = 'group';

/** A SCIM Group as an assignable entitlement: membership of the group, app-wide (no resource). */
export function toEntitlement(group: ScimGroup): FoundEntitlementData {
  const name = group.displayName ?? group.id;
  return {
    integration_specific_id: group.id,
    integration_specific_resource_id: '',
    entitlement_type: groupEntitlementType,
    label: name,
    description: `Membership of the SCIM group ${JSON.stringify(name)}`,
    is_assignable: true,
    extra_data: group.externalId === undefined ? {} : { externalId: group.externalId },
  };
}
