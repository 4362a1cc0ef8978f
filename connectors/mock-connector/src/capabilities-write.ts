import * as v from 'valibot';
import { ConnectorError, executionSummary, type StandardHandlers } from 'lumos-connector-sdk';
import { request as CreatableAccount } from 'lumos-connector-sdk/wire/capability/create_account';
import { request as UpdateableAccount } from 'lumos-connector-sdk/wire/capability/update_account';
import type { MockSettings } from './settings.ts';
import { associationKey, loadState, saveState } from './state.ts';
import { entitlementExists, tenant } from './tenant.ts';

/** `create_account`'s payload, extended with the profile the mock app stores. */
export const CreateMockAccount = v.object({
  ...CreatableAccount.entries,
  email: v.pipe(v.string(), v.email()),
  given_name: v.nullish(v.string()),
  family_name: v.nullish(v.string()),
  username: v.nullish(v.string()),
});

/** `update_account`'s payload, extended with the fields the mock app lets you change. */
export const UpdateMockAccount = v.object({
  ...UpdateableAccount.entries,
  email: v.nullish(v.pipe(v.string(), v.email())),
  given_name: v.nullish(v.string()),
  family_name: v.nullish(v.string()),
});

function notFound(id: string): ConnectorError {
  return new ConnectorError(`No account with id '${id}'.`, 'not_found', { statusCode: 404 });
}

/** Creates an account; creating one whose e-mail already exists is a noop returning it. */
export const createAccount = (args: { request: v.InferOutput<typeof CreateMockAccount>; settings: MockSettings }) => {
  const { request, settings } = args;
  const state = loadState(settings.state_file);
  const existing = Object.values(state.created).find((account) => account.email === request.email && !state.deleted.includes(account.integration_specific_id));
  if (existing) {
    return {
      response: { id: existing.integration_specific_id, status: existing.user_status ?? 'ACTIVE', created: false },
      execution_summary: executionSummary(request, 'noop', `An account with e-mail ${request.email} already exists.`),
    };
  }
  const id = `created-${new Bun.CryptoHasher('sha256').update(request.email).digest('hex').slice(0, 12)}`;
  state.created[id] = {
    integration_specific_id: id,
    email: request.email,
    given_name: request.given_name ?? undefined,
    family_name: request.family_name ?? undefined,
    username: request.username ?? request.email.split('@')[0],
    user_status: 'ACTIVE',
    account_type: 'user',
  };
  state.deleted = state.deleted.filter((deletedId) => deletedId !== id);
  for (const entitlement of request.entitlements) {
    state.granted.push(associationKey(id, entitlement.integration_specific_id, entitlement.integration_specific_resource_id ?? ''));
  }
  saveState(settings.state_file, state);
  return {
    response: { id, status: 'ACTIVE' as const, created: true },
    // A replay finds the account by its e-mail and is a noop.
    execution_summary: executionSummary(request, 'created', { idempotent: true }),
  };
};

/** Updates an account's profile; nothing to change is a noop. */
export const updateAccount = (args: { request: v.InferOutput<typeof UpdateMockAccount>; settings: MockSettings }) => {
  const { request, settings } = args;
  const state = loadState(settings.state_file);
  const account = tenant(settings, state).find(request.id);
  if (!account) throw notFound(request.id);
  const changes: Record<string, string> = {};
  for (const key of ['email', 'given_name', 'family_name'] as const) {
    const value = request[key];
    if (value != null && value !== account[key]) changes[key] = value;
  }
  if (Object.keys(changes).length === 0) {
    return { response: request, execution_summary: executionSummary(request, 'noop') };
  }
  state.profile[request.id] = { ...state.profile[request.id], ...changes };
  saveState(settings.state_file, state);
  return { response: request, execution_summary: executionSummary(request, 'updated', `Changed ${Object.keys(changes).join(', ')}.`) };
};

