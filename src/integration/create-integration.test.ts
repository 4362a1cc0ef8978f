import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { createIntegration } from './create-integration.ts';
import { RegistrationError } from './registration-error.ts';

const base = { appId: '  acme  ', version: '1.0.0', description: { userFriendlyName: 'Acme', categories: ['OTHER' as const] } };
const valid = () => ({ response: { valid: true, unique_tenant_id: 't' } });

function registrationFailure(fn: () => unknown): { reason: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof RegistrationError) return { reason: error.reason, message: error.message };
    throw error;
  }
  throw new Error('expected a RegistrationError');
}

describe('createIntegration', () => {
  test('trims the app id and registers app_info itself', () => {
    const integration = createIntegration(base);
    expect(integration.appId).toBe('acme');
    expect([...integration.capabilities.keys()]).toEqual(['app_info']);
  });

  test('rejects an empty app id, an empty version, and auth together with credentials', () => {
    expect(registrationFailure(() => createIntegration({ ...base, appId: '  ' })).message).toContain('non-empty appId');
    expect(registrationFailure(() => createIntegration({ ...base, version: '' })).message).toContain('non-empty version');
    expect(registrationFailure(() => createIntegration({ ...base, auth: 'basic', credentials: [{ id: 'a', type: 'basic' }] })).message).toContain(
      'both auth and credentials',
    );
    expect(
      registrationFailure(() =>
        createIntegration({
          ...base,
          credentials: [
            { id: 'a', type: 'basic' },
            { id: 'a', type: 'token' },
          ],
        }),
      ).message,
    ).toContain("'a' appears twice");
  });

  test('registers standard capabilities one at a time and in bulk, with title-case display names', () => {
    const integration = createIntegration(base)
      .register('validate_credentials', valid, { description: 'Checks the key' })
      .registerAll({
        list_accounts: () => ({ response: [] }),
        get_account: { handler: () => ({ response: { integration_specific_id: 'a' } }), displayName: 'Fetch one' },
      });
    const summary = [...integration.capabilities.values()].map((c) => [c.name, c.displayName, c.description, c.level, c.paginated, c.raisedIn]);
    expect(summary).toEqual([
      ['app_info', 'App Info', 'The OpenAPI document describing this connector.', null, false, 'connector-sdk.info:app_info'],
      ['validate_credentials', 'Validate Credentials', 'Checks the key', 'read', false, 'acme:validate_credentials'],
      ['list_accounts', 'List Accounts', null, 'read', true, 'acme:list_accounts'],
      ['get_account', 'Fetch one', null, 'read', false, 'acme:get_account'],
    ]);
  });

  test('rejects duplicates, reserved and unknown names with a clear reason', () => {
    const integration = createIntegration(base).register('validate_credentials', valid);
    expect(registrationFailure(() => integration.register('validate_credentials', valid))).toEqual({
      reason: 'duplicate',
      message: "Capability 'validate_credentials' is already registered on acme.",
    });
    expect(registrationFailure(() => integration.register('app_info' as never, valid as never)).reason).toBe('reserved');
    expect(registrationFailure(() => integration.register('list_everything' as never, valid as never)).reason).toBe('unknown_capability');
    const custom = { request: v.object({}), response: v.object({}) };
    expect(registrationFailure(() => integration.registerCustom('list_accounts', custom, () => ({ response: {} }))).reason).toBe('reserved');
    expect(registrationFailure(() => integration.registerCustom('info', custom, () => ({ response: {} }))).reason).toBe('reserved');
    expect(registrationFailure(() => integration.registerCustom('sync_groups_2', custom, () => ({ response: {} }))).reason).toBe('invalid_name');
    expect(registrationFailure(() => integration.registerCustom('SyncGroups', custom, () => ({ response: {} }))).reason).toBe('invalid_name');
    expect(registrationFailure(() => integration.registerCustom('sync__groups', custom, () => ({ response: {} }))).reason).toBe('invalid_name');
  });

  test('custom capabilities default to the write level and infer pagination from an array response', () => {
    const integration = createIntegration(base)
      .registerCustom('sync_groups', { request: v.object({}), response: v.array(v.string()) }, () => ({ response: ['a'] }))
      .registerCustom('count_groups', { request: v.object({}), response: v.number(), level: 'read' }, () => ({ response: 1 }));
    expect(integration.capabilities.get('sync_groups')).toMatchObject({ level: 'write', paginated: true, custom: true });
    expect(integration.capabilities.get('count_groups')).toMatchObject({ level: 'read', paginated: false });
  });

  test('an extended create_account must keep every standard field, required ones required', () => {
    const integration = createIntegration(base);
    const created = () => ({ response: { status: 'ACTIVE' as const, created: true } });
    expect(
      registrationFailure(() => integration.registerExtended('update_account', { request: v.object({ email: v.string() }) as never }, created as never))
        .message,
    ).toContain("drops the standard field 'id'");
    expect(
      registrationFailure(() =>
        integration.registerExtended('update_account', { request: v.object({ id: v.optional(v.string()) }) as never }, created as never),
      ).message,
    ).toContain("makes the required field 'id' optional");
    integration.registerExtended('create_account', { request: v.object({ entitlements: v.optional(v.array(v.any()), []), email: v.string() }) }, created);
    expect(integration.capabilities.has('create_account')).toBe(true);
  });
});
