import type { ExtensionCapability } from '../integration/extension.ts';
import { RegistrationError } from '../integration/registration-error.ts';
import type { CapabilityArgs, CapabilityContext, CredentialConfig } from '../integration/types.ts';
import { oauthFlowCapabilities } from './flow-capabilities.ts';
import type { OAuthSource } from './select-settings.ts';
import type { OAuthCapabilityName, OAuthSettings } from './types.ts';

type Run = (source: OAuthSource, args: CapabilityArgs<any, unknown>, context: CapabilityContext) => Promise<any>;

// Each handler's module (and arctic with it) loads on first call, so registering costs nothing.
const capabilities: Record<OAuthCapabilityName, { description: string; load: () => Promise<Run> }> = {
  get_authorization_url: {
    description: 'Builds the URL where a person signs in to the app and consents.',
    load: async () => (await import('./get-authorization-url.ts'))._getAuthorizationUrl,
  },
  handle_authorization_callback: {
    description: 'Exchanges the authorization code of the redirect for tokens.',
    load: async () => (await import('./handle-authorization-callback.ts'))._handleAuthorizationCallback,
  },
  handle_client_credentials_request: {
    description: 'Exchanges the client id and secret for an access token.',
    load: async () => (await import('./handle-client-credentials.ts'))._handleClientCredentials,
  },
  refresh_access_token: {
    description: 'Exchanges a refresh token for a new access token.',
    load: async () => (await import('./refresh-access-token.ts'))._refreshAccessToken,
  },
};

const flows = new Set(Object.keys(oauthFlowCapabilities));

/**
 * The capabilities the OAuth extension registers (reference §5.1): those of each settings' flow,
 * less any a settings object switches off. Mistakes in the settings, or settings for a credential
 * the integration does not have, throw a `RegistrationError`.
 */
export function _oauthCapabilities(source: OAuthSource, credentials: readonly CredentialConfig[] | undefined): ExtensionCapability[] {
  const known = new Set((credentials ?? []).map((credential) => credential.id));
  for (const id of source.byCredential.keys()) {
    if (!known.has(id)) {
      const ids = [...known].join(', ') || 'none';
      throw new RegistrationError(
        'invalid_options',
        `The OAuth settings name credential '${id}', which ${source.appId} does not have (its credentials: ${ids}).`,
      );
    }
  }
  const enabled = new Set<OAuthCapabilityName>();
  const switchedOff = new Set<OAuthCapabilityName>();
  for (const [label, settings] of labelled(source)) {
    const flow = settings.flow ?? 'CODE_FLOW';
    if (!flows.has(flow))
      throw new RegistrationError('invalid_options', `The OAuth settings of ${label} have an unknown flow '${flow}': use CODE_FLOW or CLIENT_CREDENTIALS.`);
    if (!settings.tokenUrl) throw new RegistrationError('invalid_options', `The OAuth settings of ${label} need a tokenUrl.`);
    for (const name of oauthFlowCapabilities[flow]) {
      if (settings.capabilities?.[name] === false) switchedOff.add(name);
      else enabled.add(name);
    }
    if (flow === 'CODE_FLOW' && settings.capabilities?.get_authorization_url !== false && !settings.authorizationUrl) {
      throw new RegistrationError(
        'invalid_options',
        `The OAuth settings of ${label} use CODE_FLOW but have no authorizationUrl, which get_authorization_url needs.`,
      );
    }
  }
  const out: ExtensionCapability[] = [];
  for (const name of enabled) {
    // Switched off by any settings object: the connector registers its own, for every credential.
    if (switchedOff.has(name)) continue;
    const { description, load } = capabilities[name];
    out.push({ name, description, raisedIn: `connector-sdk.oauth:${name}`, handler: async (args, context) => (await load())(source, args, context) });
  }
  return out;
}

function labelled(source: OAuthSource): [string, OAuthSettings][] {
  if (source.byCredential.size === 0) return [[source.appId, source.integration!]];
  return [...source.byCredential].map(([id, settings]) => [`${source.appId} credential '${id}'`, settings]);
}
