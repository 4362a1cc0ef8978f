import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { buildAppInfo } from '../info/app-info.ts';
import { buildInfo } from '../info/info.ts';
import { createIntegration } from '../integration/create-integration.ts';
import { oauth } from './oauth-extension.ts';

const description = { userFriendlyName: 'Acme', categories: ['DEVELOPERS' as const] };
const scopes = { list_accounts: 'users:read groups:read', get_account: 'users:read', delete_account: null };

describe('OAuth in info (legacy)', () => {
  test('an auth-style integration shows its scopes by capability, nulls dropped', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      auth: 'oauth',
      extensions: [oauth({ authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes })],
    });
    const info = buildInfo(integration);
    expect(info['oauth_scopes']).toEqual({ get_account: 'users:read', list_accounts: 'users:read groups:read' });
    expect(info['capabilities']).toEqual(['app_info', 'get_authorization_url', 'handle_authorization_callback', 'refresh_access_token']);
  });

  test('scopes given as a function show as null, and no settings as null', () => {
    const withFunction = createIntegration({
      appId: 'acme',
      version: '1',
      description,
      auth: 'oauth',
      extensions: [oauth({ authorizationUrl: 'https://a', tokenUrl: 'https://t', scopes: () => scopes })],
    });
    expect(buildInfo(withFunction)['oauth_scopes']).toBeNull();
    expect(buildInfo(createIntegration({ appId: 'acme', version: '1', description, auth: 'token' }))['oauth_scopes']).toBeNull();
  });

  test('each credential with OAuth settings shows oauth_type, scopes and pkce_enabled', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      credentials: [
        { id: 'user', type: 'oauth' },
        { id: 'service', type: 'oauth_client_credentials' },
        { id: 'key', type: 'token' },
      ],
      extensions: [
        oauth({
          credentials: {
            user: { authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes, pkce: true },
            service: { flow: 'CLIENT_CREDENTIALS', tokenUrl: 'https://a.test/token' },
          },
        }),
      ],
    });
    const entries = buildInfo(integration)['credentials_schema'] as Record<string, unknown>[];
    expect(entries.map((entry) => entry['oauth_settings'])).toEqual([
      { oauth_type: 'CODE_FLOW', pkce_enabled: true, scopes: { get_account: 'users:read', list_accounts: 'users:read groups:read' } },
      { oauth_type: 'CLIENT_CREDENTIALS', pkce_enabled: false, scopes: null },
      undefined,
    ]);
  });
});

describe('OAuth in app_info', () => {
  test('an auth-style integration: x-oauth-settings is the settings object, and the scheme is the flow', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      auth: 'oauth',
      settings: v.object({ subdomain: v.optional(v.string()) }),
      extensions: [
        oauth({
          authorizationUrl: 'https://a.test/authorize',
          tokenUrl: ({ settings }) => `https://${settings.subdomain ?? 'login'}.a.test/token`,
          scopes,
          pkce: true,
          capabilities: { refresh_access_token: false },
        }),
      ],
    });
    const document = buildAppInfo(integration) as any;
    expect(document.info['x-oauth-settings']).toEqual({
      oauth_type: 'CODE_FLOW',
      token_url: 'https://login.a.test/token',
      authorization_url: 'https://a.test/authorize',
      capabilities: { get_authorization_url: true, handle_authorization_callback: true, refresh_access_token: false },
      scopes: { 'users:read': 'Required for list_accounts, get_account', 'groups:read': 'Required for list_accounts' },
      pkce_enabled: true,
    });
    expect(document.components.securitySchemes.oauth).toEqual({
      type: 'oauth2',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://a.test/authorize',
          tokenUrl: 'https://login.a.test/token',
          scopes: { 'users:read': 'Required for list_accounts, get_account', 'groups:read': 'Required for list_accounts' },
        },
      },
    });
    // The OAuth capabilities themselves carry no credentials.
    expect(document.paths['/get_authorization_url'].post.security).toBeUndefined();
    expect(document.paths['/get_authorization_url'].post.tags).toEqual(['Authorization']);
  });

  test('a capability the connector registers itself after switching it off counts as answered', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      auth: 'oauth',
      extensions: [oauth({ authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', capabilities: { refresh_access_token: false } })],
    }).register('refresh_access_token', () => ({ response: { access_token: 'a', token_type: 'bearer' } }));
    expect((buildAppInfo(integration) as any).info['x-oauth-settings'].capabilities.refresh_access_token).toBe(true);
  });

  test('a multi-credential integration: x-oauth-settings by credential id, a scheme per flow', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      credentials: [
        { id: 'user', type: 'oauth' },
        { id: 'service', type: 'oauth_client_credentials' },
      ],
      extensions: [
        oauth({
          credentials: {
            user: { authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token' },
            service: { flow: 'CLIENT_CREDENTIALS', tokenUrl: 'https://a.test/token', scopes: { list_accounts: 'api:read' } },
          },
        }),
      ],
    });
    const document = buildAppInfo(integration) as any;
    expect(Object.keys(document.info['x-oauth-settings'])).toEqual(['user', 'service']);
    expect(document.info['x-oauth-settings'].service).toMatchObject({
      oauth_type: 'CLIENT_CREDENTIALS',
      authorization_url: '',
      capabilities: { handle_client_credentials_request: true, refresh_access_token: true },
      scopes: { 'api:read': 'Required for list_accounts' },
    });
    expect(document.components.securitySchemes).toEqual({
      oauth: { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes: {} } } },
      oauth_client_credentials: {
        type: 'oauth2',
        flows: { clientCredentials: { tokenUrl: 'https://a.test/token', scopes: { 'api:read': 'Required for list_accounts' } } },
      },
    });
  });

  test('a URL function that needs settings app_info does not have shows as an empty URL', () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      auth: 'oauth_client_credentials',
      settings: v.object({ host: v.string() }),
      extensions: [oauth({ flow: 'CLIENT_CREDENTIALS', tokenUrl: ({ settings }) => `https://${settings.host.trim()}/token` })],
    });
    expect((buildAppInfo(integration) as any).info['x-oauth-settings'].token_url).toBe('');
  });

  test('without OAuth, x-oauth-settings is null', () => {
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'token' });
    expect((buildAppInfo(integration) as any).info['x-oauth-settings']).toBeNull();
  });
});
