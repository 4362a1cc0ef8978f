/** The agent's key for a connector: the app id with `_on_prem` appended once (`okta` → `okta_on_prem`). */
export function onPremAppId(appId: string): string {
  return `${appId.replace(/_on_prem$/, '')}_on_prem`;
}

/** The archive's `metadata.toml`, which the agent reads for the connector's id and version. */
export function metadataToml(appId: string, version: string): string {
  // Both values are checked to plain characters first; for those a JSON string is a TOML basic string.
  return `[connector]\napp_id = ${JSON.stringify(onPremAppId(appId))}\nversion = ${JSON.stringify(version)}\n`;
}
