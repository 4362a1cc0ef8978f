import type { OAuthCapabilityName, OAuthFlow } from './types.ts';

/** The capabilities each flow registers (the reference's `OAUTH_FLOW_TYPE_CAPABILITIES`). */
export const oauthFlowCapabilities = {
  /** The authorization code grant: a person signs in and consents in the browser. */
  CODE_FLOW: ['get_authorization_url', 'handle_authorization_callback', 'refresh_access_token'],
  /** The client credentials grant: the client id and secret are exchanged directly. */
  CLIENT_CREDENTIALS: ['handle_client_credentials_request', 'refresh_access_token'],
} as const satisfies Record<OAuthFlow, readonly OAuthCapabilityName[]>;
