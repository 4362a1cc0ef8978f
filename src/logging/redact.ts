/** Keys whose string values are always masked when a request is logged (reference §9.6), compared case-insensitively. */
export const redactedKeys: readonly string[] = [
  'password',
  'secret',
  'token',
  'api_key',
  'api_token',
  'api_secret',
  'access_token',
  'refresh_token',
  'client_secret',
  'consumer_secret',
  'token_secret',
  'private_key',
  'key',
  'authorization',
  'cookie',
  'code',
  'code_verifier',
];

const mask = 'REDACTED';
/** Shorter values are too likely to occur by chance in ordinary text to be masked by value. */
const minimumSecretLength = 4;

/** The extra keys named in `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` (comma-separated). */
export function additionalRedactedKeys(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env['LUMOS_ADDITIONAL_REDACTED_LOG_KEYS'] ?? '';
  return raw
    .split(',')
    .map((key) => key.trim().toLowerCase())
    .filter(Boolean);
}

/** Returns a copy of a JSON value with every string under a redacted key replaced by `REDACTED`. */
export function redactByKey(value: unknown, keys: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => redactByKey(item, keys));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = keys.has(key.toLowerCase()) ? maskDeep(item) : redactByKey(item, keys);
  }
  return out;
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return mask;
  if (Array.isArray(value)) return value.map(maskDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskDeep(item)]));
  }
  return value;
}

/** Collects every string under a redacted key, for masking those values wherever they appear. */
export function collectSecrets(value: unknown, keys: ReadonlySet<string>, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectSecrets(item, keys, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (keys.has(key.toLowerCase())) collectStrings(item, into);
      else collectSecrets(item, keys, into);
    }
  }
  return into;
}

function collectStrings(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (value.length >= minimumSecretLength) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collectStrings(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) collectStrings(item, into);
  }
}

/** Masks every occurrence of every secret value in a text, longest first, including JSON- and URL-encoded forms. */
export function redactText(text: string, secrets: ReadonlySet<string>): string {
  if (secrets.size === 0) return text;
  let out = text;
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of sorted) {
    for (const form of encodedForms(secret)) {
      if (out.includes(form)) out = out.split(form).join(mask);
    }
  }
  return out;
}

function encodedForms(secret: string): string[] {
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  forms.add(encodeURIComponent(secret).replaceAll('%20', '+'));
  return [...forms].filter((form) => form.length >= minimumSecretLength);
}
