import type { Integration } from '../integration/create-integration.ts';
import { credentialModel } from './credential-model.ts';
import { payloadSchema, sortKeysDeep, withFieldOrder, type JsonSchema } from './json-schema.ts';

const emptySettings: JsonSchema = { properties: {}, title: 'EmptySettings', type: 'object', field_order: [] };

/**
 * The legacy `info` document (reference §2.5): what Lumos reads first to render the connection form.
 * Keys are sorted at every level.
 */
export function buildInfo(integration: Integration<any>): Record<string, unknown> {
  const { options, extensions } = integration;
  const names = [...integration.capabilities.keys()].sort();
  const capabilitySchema: Record<string, unknown> = {};
  for (const name of names) {
    const definition = integration.capabilities.get(name)!;
    capabilitySchema[name] = {
      argument: payloadSchema(definition.request),
      output: payloadSchema(definition.response),
      display_name: definition.displayName,
      description: definition.description,
    };
  }
  const info = {
    app_id: integration.appId,
    version: integration.version,
    capabilities: names,
    capability_schema: capabilitySchema,
    app_vendor_domain: options.description.appVendorDomain ?? null,
    logo_url: options.description.logoUrl ?? null,
    user_friendly_name: options.description.userFriendlyName,
    description: options.description.description ?? null,
    categories: options.description.categories,
    resource_types: options.resourceTypes ?? [],
    entitlement_types: options.entitlementTypes ?? [],
    request_settings_schema: options.settings ? withFieldOrder(options.settings) : emptySettings,
    authentication_schema: options.auth ? withFieldOrder(credentialModel(options.auth)) : {},
    credentials_schema: (options.credentials ?? []).map((config) => ({
      ...withFieldOrder(credentialModel(config.type)),
      id: config.id,
      description: config.description ?? '',
      'x-optional': config.optional ?? false,
      ...Object.assign({}, ...extensions.map((extension) => extension.credentialInfo?.(config))),
    })),
    // Null unless an extension (OAuth) fills it: the key is part of the wire document.
    oauth_scopes: null,
    ...Object.assign({}, ...extensions.map((extension) => extension.info?.())),
  };
  return sortKeysDeep(info) as Record<string, unknown>;
}
