/**
 * The app ids of the connectors the on-premise agent ships with. The agent keys connectors by
 * `<id>_on_prem` and auto-updates its own, so a custom connector under one of these ids risks being
 * taken for the stock one.
 */
export const stockConnectorIds = ['activedirectory', 'ldap', 'jdbc', 'flatfile', 'scim'] as const;

/**
 * The stock connector an app id would be taken for (compared without case and without a trailing
 * `_on_prem`, as `metadata.toml` suffixes it), or undefined when there is none.
 */
export function stockConnectorId(appId: string): (typeof stockConnectorIds)[number] | undefined {
  const bare = appId
    .trim()
    .toLowerCase()
    .replace(/_on_prem$/, '');
  return stockConnectorIds.find((id) => id === bare);
}
