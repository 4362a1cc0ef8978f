import { describe, expect, test } from 'bun:test';
import { dispatch } from '../dispatch/dispatch.ts';
import { buildAppInfo } from '../info/app-info.ts';
import { buildInfo } from '../info/info.ts';
import { createIntegration } from './create-integration.ts';
import type { IntegrationExtension } from './extension.ts';
import { RegistrationError } from './registration-error.ts';

const description = { userFriendlyName: 'Acme', categories: ['DEVELOPERS' as const] };

// An extension like the README's example, that is not OAuth: the core knows nothing of it.
const selfTest: IntegrationExtension = {
  name: 'self-test',
  credentialKinds: ['token'],
  setup: ({ appId, options }) => {
    if (!options.auth && !options.credentials) throw new RegistrationError('invalid_options', `${appId}: self-test needs auth`);
    return {
      capabilities: [
        {
          name: 'validate_credentials',
          description: 'Always valid.',
          raisedIn: 'self-test:validate_credentials',
          handler: async () => ({ response: { valid: true, unique_tenant_id: appId } }),
        },
      ],
      info: () => ({ oauth_scopes: { list_accounts: 'from-the-extension' } }),
      credentialInfo: (credential) => ({ 'x-self-tested': credential.id }),
      openApiInfo: (names) => ({ 'x-self-test': names.length }),
      securityScheme: (kind, credentialId) => ({ type: 'http', scheme: 'bearer', description: `${kind} ${credentialId ?? '(auth)'}` }),
    };
  },
};

describe('extensions', () => {
  test('register their capabilities, which dispatch runs like any other', async () => {
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'token', extensions: [selfTest] });
    expect([...integration.capabilities.keys()]).toEqual(['app_info', 'validate_credentials']);
    expect(integration.capabilities.get('validate_credentials')).toMatchObject({
      raisedIn: 'self-test:validate_credentials',
      description: 'Always valid.',
      custom: false,
    });
    const result = await dispatch(integration, 'validate_credentials', JSON.stringify({ request: {}, auth: { token: { token: 't-1' } } }));
    expect(result.envelope).toEqual({ response: { valid: true, unique_tenant_id: 'acme' }, page: null, raw_data: null });
    expect(integration.extensions.map((extension) => extension.name)).toEqual(['self-test']);
  });

  test('fill their parts of info and app_info', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      credentials: [
        { id: 'key', type: 'token' },
        { id: 'login', type: 'basic' },
      ],
      credentialValidation: false,
      extensions: [selfTest],
    });
    const info = buildInfo(integration);
    expect(info['oauth_scopes']).toEqual({ list_accounts: 'from-the-extension' });
    expect((info['credentials_schema'] as Record<string, unknown>[]).map((entry) => entry['x-self-tested'])).toEqual(['key', 'login']);
    const document = buildAppInfo(integration) as any;
    expect(document.info['x-self-test']).toBe(2);
    expect(document.info['x-oauth-settings']).toBeNull();
    // Only the kinds the extension declares get its scheme.
    expect(document.components.securitySchemes).toEqual({
      token: { type: 'http', scheme: 'bearer', description: 'token key' },
      basic: { type: 'http', scheme: 'basic' },
    });
  });

  test('check their settings when the integration is created', () => {
    expect(() => createIntegration({ appId: 'acme', version: '1.0.0', description, extensions: [selfTest] })).toThrow(
      new RegistrationError('invalid_options', 'acme: self-test needs auth'),
    );
  });

  test('a capability an extension registers cannot be registered again', () => {
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'token', extensions: [selfTest] });
    expect(() => integration.register('validate_credentials', () => ({ response: { valid: true, unique_tenant_id: 'x' } }))).toThrow(
      new RegistrationError('duplicate', "Capability 'validate_credentials' is already registered on acme."),
    );
  });
});
