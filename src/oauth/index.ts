/**
 * The OAuth extension (`lumos-connector-sdk/oauth`): `oauth(settings)` goes in an integration's
 * `extensions` and registers the OAuth capabilities of the settings' flow.
 *
 * @module
 */
export { oauth } from './oauth-extension.ts';
export { oauthFlowCapabilities } from './flow-capabilities.ts';
export type {
  ClientAuthEncoding,
  ClientAuthentication,
  OAuthCapabilityName,
  OAuthCapabilitySwitches,
  OAuthFlow,
  OAuthOptions,
  OAuthRequestData,
  OAuthRequestMethod,
  OAuthRequestType,
  OAuthScopes,
  OAuthSettings,
  OAuthSettingsArgs,
  OAuthUrl,
} from './types.ts';
