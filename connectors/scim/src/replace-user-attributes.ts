import * as v from 'valibot';
import { ConnectorError } from 'lumos-connector-sdk';
import { patchOp } from './patch-op.ts';
import type { ScimClient } from './scim-client.ts';
import { ScimUser } from './scim-user.ts';
import { supportsPatch } from './service-provider-config.ts';

/** A new value for a User attribute, by a simple path such as `active` or `name.givenName`. */
export interface Replacement {
  path: string;
  value: unknown;
}

/** Attributes a PUT must not send back: the server owns them (RFC 7643 §3.1, §4.1.2). */
const serverOwned = ['meta', 'groups'];

/**
 * Replaces attributes of `user` on the server and returns the User after the change: with PATCH
 * `replace` operations, or, when the server's ServiceProviderConfig says it has no PATCH, with a
 * PUT of the whole User as read, the replacements applied. A PUT carries `If-Match` with the
 * User's version when the server has ETags, so a change someone else made since the read is not
 * overwritten: on 412 the User is read again and the PUT sent once more.
 */
export async function replaceUserAttributes(client: ScimClient, user: ScimUser, replacements: Replacement[]): Promise<ScimUser> {
  const path = `/Users/${encodeURIComponent(user.id)}`;
  if (supportsPatch(await client.serviceProviderConfig())) {
    const body = patchOp(replacements.map(({ path: attribute, value }) => ({ op: 'replace' as const, path: attribute, value })));
    // A server may answer 204 without the resource (RFC 7644 §3.5.2): read it then.
    const patched = await client.patch(path, { body, schema: v.nullable(ScimUser) });
    return patched ?? (await client.get(path, { schema: ScimUser }));
  }
  let current = user;
  for (let attempt = 1; ; attempt++) {
    const replaced: Record<string, unknown> = structuredClone(current);
    for (const key of serverOwned) delete replaced[key];
    for (const { path: attribute, value } of replacements) setPath(replaced, attribute.split('.'), value);
    const version = current.meta?.version;
    const headers = typeof version === 'string' && version !== '' ? { 'if-match': version } : undefined;
    const response = await client.request(path, { method: 'PUT', body: replaced, headers, schema: ScimUser, allowStatus: [412] });
    if (response.status !== 412) return response.data;
    if (attempt === 2) {
      throw new ConnectorError(
        `The User ${JSON.stringify(user.id)} changed on the SCIM server while the connector was replacing it, twice in a row (412 Precondition Failed), so nothing was written. Try again.`,
        'api_error',
        { statusCode: 412, appErrorCode: 'scim.concurrent_change' },
      );
    }
    current = await client.get(path, { schema: ScimUser });
  }
}

function setPath(target: Record<string, unknown>, [head, ...rest]: string[], value: unknown): void {
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = target[head];
  const next = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {};
  target[head] = next;
  setPath(next, rest, value);
}
