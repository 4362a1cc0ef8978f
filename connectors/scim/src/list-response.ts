import * as v from 'valibot';

/**
 * A SCIM ListResponse (RFC 7644 §3.4.2) of `item`. `Resources` may be missing when nothing matched
 * (some servers leave it out); `nextCursor` is RFC 9865's cursor of the next page.
 */
export function ListResponse<TItem extends v.GenericSchema>(item: TItem) {
  return v.looseObject({
    totalResults: v.optional(v.number()),
    startIndex: v.optional(v.number()),
    itemsPerPage: v.optional(v.number()),
    nextCursor: v.optional(v.nullable(v.string())),
    Resources: v.optional(v.array(item), []),
  });
}
