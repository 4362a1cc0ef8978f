import * as v from 'valibot';
import { executionSummary, type CapabilityHandler } from 'lumos-connector-sdk';
import { UpdateableAccount } from 'lumos-connector-sdk/wire';
import { replaceUserAttributes, type Replacement } from './replace-user-attributes.ts';
import { scimClient } from './scim-client.ts';
import { primaryEmail, ScimUser } from './scim-user.ts';
import type { ScimSettings } from './settings.ts';

/** `update_account`'s payload and response: the account's id and the attributes to change (left out: unchanged). */
export const UpdateScimAccount = v.object({
  ...UpdateableAccount.entries,
  email: v.nullish(v.pipe(v.string(), v.email(), v.title('E-mail'))),
  given_name: v.nullish(v.pipe(v.string(), v.title('Given name'))),
  family_name: v.nullish(v.pipe(v.string(), v.title('Family name'))),
  display_name: v.nullish(v.pipe(v.string(), v.title('Display name'))),
  external_id: v.nullish(v.pipe(v.string(), v.title('External id'))),
});

type UpdateScimAccount = v.InferOutput<typeof UpdateScimAccount>;

/** The account as update_account reports it. */
function described(user: ScimUser): UpdateScimAccount {
  return {
    id: user.id,
    email: primaryEmail(user),
    given_name: user.name?.givenName ?? null,
    family_name: user.name?.familyName ?? null,
    display_name: user.displayName ?? null,
    external_id: user.externalId ?? null,
  };
}

/** What must change on `user` for the request to hold. */
function replacements(user: ScimUser, request: UpdateScimAccount): Replacement[] {
  const current = described(user);
  const changes: Replacement[] = [];
  if (request.email != null && request.email !== current.email) {
    // The new address becomes the primary one; the others stay.
    const others = (user.emails ?? []).filter((email) => email.value !== request.email).map((email) => ({ ...email, primary: false }));
    changes.push({ path: 'emails', value: [{ value: request.email, type: 'work', primary: true }, ...others] });
  }
  const simple = { given_name: 'name.givenName', family_name: 'name.familyName', display_name: 'displayName', external_id: 'externalId' } as const;
  for (const [key, path] of Object.entries(simple) as [keyof typeof simple, string][]) {
    const value = request[key];
    if (value != null && value !== current[key]) changes.push({ path, value });
  }
  return changes;
}

/** Changes a User's e-mail, names, display name or external id; a noop when they already hold the values asked for. */
export const updateAccount: CapabilityHandler<UpdateScimAccount, v.InferInput<typeof UpdateScimAccount>, ScimSettings> = async (args) => {
  const client = scimClient(args);
  const user = await client.get(`/Users/${encodeURIComponent(args.request.id)}`, { schema: ScimUser });
  const changes = replacements(user, args.request);
  if (changes.length === 0) return { response: described(user), execution_summary: executionSummary(args.request, 'noop') };
  const after = await replaceUserAttributes(client, user, changes);
  return { response: described(after), execution_summary: executionSummary(args.request, 'updated') };
};
