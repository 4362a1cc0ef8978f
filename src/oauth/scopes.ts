import type { OAuthScopes, OAuthSettings, OAuthSettingsArgs } from './types.ts';

/** The settings' scopes by capability, calling the scopes function with the request when there is one. */
export function _settingsScopes(settings: OAuthSettings, args: OAuthSettingsArgs): OAuthScopes {
  const { scopes } = settings;
  return (typeof scopes === 'function' ? scopes(args) : scopes) ?? {};
}

/**
 * The scopes to ask for: the request's when it names any, else every scope of the settings.
 * Space-separated entries are split; duplicates are dropped and the first occurrence keeps its
 * place, so the same settings always give the same URL (the reference's set made it vary).
 *
 * @example
 * _scopeList([], { list_accounts: 'users:read groups:read', get_account: 'users:read' });
 * // ['users:read', 'groups:read']
 */
export function _scopeList(requested: readonly string[], settingsScopes: OAuthScopes): string[] {
  const fromRequest = splitAll(requested);
  return fromRequest.length > 0 ? fromRequest : splitAll(Object.values(settingsScopes));
}

function splitAll(values: readonly (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    for (const scope of value?.split(/\s+/) ?? []) if (scope) out.add(scope);
  }
  return [...out];
}
