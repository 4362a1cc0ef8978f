import { describe, expect, test } from 'bun:test';
import { dispatch } from '../dispatch/dispatch.ts';
import { createIntegration } from '../integration/create-integration.ts';
import { RegistrationError } from '../integration/registration-error.ts';
import type { IntegrationOptions } from '../integration/types.ts';
import { oauth } from './oauth-extension.ts';
import type { OAuthOptions, OAuthSettings } from './types.ts';

const description = { userFriendlyName: 'Acme', categories: ['DEVELOPERS' as const] };
const code: OAuthSettings = { authorizationUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token' };
const clientCredentials: OAuthSettings = { flow: 'CLIENT_CREDENTIALS', tokenUrl: 'https://a.test/token' };

function names(options: Partial<IntegrationOptions>, settings?: OAuthOptions): string[] {
  const extensions = settings ? [oauth(settings)] : [];
  const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, ...options, extensions } as IntegrationOptions);
  return [...integration.capabilities.keys()].sort();
}

describe('OAuth capability registration', () => {
  test('the code flow registers get_authorization_url, handle_authorization_callback and refresh_access_token', () => {
    expect(names({ auth: 'oauth' }, code)).toEqual(['app_info', 'get_authorization_url', 'handle_authorization_callback', 'refresh_access_token']);
  });

  test('the client credentials flow registers handle_client_credentials_request and refresh_access_token', () => {
    expect(names({ auth: 'oauth_client_credentials' }, clientCredentials)).toEqual(['app_info', 'handle_client_credentials_request', 'refresh_access_token']);
  });

  test('without OAuth settings nothing is registered', () => {
    expect(names({ auth: 'token' })).toEqual(['app_info']);
  });

  test('credentials register the union of their flows', () => {
    expect(
      names(
        {
          credentials: [
            { id: 'user', type: 'oauth' },
            { id: 'service', type: 'oauth_client_credentials' },
          ],
          credentialValidation: false,
        },
        { credentials: { user: code, service: clientCredentials } },
      ),
    ).toEqual(['app_info', 'get_authorization_url', 'handle_authorization_callback', 'handle_client_credentials_request', 'refresh_access_token']);
  });

  test('a switched-off capability is left out, and the connector may register its own', async () => {
    const integration = createIntegration({
      appId: 'acme',
      version: '1.0.0',
      description,
      auth: 'oauth',
      extensions: [oauth({ ...code, capabilities: { refresh_access_token: false } })],
    });
    expect(integration.capabilities.has('refresh_access_token')).toBe(false);
    integration.register('refresh_access_token', ({ request }) => ({ response: { access_token: `new-for-${request.client_id}`, token_type: 'bearer' } }));
    const result = await dispatch(
      integration,
      'refresh_access_token',
      JSON.stringify({ request: { client_id: 'c', client_secret: 'secret-value', refresh_token: 'refresh-value' } }),
    );
    expect(result.envelope).toEqual({ response: { access_token: 'new-for-c', token_type: 'bearer' }, page: null, raw_data: null });
  });

  test('a capability that is not switched off cannot be registered again', () => {
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'oauth', extensions: [oauth(code)] });
    expect(() => integration.register('refresh_access_token', () => ({ response: { access_token: 'a', token_type: 'bearer' } }))).toThrow(
      new RegistrationError('duplicate', "Capability 'refresh_access_token' is already registered on acme."),
    );
  });

  test('the OAuth capabilities are standard definitions that need no credentials', () => {
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'oauth', extensions: [oauth(code)] });
    expect(integration.capabilities.get('get_authorization_url')).toMatchObject({
      authentication: 'none',
      category: 'oauth',
      custom: false,
      displayName: 'Get Authorization Url',
      raisedIn: 'connector-sdk.oauth:get_authorization_url',
    });
  });

  test.each([
    [
      { auth: 'oauth' },
      { tokenUrl: 'https://a.test/token' },
      'The OAuth settings of acme use CODE_FLOW but have no authorizationUrl, which get_authorization_url needs.',
    ],
    [{ auth: 'oauth' }, { ...code, flow: 'IMPLICIT' }, "The OAuth settings of acme have an unknown flow 'IMPLICIT': use CODE_FLOW or CLIENT_CREDENTIALS."],
    [{ auth: 'oauth' }, { ...code, tokenUrl: '' }, 'The OAuth settings of acme need a tokenUrl.'],
    [
      { credentials: [{ id: 'u', type: 'oauth' }] },
      { credentials: { u: { tokenUrl: 'https://a.test/token' } } },
      "The OAuth settings of acme credential 'u' use CODE_FLOW but have no authorizationUrl, which get_authorization_url needs.",
    ],
    [
      { credentials: [{ id: 'u', type: 'oauth' }] },
      { credentials: { user: code } },
      "The OAuth settings name credential 'user', which acme does not have (its credentials: u).",
    ],
  ] as [Partial<IntegrationOptions>, OAuthOptions, string][])('settings mistakes fail at registration: %#', (options, settings, message) => {
    expect(() => names(options, settings)).toThrow(new RegistrationError('invalid_options', message));
  });

  test('the code flow needs no authorizationUrl when get_authorization_url is switched off', () => {
    expect(names({ auth: 'oauth' }, { tokenUrl: 'https://a.test/token', capabilities: { get_authorization_url: false } })).toEqual([
      'app_info',
      'handle_authorization_callback',
      'refresh_access_token',
    ]);
  });
});
