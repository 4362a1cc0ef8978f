import { redactedKeySet } from '../logging/redact.ts';

const mask = 'REDACTED';

/** Masks secret values in a text (the logger's registered secrets, and the client's own). */
export type MaskText = (text: string) => string;

/** Parts of a header or query-parameter name that mark it as secret, beyond the exact redacted keys. */
const secretNamePattern = /auth|token|secret|password|passwd|passphrase|cookie|session|signature|api[-_]?key|apikey|credential|private/i;

/** Header and query names that are secret in HTTP beyond the logger's redacted keys. */
const httpSecretNames = ['set-cookie', 'proxy-authorization', 'x-api-key', 'api-key', 'apikey', 'sig'];

/** The redacted keys (src/logging's `redactedKeySet`: its list, `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` of `env`, and `extra`) and the HTTP names, lower-cased. */
export function httpRedactedKeys(extra: Iterable<string> = [], env: Record<string, string | undefined> = process.env): Set<string> {
  const keys = redactedKeySet(extra, env);
  for (let index = 0; index < httpSecretNames.length; index++) keys.add(httpSecretNames[index]!);
  return keys;
}

/** Whether a header or query-parameter name is secret: a redacted key, or a name like `X-Auth-Token`. */
export function isSecretName(name: string, keys: ReadonlySet<string>): boolean {
  const lower = name.toLowerCase();
  return keys.has(lower) || keys.has(lower.replaceAll('-', '_')) || secretNamePattern.test(lower);
}

/** A URL for logs and error messages: its password and the query values that are secret by name or hold a secret masked. */
export function redactUrl(url: string, keys: ReadonlySet<string>, maskText: MaskText): string {
  let shown = url;
  try {
    const parsed = new URL(url);
    let changed = parsed.password !== '' && parsed.password !== mask;
    if (changed) parsed.password = mask;
    for (const [name, value] of [...parsed.searchParams]) {
      if (parsed.searchParams.get(name) === mask) continue;
      if (isSecretName(name, keys) || maskText(value) !== value) {
        parsed.searchParams.set(name, mask);
        changed = true;
      }
    }
    if (changed) shown = parsed.href;
  } catch {
    // Not a URL: value masking below still applies.
  }
  return maskText(shown);
}

/**
 * Masks secrets hidden by percent- or form-encoding (`%21` for `!`, `+` for a space), which plain
 * value masking misses: each encoded run is decoded, and re-encoded masked when it held a secret.
 */
export function redactEncoded(text: string, maskText: MaskText): string {
  if (!text.includes('%')) return text;
  return text.replace(/[^\s"'&?=#,;<>()[\]{}]*%[0-9A-Fa-f]{2}[^\s"'&?=#,;<>()[\]{}]*/g, (run) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(run.replaceAll('+', ' '));
    } catch {
      return run;
    }
    const masked = maskText(decoded);
    return masked === decoded ? run : new URLSearchParams({ s: masked }).toString().slice(2);
  });
}

/** A URL without its query and fragment, naming an endpoint in messages (`https://api.acme.test/users`). */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url.replace(/[?#].*$/, '');
  }
}

/** Headers as a plain object for logs, secret ones masked by name and every value masked by value. */
export function redactHeaders(headers: Headers, keys: ReadonlySet<string>, maskText: MaskText): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) out[name] = isSecretName(name, keys) ? mask : maskText(value);
  return out;
}

/**
 * A body for logs and messages: JSON has secret keys masked and every string masked by value
 * (JSON nested in strings too); anything longer than `limit` keeps its head and tail.
 */
export function redactBody(body: unknown, keys: ReadonlySet<string>, maskText: MaskText, limit = 2000): string {
  let text: string;
  if (typeof body === 'string') {
    text = looksLikeJson(body) ? (reparse(body, keys, maskText) ?? body) : body;
  } else if (body === undefined || body === null) {
    return '';
  } else if (body instanceof URLSearchParams) {
    const copy = new URLSearchParams(body);
    for (const name of new Set(copy.keys())) if (isSecretName(name, keys)) copy.set(name, mask);
    text = copy.toString();
  } else if (typeof body === 'object' && !(body instanceof ArrayBuffer) && !ArrayBuffer.isView(body) && !(body instanceof Blob)) {
    text = JSON.stringify(redactJson(body, keys, maskText)) ?? '';
  } else {
    return `<${(body as { constructor?: { name?: string } }).constructor?.name ?? typeof body} body>`;
  }
  text = maskText(text);
  if (text.length > limit) {
    const half = Math.floor(limit / 2);
    text = `${text.slice(0, half)}…<${text.length - limit} characters>…${text.slice(-half)}`;
  }
  return text;
}

/**
 * A copy of a JSON value with every string under a secret name (`keys`, when given) masked, and
 * every other string masked by value, parsing JSON that apps embed in strings.
 */
export function redactJson(value: unknown, keys: ReadonlySet<string> | undefined, maskText: MaskText): unknown {
  if (typeof value === 'string') return looksLikeJson(value) ? (reparse(value, keys, maskText) ?? maskText(value)) : maskText(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, keys, maskText));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = keys !== undefined && isSecretName(key, keys) ? maskStrings(item) : redactJson(item, keys, maskText);
  }
  return out;
}

function looksLikeJson(text: string): boolean {
  return text.length <= 256 * 1024 && /^\s*[[{]/.test(text);
}

function reparse(text: string, keys: ReadonlySet<string> | undefined, maskText: MaskText): string | undefined {
  try {
    return maskText(JSON.stringify(redactJson(JSON.parse(text), keys, maskText)));
  } catch {
    return undefined;
  }
}

function maskStrings(value: unknown): unknown {
  if (typeof value === 'string') return mask;
  if (Array.isArray(value)) return value.map(maskStrings);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskStrings(item)]));
  return value;
}
