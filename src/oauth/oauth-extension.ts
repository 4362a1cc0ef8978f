import type { IntegrationExtension } from '../integration/extension.ts';
import { _oauthCapabilities } from './oauth-capabilities.ts';
import { _credentialOAuthInfo, _oauthScopesInfo, _oauthSecurityScheme, _oauthSettingsExtension } from './oauth-info.ts';
import { _oauthSource } from './select-settings.ts';
import type { OAuthOptions, OAuthSettings } from './types.ts';

/**
 * The OAuth extension: registers the capabilities of each settings' flow (`get_authorization_url`,
 * `handle_authorization_callback`, `handle_client_credentials_request`, `refresh_access_token`) and
 * describes the settings in `info` and `app_info`. Give one settings object (single-`auth` style) or
 * `{ credentials: { [id]: settings } }` (multi-credential style).
 *
 * @example
 * createIntegration({
 *   appId: 'acme', version: '1.0.0', description, auth: 'oauth',
 *   extensions: [oauth({ authorizationUrl: 'https://acme.test/authorize', tokenUrl: 'https://acme.test/token', pkce: true })],
 * });
 */
export function oauth<TSettings = any>(options: OAuthOptions<TSettings>): IntegrationExtension<TSettings> {
  return {
    name: 'oauth',
    credentialKinds: ['oauth', 'oauth_client_credentials'],
    setup({ appId, options: integration }) {
      const source = _oauthSource(appId, options as OAuthOptions);
      // Integration-level settings stand for every credential (the reference's older flag).
      const settingsOf = (credentialId: string | undefined): OAuthSettings | undefined =>
        (credentialId === undefined ? undefined : source.byCredential.get(credentialId)) ?? source.integration;
      return {
        capabilities: _oauthCapabilities(source, integration.credentials),
        info: () => ({ oauth_scopes: _oauthScopesInfo(source) }),
        credentialInfo: (credential) => _credentialOAuthInfo(settingsOf(credential.id)),
        openApiInfo: (names) => ({ 'x-oauth-settings': _oauthSettingsExtension(source, names) }),
        securityScheme: (_kind, credentialId) => {
          const settings = settingsOf(credentialId);
          return settings ? _oauthSecurityScheme(settings) : undefined;
        },
      };
    },
  };
}
