import * as v from 'valibot';

/** A member of a Group: a User, or a nested Group when `type` says so. */
export const ScimMember = v.looseObject({ value: v.string(), display: v.optional(v.string()), type: v.optional(v.string()) });

/** A SCIM Group as the connector reads it (RFC 7643 §4.2); `members` is absent when the server leaves it out. */
export const ScimGroup = v.looseObject({
  id: v.string(),
  displayName: v.optional(v.string()),
  externalId: v.optional(v.string()),
  members: v.optional(v.array(ScimMember)),
});

/** A SCIM Group. */
export type ScimGroup = v.InferOutput<typeof ScimGroup>;

/** The ids of a Group's members that are Users: members typed `Group` are nested groups, not accounts. */
export function userMemberIds(group: ScimGroup): string[] {
  return (group.members ?? []).filter((member) => member.type === undefined || member.type.toLowerCase() === 'user').map((member) => member.value);
}
