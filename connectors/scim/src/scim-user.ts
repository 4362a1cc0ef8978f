import * as v from 'valibot';

/** The enterprise extension's schema URN (RFC 7643 §4.3). */
export const enterpriseUserSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A multi-valued attribute entry such as an e-mail address. */
const MultiValue = v.looseObject({ value: v.optional(v.unknown()), type: v.optional(v.string()), primary: v.optional(v.boolean()) });

/** A SCIM User as the connector reads it (RFC 7643 §4.1); other attributes pass through untouched. */
export const ScimUser = v.looseObject({
  id: v.string(),
  userName: v.string(),
  externalId: v.optional(v.string()),
  displayName: v.optional(v.string()),
  userType: v.optional(v.string()),
  title: v.optional(v.string()),
  active: v.optional(v.boolean()),
  name: v.optional(v.looseObject({ givenName: v.optional(v.string()), familyName: v.optional(v.string()), formatted: v.optional(v.string()) })),
  emails: v.optional(v.array(MultiValue)),
  /** `meta.version` is the User's ETag where the server has them (RFC 7644 §3.14). */
  meta: v.optional(v.looseObject({ version: v.optional(v.unknown()) })),
});

/** A SCIM User. */
export type ScimUser = v.InferOutput<typeof ScimUser>;

/** The address of a User's primary e-mail, else its first one. */
export function primaryEmail(user: ScimUser): string | null {
  const emails = user.emails ?? [];
  const chosen = emails.find((email) => email.primary === true) ?? emails[0];
  return typeof chosen?.value === 'string' ? chosen.value : null;
}

/**
 * A User read with `attributes=groups`: its id (always returned) and the Groups it is in (RFC 7643
 * §4.1.2, read-only; `type` is `direct` or `indirect`). Entries without a string `value` are ignored.
 */
export const ScimUserGroups = v.looseObject({
  id: v.string(),
  groups: v.optional(v.array(v.looseObject({ value: v.optional(v.unknown()), type: v.optional(v.unknown()) }))),
});

/** A User's id and groups. */
export type ScimUserGroups = v.InferOutput<typeof ScimUserGroups>;

/** The Groups a User is a direct member of: `indirect` entries come through nested groups, which are not assignments of the User. */
export function directGroupIds(user: ScimUserGroups): string[] {
  const ids: string[] = [];
  for (const group of user.groups ?? []) {
    if (typeof group.value === 'string' && !(typeof group.type === 'string' && group.type.toLowerCase() === 'indirect')) ids.push(group.value);
  }
  return ids;
}
