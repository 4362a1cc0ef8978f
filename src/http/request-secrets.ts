import { additionalRedactedKeys, collectSecrets, redactedKeys } from '../logging/redact.ts';
import { proxySecrets } from './proxy-for-url.ts';

/** Credential fields that identify rather than authenticate; every other credential string is a secret. */
const identifierFields = new Set(['id', 'username', 'client_id', 'scopes', 'impersonation_email', 'tenant_id', 'service_type', 'key_identifier']);

/** Values shorter than this are too likely to occur by chance to be masked by value (as in src/logging). */
const minimumLength = 4;

/** The part of a handler's arguments that may carry secrets. */
export interface CarriesSecrets {
  auth?: unknown;
  credentials?: unknown;
  settings?: unknown;
}

/**
 * Every secret value of a request: all credential strings except identifiers such as `username`,
 * and the settings under a redacted key (`password`, `token`, `api_key`, … and
 * `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS`). Settings marked `secret()` are registered by dispatch.
 */
export function requestSecrets(args: CarriesSecrets): Set<string> {
  const secrets = new Set<string>();
  const credentials = [args.auth, ...(Array.isArray(args.credentials) ? args.credentials : [])];
  for (const credential of credentials) {
    if (typeof credential !== 'object' || credential === null) continue;
    for (const [kind, value] of Object.entries(credential)) {
      if (kind !== 'id') collectCredentialStrings(value, secrets);
    }
  }
  const keys = new Set([...redactedKeys, ...additionalRedactedKeys()]);
  collectSecrets(args.settings, keys, secrets);
  return secrets;
}

/**
 * Every value a client must mask: the request's secrets, values derived from them (`derived`, e.g.
 * Basic credentials), proxy passwords, and each of these as a query string encodes it.
 */
export function clientSecrets(args: CarriesSecrets, derived: Iterable<string>, proxies: readonly string[]): Set<string> {
  const secrets = requestSecrets(args);
  for (const secret of derived) if (secret.length >= minimumLength) secrets.add(secret);
  for (const proxy of proxies) for (const secret of proxySecrets(proxy)) secrets.add(secret);
  // Query strings encode more characters than encodeURIComponent (e.g. `!`), a form src/logging does not try.
  for (const secret of [...secrets]) secrets.add(new URLSearchParams({ s: secret }).toString().slice(2));
  return secrets;
}

function collectCredentialStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= minimumLength) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectCredentialStrings(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!identifierFields.has(key)) collectCredentialStrings(item, into);
    }
  }
}
