import * as v from 'valibot';

/** The SCIM connector's settings. */
export const ScimSettings = v.object({
  base_url: v.pipe(
    v.string(),
    v.url('base_url must be an absolute URL, e.g. https://app.example.com/scim/v2'),
    v.title('Base URL'),
    v.description('The SCIM 2.0 base URL: the address /ServiceProviderConfig, /Users and /Groups are relative to.'),
  ),
  page_size: v.optional(
    v.pipe(
      v.number(),
      v.integer(),
      v.minValue(1),
      v.maxValue(1000),
      v.title('Page size'),
      v.description("The largest count asked of the server in one request; set it to the server's own maximum if it has a lower one."),
    ),
    100,
  ),
  groups_as_entitlements: v.optional(
    v.pipe(
      v.boolean(),
      v.title('Groups are entitlements'),
      v.description("Offer the server's Groups as entitlements and provision group memberships. Off: no entitlements are listed or assigned."),
    ),
    true,
  ),
  memberships_from: v.optional(
    v.pipe(
      v.picklist(['groups', 'users']),
      v.title('Memberships from'),
      v.description(
        'Where find_entitlement_associations reads memberships: "groups" (each Group\'s members, the default) or "users" (each User\'s groups attribute), for servers that leave members out of Group answers or cap them.',
      ),
    ),
    'groups',
  ),
  user_filter: v.optional(
    v.pipe(
      v.string(),
      v.minLength(1, 'user_filter must not be empty'),
      v.title('User filter'),
      v.description('A SCIM filter (RFC 7644 §3.4.2.2) limiting the Users listed, e.g. userType eq "Employee". The server must support filtering.'),
    ),
  ),
});

/** The parsed settings a handler receives. */
export type ScimSettings = v.InferOutput<typeof ScimSettings>;
