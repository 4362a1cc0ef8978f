/** One link of an RFC 8288 `Link` header. */
export interface Link {
  /** The target, resolved against the base URL when one is given. */
  url: string;
  /** The relation types, lower-cased (`rel="next last"` gives two). */
  rel: string[];
  /** The other parameters, keys lower-cased. */
  params: Record<string, string>;
}

/**
 * Parses an RFC 8288 `Link` header (`<url>; rel="next", <url>; rel="last"`), resolving relative
 * targets against `base`. Malformed parts are skipped, never thrown.
 */
export function parseLinkHeader(header: string | null | undefined, base?: string): Link[] {
  if (!header) return [];
  const links: Link[] = [];
  let index = 0;
  while (index < header.length) {
    const open = header.indexOf('<', index);
    if (open === -1) break;
    const close = header.indexOf('>', open);
    if (close === -1) break;
    const target = header.slice(open + 1, close).trim();
    const params: Record<string, string> = {};
    let cursor = close + 1;
    // Parameters run until the comma that starts the next link (commas inside quotes do not count).
    while (cursor < header.length) {
      const match = /^\s*;\s*([^=;,\s]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]*)))?/.exec(header.slice(cursor));
      if (!match) break;
      const key = match[1]!.toLowerCase();
      const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
      if (!(key in params)) params[key] = value;
      cursor += match[0].length;
    }
    const comma = header.indexOf(',', cursor);
    index = comma === -1 ? header.length : comma + 1;
    let url: string;
    try {
      url = base === undefined ? new URL(target).href : new URL(target, base).href;
    } catch {
      continue;
    }
    const rel = (params['rel'] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push({ url, rel, params });
  }
  return links;
}

/** The `rel="next"` target of a `Link` header, or undefined. */
export function nextLink(header: string | null | undefined, base?: string): string | undefined {
  return parseLinkHeader(header, base).find((link) => link.rel.includes('next'))?.url;
}
