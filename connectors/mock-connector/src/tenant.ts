import type { FoundAccountData, FoundEntitlementAssociation } from 'lumos-connector-sdk/wire';
import { accountIndex, entitlements, generatedAccount, generatedAssociations } from './dataset.ts';
import { associationKey, type MockState } from './state.ts';
import type { MockSettings } from './settings.ts';

/** The tenant as the app would show it: the generated data with the state's writes applied. */
export interface Tenant {
  /** How many account slots there are (generated, then created); deleted slots read as undefined. */
  size: number;
  /** The account in slot `slot`, or undefined when it was deleted. */
  accountAt(slot: number): FoundAccountData | undefined;
  /** The account with this id, or undefined. */
  find(id: string): FoundAccountData | undefined;
  /** The associations of an account. */
  associationsOf(id: string): FoundEntitlementAssociation[];
}

/** Builds the tenant view for these settings and state. */
export function tenant(settings: MockSettings, state: MockState): Tenant {
  const createdIds = Object.keys(state.created).sort();
  const deleted = new Set(state.deleted);
  const revoked = new Set(state.revoked);
  const withChanges = (account: FoundAccountData): FoundAccountData => {
    const id = account.integration_specific_id;
    const status = state.status[id];
    return { ...account, ...state.profile[id], ...(status ? { user_status: status } : {}) };
  };
  const find = (id: string): FoundAccountData | undefined => {
    if (deleted.has(id)) return undefined;
    const index = accountIndex(id);
    if (index >= 0 && index < settings.account_count) return withChanges(generatedAccount(index, settings.host));
    const created = state.created[id];
    return created ? withChanges(created) : undefined;
  };
  return {
    size: settings.account_count + createdIds.length,
    accountAt(slot) {
      const id = slot < settings.account_count ? undefined : createdIds[slot - settings.account_count];
      if (id !== undefined) return find(id);
      if (slot >= settings.account_count) return undefined;
      const account = generatedAccount(slot, settings.host);
      return deleted.has(account.integration_specific_id) ? undefined : withChanges(account);
    },
    find,
    associationsOf(id) {
      if (!find(id)) return [];
      const index = accountIndex(id);
      const generated = index >= 0 && index < settings.account_count ? generatedAssociations(index) : [];
      const kept = generated.filter(
        (association) =>
          !revoked.has(associationKey(association.account_id, association.integration_specific_entitlement_id, association.integration_specific_resource_id)),
      );
      const added = state.granted
        .map((key) => key.split('|') as [string, string, string])
        .filter(([account]) => account === id)
        .map(([account, entitlement, resource]) => ({
          account_id: account,
          integration_specific_entitlement_id: entitlement,
          integration_specific_resource_id: resource,
        }));
      return [...kept, ...added];
    },
  };
}

/** Whether an entitlement exists in the app. */
export function entitlementExists(entitlementId: string, resourceId: string): boolean {
  return entitlements().some(
    (entitlement) => entitlement.integration_specific_id === entitlementId && entitlement.integration_specific_resource_id === resourceId,
  );
}
