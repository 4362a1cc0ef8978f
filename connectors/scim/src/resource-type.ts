import * as v from 'valibot';
import type { FoundResourceData } from 'lumos-connector-sdk/wire';

/** The resource type of the server's SCIM resource types. */
export const scimResourceType = 'scim_resource_type';

/** A SCIM ResourceType (RFC 7643 §6): what the server serves at which endpoint. */
export const ScimResourceType = v.looseObject({
  id: v.optional(v.string()),
  name: v.string(),
  endpoint: v.string(),
  schema: v.string(),
  description: v.optional(v.string()),
});

/** A ResourceType as a Lumos resource, named by its endpoint's type name. */
export function toResource(type: v.InferOutput<typeof ScimResourceType>): FoundResourceData {
  return {
    integration_specific_id: type.id ?? type.name,
    label: type.name,
    resource_type: scimResourceType,
    description: type.description ?? null,
    extra_data: { endpoint: type.endpoint, schema: type.schema },
  };
}
