import { oauthFlowCapabilities } from './flow-capabilities.ts';
import type { OAuthSource } from './select-settings.ts';
import type { OAuthScopes, OAuthSettings, OAuthSettingsArgs, OAuthUrl } from './types.ts';

// Info documents are built without a capability request: URL and scope functions get an empty one.
const infoArgs: OAuthSettingsArgs = { request: {}, settings: {} };

/** The legacy `info`'s `oauth_scopes`: the integration's scopes by capability, or `null` (reference §2.5). */
export function _oauthScopesInfo(source: OAuthSource): Record<string, string> | null {
  const scopes = source.integration?.scopes;
  return scopes && typeof scopes !== 'function' ? withoutNulls(scopes) : null;
}

/** A legacy `credentials_schema` entry's `{ oauth_settings }`, or nothing without settings (reference §2.5). */
export function _credentialOAuthInfo(settings: OAuthSettings | undefined): { oauth_settings?: Record<string, unknown> } {
  if (!settings) return {};
  const { scopes } = settings;
  return {
    oauth_settings: {
      oauth_type: settings.flow ?? 'CODE_FLOW',
      scopes: scopes && typeof scopes !== 'function' ? withoutNulls(scopes) : null,
      pkce_enabled: settings.pkce ?? false,
    },
  };
}

/**
 * `app_info`'s `x-oauth-settings`: the settings object (older `auth` style), or one per credential
 * id (multi-credential style), or `null` without OAuth. `capabilities` tells which OAuth capabilities
 * the connector answers, its own included.
 */
export function _oauthSettingsExtension(source: OAuthSource, registered: readonly string[]): Record<string, unknown> | null {
  if (source.byCredential.size > 0) {
    return Object.fromEntries([...source.byCredential].map(([id, settings]) => [id, settingsInfo(settings, registered)]));
  }
  return source.integration ? settingsInfo(source.integration, registered) : null;
}

/** The OpenAPI security scheme of the settings' flow. */
export function _oauthSecurityScheme(settings: OAuthSettings): Record<string, unknown> {
  const tokenUrl = infoUrl(settings.tokenUrl);
  const scopes = scopeDescriptions(settings);
  if ((settings.flow ?? 'CODE_FLOW') === 'CLIENT_CREDENTIALS') return { type: 'oauth2', flows: { clientCredentials: { tokenUrl, scopes } } };
  return { type: 'oauth2', flows: { authorizationCode: { authorizationUrl: infoUrl(settings.authorizationUrl), tokenUrl, scopes } } };
}

function settingsInfo(settings: OAuthSettings, registered: readonly string[]): Record<string, unknown> {
  const flow = settings.flow ?? 'CODE_FLOW';
  const capabilities: Record<string, boolean> = {};
  for (const name of oauthFlowCapabilities[flow]) capabilities[name] = settings.capabilities?.[name] !== false || registered.includes(name);
  return {
    oauth_type: flow,
    token_url: infoUrl(settings.tokenUrl),
    authorization_url: infoUrl(settings.authorizationUrl),
    capabilities,
    scopes: scopeDescriptions(settings),
    pkce_enabled: settings.pkce ?? false,
  };
}

/** `{ scope: "Required for <capabilities>" }`, one key per single scope as OpenAPI expects. */
function scopeDescriptions(settings: OAuthSettings): Record<string, string> {
  const byScope = new Map<string, string[]>();
  for (const [capability, value] of Object.entries(infoScopes(settings))) {
    for (const scope of value?.split(/\s+/) ?? []) {
      if (!scope) continue;
      const capabilities = byScope.get(scope) ?? [];
      if (!capabilities.includes(capability)) capabilities.push(capability);
      byScope.set(scope, capabilities);
    }
  }
  return Object.fromEntries([...byScope].map(([scope, capabilities]) => [scope, `Required for ${capabilities.join(', ')}`]));
}

function infoScopes(settings: OAuthSettings): OAuthScopes {
  const { scopes } = settings;
  if (typeof scopes !== 'function') return scopes ?? {};
  try {
    return scopes(infoArgs);
  } catch {
    return {};
  }
}

function infoUrl(url: OAuthUrl | undefined): string {
  if (typeof url !== 'function') return url ?? '';
  try {
    return url(infoArgs);
  } catch {
    return '';
  }
}

function withoutNulls(scopes: OAuthScopes): Record<string, string> {
  return Object.fromEntries(Object.entries(scopes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
