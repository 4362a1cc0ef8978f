import type { Integration } from '../integration/create-integration.ts';
import { buildOpenApi, connectorInfoExtensions } from './openapi.ts';
import type { JsonSchema } from './json-schema.ts';

/** The OpenAPI document `app_info` returns: this connector's capabilities, settings and credentials. */
export function buildAppInfo(integration: Integration<any>): JsonSchema {
  const { options } = integration;
  const capabilities = [...integration.capabilities.values()];
  return buildOpenApi({
    title: options.description.userFriendlyName,
    description: options.description.description ?? '',
    version: integration.version,
    infoExtensions: connectorInfoExtensions(integration.appId, options, capabilities.map((capability) => capability.name).sort()),
    capabilities,
    settings: options.settings,
    auth: options.auth,
    credentials: options.credentials,
    oauth: options.oauth,
  });
}
