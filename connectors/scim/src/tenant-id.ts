/**
 * A tenant id that stays the same for the same SCIM service however its base URL is written: the
 * scheme and host lower-cased, default ports, credentials, query, fragment and trailing slashes
 * dropped; the path kept as it is (paths are case-sensitive).
 */
export function tenantId(baseUrl: string): string {
  const url = new URL(baseUrl.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `scim-${new Bun.CryptoHasher('sha256').update(`${url.protocol}//${url.host}${path}`).digest('hex').slice(0, 24)}`;
}
