import * as v from 'valibot';
import { ConnectorError, executionSummary, type CapabilityHandler } from 'lumos-connector-sdk';
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

/**
 * The User's e-mail addresses with `address` as the primary one, without adding an address of a
 * type the User already has (many servers take one address per type): an address the User already
 * has becomes primary as it is; otherwise the new address replaces the value of the primary (or
 * first) one, keeping its type (`work` when it has none). The other addresses stay as they are.
 */
export function withPrimaryEmail(emails: NonNullable<ScimUser['emails']>, address: string): NonNullable<ScimUser['emails']> {
  const unprimary = (email: (typeof emails)[number]) => (email.primary === true ? { ...email, primary: false } : email);
  if (emails.some((email) => email.value === address)) return emails.map((email) => (email.value === address ? { ...email, primary: true } : unprimary(email)));
  const replaced = Math.max(
    0,
    emails.findIndex((email) => email.primary === true),
  );
  const type = emails[replaced]?.type ?? 'work';
  return [{ ...emails[replaced], value: address, type, primary: true }, ...emails.filter((_, index) => index !== replaced).map(unprimary)];
}

/** What must change on `user` for the request to hold. */
function replacements(user: ScimUser, request: UpdateScimAccount): Replacement[] {
  const current = described(user);
  const changes: Replacement[] = [];
  if (request.email != null && request.email !== current.email) changes.push({ path: 'emails', value: withPrimaryEmail(user.emails ?? [], request.email) });
  const simple = { given_name: 'name.givenName', family_name: 'name.familyName', display_name: 'displayName', external_id: 'externalId' } as const;
  for (const [key, path] of Object.entries(simple) as [keyof typeof simple, string][]) {
    const value = request[key];
    if (value != null && value !== current[key]) changes.push({ path, value });
  }
  return changes;
}

/**
 * Changes a User's e-mail, names, display name or external id; a noop when they already hold the
 * values asked for. When the server refuses the whole change (400) and it included the e-mail, the
 * other attributes are written on their own, so they are not lost, and the answer is an error
 * naming the refused address and what was written (`scim.email_refused`).
 */
export const updateAccount: CapabilityHandler<UpdateScimAccount, v.InferInput<typeof UpdateScimAccount>, ScimSettings> = async (args) => {
  const client = scimClient(args);
  const user = await client.get(`/Users/${encodeURIComponent(args.request.id)}`, { schema: ScimUser });
  const changes = replacements(user, args.request);
  if (changes.length === 0) return { response: described(user), execution_summary: executionSummary(args.request, 'noop') };
  try {
    const after = await replaceUserAttributes(client, user, changes);
    return { response: described(after), execution_summary: executionSummary(args.request, 'updated') };
  } catch (error) {
    const others = changes.filter((change) => change.path !== 'emails');
    if (!(error instanceof ConnectorError) || error.statusCode !== 400 || others.length === changes.length) throw error;
    const current =
      others.length === 0 ? user : await replaceUserAttributes(client, await client.get(`/Users/${encodeURIComponent(user.id)}`, { schema: ScimUser }), others);
    const written =
      others.length === 0
        ? 'Nothing was changed.'
        : `The other changes (${others.map((change) => change.path).join(', ')}) were written; the User's e-mail is still ${JSON.stringify(primaryEmail(current))}.`;
    throw new ConnectorError(`The SCIM server refused the e-mail address ${JSON.stringify(args.request.email)}: ${error.message} ${written}`, 'bad_request', {
      statusCode: 400,
      appErrorCode: 'scim.email_refused',
      cause: error,
    });
  }
};
