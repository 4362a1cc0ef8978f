import type { Integration } from '../integration/create-integration.ts';
import { buildOpenApi, connectorInfoExtensions } from './openapi.ts';
import type { JsonSchema } from './json-schema.ts';

/** The OpenAPI document `app_info` returns: this connector's capabilities, settings and credentials. */
export function buildAppInfo(integration: Integration<any>): JsonSchema {
  const { options, extensions } = integration;
  const capabilities = [...integration.capabilities.values()];
  const names = capabilities.map((capability) => capability.name).sort();
  return buildOpenApi({
    title: options.description.userFriendlyName,
    description: options.description.description ?? '',
    version: integration.version,
    infoExtensions: Object.assign(connectorInfoExtensions(integration.appId, options, names), ...extensions.map((extension) => extension.openApiInfo?.(names))),
    capabilities,
    settings: options.settings,
    auth: options.auth,
    credentials: options.credentials,
    securityScheme: (kind, credentialId) => {
      for (const extension of extensions) {
        if (!extension.credentialKinds.includes(kind)) continue;
        const scheme = extension.securityScheme?.(kind, credentialId);
        if (scheme) return scheme;
      }
      return undefined;
    },
  });
}
