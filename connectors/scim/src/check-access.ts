import * as v from 'valibot';
import { ConnectorError } from 'lumos-connector-sdk';
import { ListResponse } from './list-response.ts';
import type { ScimClient } from './scim-client.ts';

/**
 * Reads one resource of each of `endpoints` (`Users`, `Groups`) with `count=1`, which every SCIM
 * server answers cheaply, and refuses a credential that may not read one of them, naming which: a
 * token scoped to Users only would otherwise pass validation and fail the first entitlement sync.
 */
export async function checkAccess(client: ScimClient, endpoints: readonly ('Users' | 'Groups')[]): Promise<void> {
  const answers = await Promise.all(
    endpoints.map(async (endpoint) => {
      const query = endpoint === 'Groups' ? { count: 1, excludedAttributes: 'members' } : { count: 1 };
      return {
        endpoint,
        ...(await client.request(`/${endpoint}`, { query, schema: ListResponse(v.looseObject({ id: v.string() })), allowStatus: [401, 403] })),
      };
    }),
  );
  const refused = answers.filter((answer) => answer.status === 401 || answer.status === 403);
  if (refused.length === 0) return;
  const allowed = answers.filter((answer) => !refused.includes(answer)).map((answer) => answer.endpoint);
  const reasons = refused.map(({ endpoint, status, data }) => `GET /${endpoint} answered ${status}${detailOf(data)}`).join('; ');
  const names = refused.map((answer) => answer.endpoint).join(' and ');
  throw new ConnectorError(
    `The SCIM server refuses this credential access to ${names} (${reasons})${allowed.length > 0 ? `, though it may read ${allowed.join(' and ')}` : ''}. Grant it read access to ${names}${names.includes('Groups') && allowed.length > 0 ? ', or set groups_as_entitlements to false if Groups are not governed' : ''}.`,
    refused.some((answer) => answer.status === 401) ? 'unauthorized' : 'permission_denied',
    { statusCode: refused[0]!.status, appErrorCode: `scim.no_access_to_${refused.map((answer) => answer.endpoint.toLowerCase()).join('_and_')}` },
  );
}

/** `: detail` of a SCIM Error body, or nothing. */
function detailOf(body: unknown): string {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === 'string' && detail !== '' ? `: ${detail.slice(0, 300)}` : '';
}
