import type { Integration } from '../integration/create-integration.ts';
import { secretKeys } from '../integration/schema-introspection.ts';
import { requestSecrets as credentialSecrets } from '../http/request-secrets.ts';
import { additionalRedactedKeys, collectSecrets, redactedKeys } from '../logging/redact.ts';

/**
 * Every secret value of a request envelope: credential strings (identifiers such as `username`
 * aside), values under a redacted key, and settings marked `secret()`. The one place the testing kit
 * learns a request's secrets: it mirrors what `dispatch` masks in logs and what the HTTP kit masks.
 */
export function requestSecrets(integration: Integration<any> | undefined, envelope: Record<string, unknown>): Set<string> {
  const keys = new Set([...redactedKeys, ...additionalRedactedKeys()]);
  for (const key of secretKeys(integration?.options.settings)) keys.add(key.toLowerCase());
  const parts = { auth: envelope['auth'], credentials: envelope['credentials'], settings: envelope['settings'], request: envelope['request'] };
  const secrets = collectSecrets(parts, keys);
  for (const secret of credentialSecrets(parts)) secrets.add(secret);
  return secrets;
}
