import { ConnectorError } from 'lumos-connector-sdk';
import type { UpstreamCursor } from 'lumos-connector-sdk/http';
import type { FoundEntitlementAssociation } from 'lumos-connector-sdk/wire';
import { fetchScimPage } from './fetch-scim-page.ts';
import type { ScimClient } from './scim-client.ts';
import { ScimGroup, userMemberIds } from './scim-group.ts';

/** Where the walk over group members stands: the page of Groups (null: the first) and how many of its memberships were handed out. */
interface MemberPosition {
  at: UpstreamCursor | null;
  skip: number;
}

function readPosition(cursor: UpstreamCursor | null): MemberPosition {
  if (cursor === null) return { at: null, skip: 0 };
  try {
    const parsed = JSON.parse(String(cursor)) as MemberPosition;
    if ((parsed.at === null || typeof parsed.at === 'string' || typeof parsed.at === 'number') && Number.isInteger(parsed.skip) && parsed.skip >= 0) return parsed;
  } catch {
    // Reported below.
  }
  throw new ConnectorError('The page token was not made by this connector for find_entitlement_associations. Start the list again without a page token.', 'invalid_page_token');
}

/**
 * One page of group memberships: Groups are read `groupPageSize` at a time with their members,
 * members typed `Group` (nested groups) are skipped, and a Group page larger than the page asked
 * for is handed out in several pages. The next cursor is a JSON position, or null at the end.
 */
export async function fetchMemberPage(client: ScimClient, page: { size: number; cursor: UpstreamCursor | null }, groupPageSize: number): Promise<{ items: FoundEntitlementAssociation[]; next: string | null }> {
  let { at, skip } = readPosition(page.cursor);
  const items: FoundEntitlementAssociation[] = [];
  for (;;) {
    const groups = await fetchScimPage(client, { size: groupPageSize, cursor: at }, { path: '/Groups', item: ScimGroup, query: { attributes: 'members' } });
    const memberships = groups.items.flatMap((group) =>
      userMemberIds(group).map((account_id) => ({ account_id, integration_specific_entitlement_id: group.id, integration_specific_resource_id: '' })),
    );
    const taken = memberships.slice(skip, skip + page.size - items.length);
    items.push(...taken);
    if (skip + taken.length < memberships.length) return { items, next: JSON.stringify({ at, skip: skip + taken.length }) };
    if (groups.next === null) return { items, next: null };
    at = groups.next;
    skip = 0;
    if (items.length === page.size) return { items, next: JSON.stringify({ at, skip }) };
  }
}
