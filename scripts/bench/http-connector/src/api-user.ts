import * as v from 'valibot';

/** A user as the fake API returns it. */
export const ApiUser = v.object({
  id: v.string(),
  email: v.string(),
  first_name: v.nullish(v.string()),
  last_name: v.nullish(v.string()),
  username: v.nullish(v.string()),
  active: v.boolean(),
});

/** A user as the fake API returns it. */
export type ApiUser = v.InferOutput<typeof ApiUser>;

/** One page of `/users`; `next_cursor` is null on the last page. */
export const ApiUsersPage = v.object({ items: v.array(ApiUser), next_cursor: v.nullable(v.string()) });
