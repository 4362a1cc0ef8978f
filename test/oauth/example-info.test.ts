// How the OAuth example connector describes itself to Lumos: info and app_info, from the real process.
import { expect, test } from 'bun:test';
import { validate } from '@scalar/openapi-parser';
import { oauthExample, runCapability } from './run-connector.ts';

test('app_info is a valid OpenAPI document with an oauth2 scheme per flow and x-oauth-settings per credential', async () => {
  const run = await runCapability(oauthExample, 'app_info', { request: {} });
  const document = run.json.response.app_schema;
  const result = await validate(document);
  expect(result.errors ?? []).toEqual([]);
  expect(document.info['x-multi-credential']).toBe(true);
  expect(document.info['x-capabilities']).toEqual([
    'app_info',
    'get_authorization_url',
    'handle_authorization_callback',
    'handle_client_credentials_request',
    'list_accounts',
    'refresh_access_token',
    'validate_credential_config',
    'validate_credentials',
  ]);
  expect(document.info['x-oauth-settings']).toEqual({
    user: {
      oauth_type: 'CODE_FLOW',
      // The URLs are functions of the tenant's settings, which app_info is not given.
      token_url: '',
      authorization_url: '',
      capabilities: { get_authorization_url: true, handle_authorization_callback: true, refresh_access_token: true },
      scopes: { openid: 'Required for validate_credentials, list_accounts', offline_access: 'Required for list_accounts' },
      pkce_enabled: true,
    },
    service: {
      oauth_type: 'CLIENT_CREDENTIALS',
      token_url: '',
      authorization_url: '',
      capabilities: { handle_client_credentials_request: true, refresh_access_token: true },
      scopes: { 'api:read': 'Required for list_accounts' },
      pkce_enabled: false,
    },
  });
  expect(document.components.securitySchemes.oauth.flows.authorizationCode.scopes).toEqual({
    openid: 'Required for validate_credentials, list_accounts',
    offline_access: 'Required for list_accounts',
  });
  expect(Object.keys(document.components.securitySchemes.oauth_client_credentials.flows)).toEqual(['clientCredentials']);
});

test('info shows each credential with its OAuth settings', async () => {
  const proc = Bun.spawn([process.execPath, 'run', oauthExample, 'info'], { stdout: 'pipe', stderr: 'pipe' });
  const info = JSON.parse(await new Response(proc.stdout).text()).response;
  expect(await proc.exited).toBe(0);
  expect(info.oauth_scopes).toBeNull();
  expect(info.credentials_schema.map((entry: any) => [entry.id, entry.oauth_settings, entry['x-optional']])).toEqual([
    ['user', { oauth_type: 'CODE_FLOW', pkce_enabled: true, scopes: { list_accounts: 'openid offline_access', validate_credentials: 'openid' } }, false],
    ['service', { oauth_type: 'CLIENT_CREDENTIALS', pkce_enabled: false, scopes: { list_accounts: 'api:read' } }, true],
  ]);
});