/** The other write capabilities of the mock connector. */
export const writeCapabilities: StandardHandlers<MockSettings> = {
  activate_account: ({ request, settings }) => {
    const state = loadState(settings.state_file);
    const account = tenant(settings, state).find(request.account_id);
    if (!account) throw notFound(request.account_id);
    if (account.user_status === 'ACTIVE') {
      return { response: { activated: true, status: 'ACTIVE' }, execution_summary: executionSummary(request, 'noop') };
    }
    state.status[request.account_id] = 'ACTIVE';
    saveState(settings.state_file, state);
    return { response: { activated: true, status: 'ACTIVE' }, execution_summary: executionSummary(request, 'updated') };
  },

  deactivate_account: ({ request, settings }) => {
    const state = loadState(settings.state_file);
    const account = tenant(settings, state).find(request.account_id);
    if (!account) throw notFound(request.account_id);
    if (account.user_status === 'INACTIVE') {
      return { response: { deactivated: true, status: 'INACTIVE' }, execution_summary: executionSummary(request, 'noop') };
    }
    state.status[request.account_id] = 'INACTIVE';
    saveState(settings.state_file, state);
    return { response: { deactivated: true, status: 'INACTIVE' }, execution_summary: executionSummary(request, 'updated') };
  },

  delete_account: ({ request, settings }) => {
    const state = loadState(settings.state_file);
    if (state.deleted.includes(request.account_id)) {
      return { response: { deleted: true, status: 'DELETED' }, execution_summary: executionSummary(request, 'noop', 'The account was already deleted.') };
    }
    if (!tenant(settings, state).find(request.account_id)) throw notFound(request.account_id);
    state.deleted.push(request.account_id);
    saveState(settings.state_file, state);
    return { response: { deleted: true, status: 'DELETED' }, execution_summary: executionSummary(request, 'deleted') };
  },

  assign_entitlement: ({ request, settings }, { capability }) => {
    const state = loadState(settings.state_file);
    const view = tenant(settings, state);
    const accountId = request.account_integration_specific_id;
    if (!view.find(accountId)) throw notFound(accountId);
    const entitlementId = request.entitlement_integration_specific_id;
    const resourceId = request.resource_integration_specific_id;
    if (!entitlementExists(entitlementId, resourceId)) {
      throw new ConnectorError(`No entitlement '${entitlementId}' on resource '${resourceId || '(the app)'}'.`, 'not_found', { statusCode: 404 });
    }
    const key = associationKey(accountId, entitlementId, resourceId);
    const holds = view
      .associationsOf(accountId)
      .some((a) => associationKey(a.account_id, a.integration_specific_entitlement_id, a.integration_specific_resource_id) === key);
    if (holds) return { response: { assigned: true }, execution_summary: executionSummary(request, 'noop', { capability }) };
    if (state.revoked.includes(key)) state.revoked = state.revoked.filter((revoked) => revoked !== key);
    else state.granted.push(key);
    saveState(settings.state_file, state);
    return { response: { assigned: true }, execution_summary: executionSummary(request, 'created', { capability, idempotent: true }) };
  },

  unassign_entitlement: ({ request, settings }, { capability }) => {
    const state = loadState(settings.state_file);
    const view = tenant(settings, state);
    const accountId = request.account_integration_specific_id;
    if (!view.find(accountId)) throw notFound(accountId);
    const key = associationKey(accountId, request.entitlement_integration_specific_id, request.resource_integration_specific_id);
    const holds = view
      .associationsOf(accountId)
      .some((a) => associationKey(a.account_id, a.integration_specific_entitlement_id, a.integration_specific_resource_id) === key);
    if (!holds) return { response: { unassigned: true }, execution_summary: executionSummary(request, 'noop', { capability }) };
    if (state.granted.includes(key)) state.granted = state.granted.filter((granted) => granted !== key);
    else state.revoked.push(key);
    saveState(settings.state_file, state);
    return { response: { unassigned: true }, execution_summary: executionSummary(request, 'deleted', { capability }) };
  },
};
