import * as v from 'valibot';
import { ConnectorError } from 'lumos-connector-sdk';
import type { UpstreamCursor } from 'lumos-connector-sdk/http';
import type { FoundEntitlementAssociation } from 'lumos-connector-sdk/wire';
import { fetchScimPage } from './fetch-scim-page.ts';
import type { ScimClient } from './scim-client.ts';
import { ScimGroup, userMemberIds } from './scim-group.ts';
import { ScimUserGroups, directGroupIds } from './scim-user.ts';

/** Where memberships are read, and how. */
export interface MemberSource {
  /** `groups`: each Group's `members`; `users`: each User's `groups` (RFC 7643 §4.1.2). */
  from: 'groups' | 'users';
  /** How many Groups or Users one request reads. */
  upstreamPageSize: number;
  /** The settings' user filter, applied when reading Users. */
  userFilter?: string | undefined;
}

/** Where the walk over group members stands: the page of Groups (null: the first) and how many of its memberships were handed out. */
interface MemberPosition {
  at: UpstreamCursor | null;
  skip: number;
}

function readPosition(cursor: UpstreamCursor | null): MemberPosition {
  if (cursor === null) return { at: null, skip: 0 };
  try {
    const parsed = JSON.parse(String(cursor)) as MemberPosition;
    if ((parsed.at === null || typeof parsed.at === 'string' || typeof parsed.at === 'number') && Number.isInteger(parsed.skip) && parsed.skip >= 0)
      return parsed;
  } catch {
    // Reported below.
  }
  throw new ConnectorError(
    'The page token was not made by this connector for find_entitlement_associations. Start the list again without a page token.',
    'invalid_page_token',
  );
}

/** One upstream page of memberships, from the Groups' members or the Users' groups. */
async function fetchMemberships(
  client: ScimClient,
  at: UpstreamCursor | null,
  source: MemberSource,
): Promise<{ memberships: FoundEntitlementAssociation[]; next: UpstreamCursor | null }> {
  const membership = (account_id: string, group: string) => ({ account_id, integration_specific_entitlement_id: group, integration_specific_resource_id: '' });
  const page = { size: source.upstreamPageSize, cursor: at };
  if (source.from === 'users') {
    const users = await fetchScimPage(client, page, { path: '/Users', item: ScimUserGroups, query: { attributes: 'groups', filter: source.userFilter } });
    return { memberships: users.items.flatMap((user) => directGroupIds(user).map((group) => membership(user.id, group))), next: users.next };
  }
  const groups = await fetchScimPage(client, page, { path: '/Groups', item: ScimGroup, query: { attributes: 'members' } });
  return { memberships: groups.items.flatMap((group) => userMemberIds(group).map((account) => membership(account, group.id))), next: groups.next };
}

/** The core User schema's URN (RFC 7643 §8.7.1). */
const userSchemaUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';

const UserSchema = v.looseObject({ attributes: v.optional(v.array(v.looseObject({ name: v.string() }))) });

/**
 * Refuses `memberships_from: users` on a server whose User schema (/Schemas, RFC 7644 §4) has no
 * `groups` attribute: its Users would list no memberships at all, which must not pass for "no
 * memberships". A server that does not serve the schema is taken at its Users' word.
 */
async function checkUserGroupsAttribute(client: ScimClient): Promise<void> {
  const { status, data } = await client.request(`/Schemas/${userSchemaUrn}`, { schema: UserSchema, allowStatus: [404, 501] });
  if (status !== 200 || data === null) return;
  const attributes = (data as v.InferOutput<typeof UserSchema>).attributes;
  if (attributes === undefined || attributes.some((attribute) => attribute.name.toLowerCase() === 'groups')) return;
  throw new ConnectorError(
    'memberships_from is "users", but the SCIM server\'s User schema has no groups attribute, so its Users cannot tell which Groups they are in. Set memberships_from to "groups" to read memberships from the Groups\' members.',
    'bad_request',
    { appErrorCode: 'scim.no_user_groups_attribute' },
  );
}

/**
 * One page of group memberships: Groups (or Users) are read `upstreamPageSize` at a time with
 * their members (or groups), nested groups are skipped, and an upstream page larger than the page
 * asked for is handed out in several pages. The next cursor is a JSON position, or null at the end.
 */
export async function fetchMemberPage(
  client: ScimClient,
  page: { size: number; cursor: UpstreamCursor | null },
  source: MemberSource,
): Promise<{ items: FoundEntitlementAssociation[]; next: string | null }> {
  let { at, skip } = readPosition(page.cursor);
  if (source.from === 'users' && page.cursor === null) await checkUserGroupsAttribute(client);
  const items: FoundEntitlementAssociation[] = [];
  for (;;) {
    const { memberships, next } = await fetchMemberships(client, at, source);
    const taken = memberships.slice(skip, skip + page.size - items.length);
    items.push(...taken);
    if (skip + taken.length < memberships.length) return { items, next: JSON.stringify({ at, skip: skip + taken.length }) };
    if (next === null) return { items, next: null };
    at = next;
    skip = 0;
    if (items.length === page.size) return { items, next: JSON.stringify({ at, skip }) };
  }
}
