import { redactText } from '../logging/redact.ts';

/** What replaces a secret header's value in a cassette. */
export const scrubbedHeader = 'SCRUBBED';
/** What replaces the value at a configured JSON path. */
export const scrubbedValue = 'SCRUBBED';

/** Header names whose values never reach a cassette: credentials, cookies and anything named like a token. */
const secretHeader = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|api[-_]?key|password|session|signature/i;

/** What a cassette scrubber needs: the secret values, and the JSON paths to blank. */
export interface Scrubber {
  text(value: string): string;
  headers(headers: Headers): Record<string, string>;
  body(text: string): string;
}

/**
 * A scrubber: every secret value (and its JSON- and URL-encoded forms) becomes `REDACTED`, secret
 * headers become `SCRUBBED`, and JSON bodies have the values at `jsonPaths` (dotted, `*` for any
 * key or index, e.g. `data.*.email`) replaced with `SCRUBBED`.
 */
export function createScrubber(secrets: ReadonlySet<string>, jsonPaths: readonly string[]): Scrubber {
  const paths = jsonPaths.map((path) => path.split('.'));
  const text = (value: string) => redactText(value, secrets);
  return {
    text,
    headers(headers) {
      const out: Record<string, string> = {};
      for (const [name, value] of headers) {
        // The body is stored decoded, so its original encoding and length no longer apply.
        if (name === 'content-encoding' || name === 'content-length') continue;
        out[name] = secretHeader.test(name) ? scrubbedHeader : text(value);
      }
      return out;
    },
    body(raw) {
      if (paths.length === 0 || raw === '') return text(raw);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return text(raw);
      }
      for (const path of paths) parsed = blank(parsed, path);
      return text(JSON.stringify(parsed));
    },
  };
}

function blank(value: unknown, path: readonly string[]): unknown {
  if (path.length === 0) return value === undefined ? value : scrubbedValue;
  if (typeof value !== 'object' || value === null) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, index) => (head === '*' || head === String(index) ? blank(item, rest) : item));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = head === '*' || head === key ? blank(item, rest) : item;
  return out;
}
