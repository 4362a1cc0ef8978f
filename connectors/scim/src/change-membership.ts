import { ConnectorError } from 'lumos-connector-sdk';
import * as v from 'valibot';
import { filterString, patchOp } from './patch-op.ts';
import type { ScimClient } from './scim-client.ts';
import { ScimGroup, userMemberIds } from './scim-group.ts';
import { supportsPatch } from './service-provider-config.ts';
import { groupEntitlementType } from './to-entitlement.ts';

/** Refuses an entitlement that is not a group membership, or any when groups are not entitlements. */
export function checkGroupEntitlement(groupsAsEntitlements: boolean, entitlementType: string | null | undefined, groupId: string): void {
  if (!groupsAsEntitlements) {
    throw new ConnectorError(
      "Groups are not entitlements in this connector's settings (groups_as_entitlements is false), so there is nothing to assign.",
      'unsupported_operation',
    );
  }
  if (entitlementType != null && entitlementType !== groupEntitlementType) {
    throw new ConnectorError(
      `The entitlement ${JSON.stringify(groupId)} has the type ${JSON.stringify(entitlementType)}; this connector offers only '${groupEntitlementType}'.`,
      'invalid_value',
    );
  }
}

/**
 * Adds a User to a Group, or removes it, unless it already is (or is not) a member: returns whether
 * the Group changed. PATCH `add`/`remove` on `members` when the server has PATCH; otherwise a PUT of
 * the whole Group with its members changed.
 */
export async function changeMembership(client: ScimClient, groupId: string, userId: string, change: 'add' | 'remove'): Promise<boolean> {
  const path = `/Groups/${encodeURIComponent(groupId)}`;
  const patch = supportsPatch(await client.serviceProviderConfig());
  // With PATCH only the members are needed; a PUT sends the whole Group back.
  const group = await client.get(path, { schema: ScimGroup, ...(patch ? { query: { attributes: 'members' } } : {}) });
  const member = userMemberIds(group).includes(userId);
  if (member === (change === 'add')) return false;
  if (change === 'add') {
    // A member that is no User would be a dangling reference: check the account exists first.
    await client.get(`/Users/${encodeURIComponent(userId)}`, { query: { attributes: 'id' }, schema: v.looseObject({ id: v.string() }) });
  }
  if (patch) {
    const operation =
      change === 'add'
        ? { op: 'add' as const, path: 'members', value: [{ value: userId }] }
        : { op: 'remove' as const, path: `members[value eq ${filterString(userId)}]` };
    await client.patch(path, { body: patchOp([operation]) });
    return true;
  }
  const { meta: _meta, ...rest } = group;
  const members = change === 'add' ? [...(group.members ?? []), { value: userId }] : (group.members ?? []).filter((entry) => entry.value !== userId);
  await client.put(path, { body: { ...rest, members } });
  return true;
}
