import type { FoundAccountData } from 'lumos-connector-sdk/wire';
import { enterpriseUserSchema, primaryEmail, type ScimUser } from './scim-user.ts';

/** A User's status: `active: false` is INACTIVE; a server that leaves `active` out says nothing, so neither does the account. */
export function accountStatus(user: ScimUser): 'ACTIVE' | 'INACTIVE' | null {
  return user.active === undefined ? null : user.active ? 'ACTIVE' : 'INACTIVE';
}

/** A SCIM User as a Lumos account; the descriptive attributes present go to `extra_data` under their SCIM names. */
export function toAccount(user: ScimUser): FoundAccountData {
  const extra: Record<string, unknown> = {};
  for (const key of ['displayName', 'externalId', 'userType', 'title'] as const) if (user[key] !== undefined) extra[key] = user[key];
  const enterprise = user[enterpriseUserSchema];
  if (typeof enterprise === 'object' && enterprise !== null) extra[enterpriseUserSchema] = enterprise;
  return {
    integration_specific_id: user.id,
    email: primaryEmail(user),
    given_name: user.name?.givenName ?? null,
    family_name: user.name?.familyName ?? null,
    username: user.userName,
    user_status: accountStatus(user),
    extra_data: extra,
    account_type: 'user',
  };
}
