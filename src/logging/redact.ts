import { secretMatcher, type SecretMatcher } from './secret-matcher.ts';

/** Keys whose values are always masked when a request is logged (reference §9.6), compared case-insensitively. */
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
export const minimumSecretLength = 4;

/** The extra keys named in `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` (comma-separated). */
export function additionalRedactedKeys(env: Record<string, string | undefined> = process.env): string[] {
  const raw = env['LUMOS_ADDITIONAL_REDACTED_LOG_KEYS'] ?? '';
  if (raw === '') return [];
  return raw
    .split(',')
    .map((key) => key.trim().toLowerCase())
    .filter(Boolean);
}

/** Deeper JSON is shown as a placeholder when logged: a request may nest far enough to exhaust the stack. */
const maxLoggedDepth = 64;

/** Returns a copy of a JSON value with every value under a redacted key, whatever its type, replaced by `REDACTED`. */
export function redactByKey(value: unknown, keys: ReadonlySet<string>, masked = false, depth = 0): unknown {
  if (masked && (typeof value !== 'object' || value === null)) return value === null ? null : mask;
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
 * Collects every value under a redacted key, for masking those values wherever they appear: strings
 * as they are, numbers and booleans as JSON writes them (a numeric password is a secret too).
 * Iterative, so no nesting depth can exhaust the stack.
 */
export function collectSecrets(value: unknown, keys: ReadonlySet<string>, into: Set<string> = new Set()): Set<string> {
  // Index loops and for-in over own keys rather than iterators, entries and destructuring: every call
  // walks its request once, cold, and those builtins cost a compilation on first use (docs/bench.md).
  const nodes: unknown[] = [value];
  const underSecret: boolean[] = [false];
  while (nodes.length > 0) {
    const node = nodes.pop();
    const secret = underSecret.pop()!;
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean' || typeof node === 'bigint') {
      const text = String(node);
      if (secret && text.length >= minimumSecretLength) into.add(text);
    } else if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        nodes.push(node[index]);
        underSecret.push(secret);
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const key in node) {
        if (!Object.hasOwn(node, key)) continue;
        nodes.push((node as Record<string, unknown>)[key]);
        underSecret.push(secret || keys.has(key.toLowerCase()));
      }
    }
  }
  return into;
}

/** The redacted keys of a request: the fixed list, `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` and `extra` (e.g. `secret()` settings), lower-cased. */
export function redactedKeySet(extra: Iterable<string> = [], env: Record<string, string | undefined> = process.env): Set<string> {
  // Index loops: this runs once per call, cold (a Set built from an array goes through the iterator protocol).
  const keys = new Set<string>();
  for (let index = 0; index < redactedKeys.length; index++) keys.add(redactedKeys[index]!);
  const additional = additionalRedactedKeys(env);
  for (let index = 0; index < additional.length; index++) keys.add(additional[index]!);
  for (const key of extra) keys.add(key.toLowerCase());
  return keys;
}

/** The secret values of one request, masked in one pass whatever their number. */
export interface SecretSet {
  /** The values, as registered (at least {@link minimumSecretLength} characters). */
  readonly values: ReadonlySet<string>;
  /** Registers more values (values derived from a credential, a token fetched later, …). */
  add(values: Iterable<string>): void;
  /** Masks every occurrence of every value in a text: raw, JSON-escaped, URL- and form-encoded. */
  mask(text: string): string;
}

/** Creates a secret set; its matcher is built on first use and rebuilt only after {@link SecretSet.add}. */
export function createSecretSet(initial: Iterable<string> = []): SecretSet {
  const values = new Set<string>();
  let matcher: SecretMatcher | undefined;
  const set: SecretSet = {
    values,
    add(more) {
      for (const value of more) {
        if (value.length >= minimumSecretLength && !values.has(value)) {
          values.add(value);
          matcher = undefined;
        }
      }
    },
    mask(text) {
      if (values.size === 0 || text.length === 0) return text;
      matcher ??= secretMatcher(allForms(values));
      return matcher.replace(text, mask);
    },
  };
  set.add(initial);
  return set;
}

/** Masks every occurrence of every secret value in a text, including JSON- and URL-encoded forms, in one pass. */
export function redactText(text: string, secrets: ReadonlySet<string>): string {
  if (secrets.size === 0) return text;
  return secretMatcher(allForms(secrets)).replace(text, mask);
}

function* allForms(secrets: Iterable<string>): Generator<string> {
  for (const secret of secrets) yield* encodedForms(secret);
}

function encodedForms(secret: string): string[] {
  // URL encoders see a lone surrogate as U+FFFD (and encodeURIComponent throws on one): encode what they would send.
  const sendable = secret.toWellFormed();
  const forms = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(sendable)]);
  forms.add(encodeURIComponent(sendable).replaceAll('%20', '+'));
  // Query strings encode more characters than encodeURIComponent (e.g. `!`).
  forms.add(new URLSearchParams({ s: sendable }).toString().slice(2));
  return [...forms].filter((form) => form.length >= minimumSecretLength);
}
