import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { createIntegration } from '../integration/create-integration.ts';
import { secret } from '../integration/field-markers.ts';
import { buildInfo } from './info.ts';

const description = { userFriendlyName: 'Acme', categories: ['IT_AND_SECURITY' as const], logoUrl: 'https://acme.test/logo.png' };

describe('buildInfo', () => {
  const integration = createIntegration({
    appId: 'acme',
    version: '2.1.0',
    description,
    auth: 'token',
    settings: v.object({ zone: v.pipe(v.string(), v.title('Zone')), api_secret: v.pipe(v.string(), secret()) }),
    resourceTypes: [{ type_id: 'team', type_label: 'Team' }],
  })
    .register('list_accounts', () => ({ response: [] }))
    .register('validate_credentials', () => ({ response: { valid: true, unique_tenant_id: 't' } }), { displayName: 'Check', description: 'Checks' });
  const info = buildInfo(integration);

  test('lists the capabilities sorted, with display names and schemas', () => {
    expect(info['capabilities']).toEqual(['app_info', 'list_accounts', 'validate_credentials']);
    const schema = info['capability_schema'] as Record<string, Record<string, unknown>>;
    expect(schema['list_accounts']!['output']).toEqual({ properties: {}, title: 'Empty', type: 'object' });
    expect(schema['list_accounts']!['display_name']).toBe('List Accounts');
    expect(schema['validate_credentials']).toMatchObject({ display_name: 'Check', description: 'Checks' });
    expect(schema['validate_credentials']!['output']).toMatchObject({
      title: 'ValidatedCredentials',
      required: ['valid', 'unique_tenant_id'],
    });
  });

  test('describes settings and authentication with field_order and secret markers', () => {
    expect(info['request_settings_schema']).toEqual({
      field_order: ['zone', 'api_secret'],
      properties: { api_secret: { type: 'string', 'x-field_type': 'SECRET', 'x-secret': true }, zone: { title: 'Zone', type: 'string' } },
      required: ['zone', 'api_secret'],
      type: 'object',
    });
    expect(info['authentication_schema']).toMatchObject({
      field_order: ['token'],
      title: 'TokenCredential',
      'x-credential-type': 'token',
      properties: { token: { type: 'string', 'x-field_type': 'SECRET', 'x-secret': true } },
    });
    expect(info).toMatchObject({
      app_id: 'acme',
      version: '2.1.0',
      categories: ['IT_AND_SECURITY'],
      credentials_schema: [],
      oauth_scopes: null,
      logo_url: 'https://acme.test/logo.png',
    });
  });

  test('sorts keys at every level', () => {
    const check = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) check(item);
        return;
      }
      if (typeof value !== 'object' || value === null) return;
      const keys = Object.keys(value);
      expect(keys).toEqual([...keys].sort());
      Object.values(value).forEach(check);
    };
    check(info);
  });

  test('without settings shows EmptySettings, and credentials appear with id and x-optional', () => {
    const multi = buildInfo(
      createIntegration({
        appId: 'm',
        version: '1',
        description,
        credentials: [
          { id: 'admin', type: 'basic', description: 'Admin user' },
          { id: 'key', type: 'key_pair', optional: true },
        ],
      }),
    );
    expect(multi['request_settings_schema']).toEqual({ field_order: [], properties: {}, title: 'EmptySettings', type: 'object' });
    expect(multi['authentication_schema']).toEqual({});
    const credentials = multi['credentials_schema'] as Record<string, unknown>[];
    expect(credentials.map((c) => [c['id'], c['description'], c['x-optional'], c['x-credential-type'], c['field_order']])).toEqual([
      ['admin', 'Admin user', false, 'basic', ['username', 'password']],
      ['key', '', true, 'key_pair', ['key_identifier', 'private_key']],
    ]);
  });
});
