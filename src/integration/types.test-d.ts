// Type tests: checked by `tsc --noEmit`, not run by bun test.
import * as v from 'valibot';
import { createIntegration } from './create-integration.ts';

const integration = createIntegration({
  appId: 'acme',
  version: '1.0.0',
  description: { userFriendlyName: 'Acme', categories: ['OTHER'] },
  settings: v.object({ baseUrl: v.string(), pageSize: v.optional(v.number(), 50) }),
});

integration.register('list_accounts', ({ settings, request }) => {
  const url: string = settings.baseUrl;
  const size: number = settings.pageSize;
  const attributes: string[] | null | undefined = request.custom_attributes;
  void [url, size, attributes];
  return { response: [{ integration_specific_id: 'a', user_status: 'ACTIVE' }] };
});

// @ts-expect-error list_accounts answers a list, not one account.
integration.register('list_accounts', () => ({ response: { integration_specific_id: 'a' } }));

// @ts-expect-error a status outside AccountStatus is a compile error.
integration.register('get_account', () => ({ response: { integration_specific_id: 'a', user_status: 'ENABLED' } }));

// @ts-expect-error settings have no such field.
integration.register('validate_credentials', ({ settings }) => ({ response: { valid: true, unique_tenant_id: settings.tenant } }));

integration.registerCustom('count_groups', { request: v.object({ prefix: v.string() }), response: v.number() }, ({ request }) => ({
  response: request.prefix.length,
}));

// @ts-expect-error a custom capability's response follows its schema.
integration.registerCustom('name_groups', { request: v.object({}), response: v.number() }, () => ({ response: 'one' }));
