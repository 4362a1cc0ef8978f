import { collectSecrets, minimumSecretLength, redactedKeySet } from '../logging/redact.ts';

/** Credential fields that identify rather than authenticate; every other credential value is a secret. */
const identifierFields = new Set(['id', 'username', 'client_id', 'scopes', 'impersonation_email', 'tenant_id', 'service_type', 'key_identifier']);

/**
 * The one rule for a request's secret values, whatever reads them (dispatch, the invocation log
 * line, the HTTP kit): every credential value except identifiers such as `username`, and every
 * value anywhere under a redacted key (the fixed list, `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` and
 * the integration's `secret()` settings). Numbers and booleans count as JSON writes them.
 */
export function requestSecretValues(
  raw: { auth?: unknown; credentials?: unknown; settings?: unknown; request?: unknown },
  secretSettingKeys: Iterable<string> = [],
): Set<string> {
  const keys = redactedKeySet(secretSettingKeys);
  const secrets = collectSecrets({ auth: raw.auth, credentials: raw.credentials, settings: raw.settings, request: raw.request }, keys);
  const credentials = [raw.auth, ...(Array.isArray(raw.credentials) ? raw.credentials : [])];
  for (const credential of credentials) {
    if (typeof credential !== 'object' || credential === null) continue;
    for (const [kind, value] of Object.entries(credential)) {
      if (kind !== 'id') collectCredentialValues(value, secrets);
    }
  }
  return secrets;
}

function collectCredentialValues(value: unknown, into: Set<string>): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      const text = String(node);
      if (text.length >= minimumSecretLength) into.add(text);
    } else if (Array.isArray(node)) {
      stack.push(...node);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) if (!identifierFields.has(key)) stack.push(item);
    }
  }
}
