import * as v from 'valibot';

const Supported = v.optional(v.looseObject({ supported: v.optional(v.boolean()) }));

/**
 * The parts of /ServiceProviderConfig (RFC 7643 §5) the connector acts on; `pagination` is RFC
 * 9865's, which servers without cursor paging leave out.
 */
export const ServiceProviderConfig = v.looseObject({
  patch: Supported,
  filter: v.optional(v.looseObject({ supported: v.optional(v.boolean()), maxResults: v.optional(v.number()) })),
  pagination: v.optional(
    v.looseObject({
      cursor: v.optional(v.boolean()),
      index: v.optional(v.boolean()),
      defaultPaginationMethod: v.optional(v.string()),
      maxPageSize: v.optional(v.number()),
    }),
  ),
});

/** The server's configuration. */
export type ServiceProviderConfig = v.InferOutput<typeof ServiceProviderConfig>;

/** Whether the server takes PATCH: only an explicit `patch.supported: false` turns it off. */
export function supportsPatch(config: ServiceProviderConfig): boolean {
  return config.patch?.supported !== false;
}

/** How lists are paged: by cursor when the server advertises RFC 9865 cursors, else by `startIndex`. */
export function pagingMode(config: ServiceProviderConfig): 'cursor' | 'index' {
  return config.pagination?.cursor === true ? 'cursor' : 'index';
}
