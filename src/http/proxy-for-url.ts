/**
 * The proxy for a request URL: the `proxy` option when given (`false` for none), else
 * `HTTPS_PROXY`/`HTTP_PROXY` by scheme (lower case first, then `ALL_PROXY`), unless the host is
 * listed in `NO_PROXY`/`no_proxy`. Returns undefined for a direct connection.
 */
export function proxyForUrl(target: URL, env: Record<string, string | undefined> = process.env, explicit?: string | false): string | undefined {
  if (explicit === false) return undefined;
  const https = target.protocol === 'https:';
  const proxy = explicit || (https ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy')) || envValue(env, 'all_proxy');
  if (!proxy) return undefined;
  const noProxy = env['no_proxy'] || env['NO_PROXY'] || '';
  return bypassesProxy(target, noProxy) ? undefined : proxy;
}

/**
 * Whether `NO_PROXY` sends a URL direct: `*`; a domain with or without a leading `.` or `*.`
 * (matching its subdomains too); an IP address; an IPv4 CIDR block; any of these with `:port`.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: string | undefined;
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed) {
      entry = bracketed[1]!;
      entryPort = bracketed[2];
    } else if (!entry.includes(':') || entry.split(':').length === 2) {
      const colon = entry.lastIndexOf(':');
      if (colon !== -1 && /^\d+$/.test(entry.slice(colon + 1))) {
        entryPort = entry.slice(colon + 1);
        entry = entry.slice(0, colon);
      }
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy URL with its password masked, for logs and error messages. */
export function displayProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    if (url.password) url.password = 'REDACTED';
    return url.href.replace(/\/$/, '');
  } catch {
    return '<a proxy URL that does not parse>';
  }
}

/** The secret parts of a proxy URL (its password and the Basic credentials made from it), to mask in logs. */
export function proxySecrets(proxy: string): string[] {
  try {
    const url = new URL(proxy);
    if (!url.password) return [];
    const username = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    return [password, url.password, Buffer.from(`${username}:${password}`).toString('base64')];
  } catch {
    return [];
  }
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  return env[name] || env[name.toUpperCase()] || undefined;
}

function inCidr(host: string, block: string): boolean {
  const [base = '', bitsText = ''] = block.split('/');
  const bits = Number(bitsText);
  if (!isIpv4(host) || !isIpv4(base) || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (ipv4ToNumber(host) & mask) >>> 0 === (ipv4ToNumber(base) & mask) >>> 0;
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((total, part) => total * 256 + Number(part), 0) >>> 0;
}

function isIpv4(text: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text) && text.split('.').every((part) => Number(part) <= 255);
}
