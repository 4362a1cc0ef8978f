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
  'redirect_uri_with_code',
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

/** Deeper JSON is shown as a placeholder when logged: a request may nest far enough to exhaust the stack. */
const maxLoggedDepth = 64;

/** Returns a copy of a JSON value with every string under a redacted key replaced by `REDACTED`. */
export function redactByKey(value: unknown, keys: ReadonlySet<string>, masked = false, depth = 0): unknown {
  if (typeof value === 'string') return masked ? mask : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= maxLoggedDepth) return '[nested too deep to log]';
  if (Array.isArray(value)) return value.map((item) => redactByKey(item, keys, masked, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = redactByKey(item, keys, masked || keys.has(key.toLowerCase()), depth + 1);
  }
  return out;
}

/**
 * Collects every string under a redacted key, for masking those values wherever they appear.
 * Iterative, so no nesting depth can exhaust the stack.
 */
export function collectSecrets(value: unknown, keys: ReadonlySet<string>, into: Set<string> = new Set()): Set<string> {
  const stack: [unknown, boolean][] = [[value, false]];
  while (stack.length > 0) {
    const [node, secret] = stack.pop()!;
    if (typeof node === 'string') {
      if (secret && node.length >= minimumSecretLength) into.add(node);
    } else if (Array.isArray(node)) {
      for (const item of node) stack.push([item, secret]);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) stack.push([item, secret || keys.has(key.toLowerCase())]);
    }
  }
  return into;
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
