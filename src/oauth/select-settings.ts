import { ConnectorError } from '../errors/connector-error.ts';
import type { OAuthOptions, OAuthSettings } from './types.ts';

/** Where an integration keeps its OAuth settings: on the integration, or per credential. */
export interface OAuthSource {
  readonly appId: string;
  /** The integration-level settings (older `auth` style). */
  readonly integration: OAuthSettings | undefined;
  /** The settings of each credential that has them, by credential id. */
  readonly byCredential: ReadonlyMap<string, OAuthSettings>;
}

/** The OAuth settings `oauth(…)` was given, for one integration. */
export function _oauthSource(appId: string, options: OAuthOptions): OAuthSource {
  if ('credentials' in options) return { appId, integration: undefined, byCredential: new Map(Object.entries(options.credentials)) };
  return { appId, integration: options, byCredential: new Map() };
}

/**
 * The settings a request uses (reference §5.1 `_get_settings`): those of `credential_id` when the
 * request names one, else the integration's.
 */
export function _selectSettings(source: OAuthSource, credentialId: string | null | undefined): OAuthSettings {
  if (credentialId) {
    const settings = source.byCredential.get(credentialId) ?? (source.byCredential.size === 0 ? source.integration : undefined);
    if (settings) return settings;
    throw new ConnectorError(
      `OAuth settings for credential ID: ${credentialId} were not provided! Credentials with OAuth settings: ${known(source)}.`,
      'bad_request',
    );
  }
  if (source.integration) return source.integration;
  throw new ConnectorError(
    `OAuth settings were not provided for app '${source.appId}'! Its OAuth settings are per credential: send request.credential_id (one of: ${known(source)}).`,
    'bad_request',
  );
}

function known(source: OAuthSource): string {
  return [...source.byCredential.keys()].join(', ') || 'none';
}
