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
  collectCredential(raw.auth, secrets);
  if (Array.isArray(raw.credentials)) for (let index = 0; index < raw.credentials.length; index++) collectCredential(raw.credentials[index], secrets);
  return secrets;
}

/** Every value of one credential but its `id` (loops rather than iterators: this runs once per call, cold). */
function collectCredential(credential: unknown, into: Set<string>): void {
  if (typeof credential !== 'object' || credential === null) return;
  for (const kind in credential) {
    if (kind !== 'id' && Object.hasOwn(credential, kind)) collectCredentialValues((credential as Record<string, unknown>)[kind], into);
  }
}

function collectCredentialValues(value: unknown, into: Set<string>): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') {
      const text = String(node);
      if (text.length >= minimumSecretLength) into.add(text);
    } else if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) stack.push(node[index]);
    } else if (typeof node === 'object' && node !== null) {
      for (const key in node) if (Object.hasOwn(node, key) && !identifierFields.has(key)) stack.push((node as Record<string, unknown>)[key]);
    }
  }
}
