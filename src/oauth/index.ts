/**
 * The OAuth module: settings types and the flow table. An integration turns it on with the `oauth`
 * option (or a credential's `oauth`); the module then registers the OAuth capabilities itself.
 *
 * @module
 */
export { oauthFlowCapabilities } from './flow-capabilities.ts';
export type {
  ClientAuthentication,
  OAuthCapabilityName,
  OAuthCapabilitySwitches,
  OAuthFlow,
  OAuthRequestData,
  OAuthRequestMethod,
  OAuthRequestType,
  OAuthScopes,
  OAuthSettings,
  OAuthSettingsArgs,
  OAuthUrl,
} from './types.ts';
