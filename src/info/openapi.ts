import type * as v from 'valibot';
import type { CapabilityDefinition, CredentialConfig, CredentialKind, IntegrationOptions } from '../integration/types.ts';
import { objectEntries } from '../integration/schema-introspection.ts';
import { Page } from '../wire/generated/models.ts';
import { credentialModel } from './credential-model.ts';
import { jsonSchemaOf, type JsonSchema } from './json-schema.ts';

/** What an OpenAPI document of connector capabilities is built from. */
export interface OpenApiSource {
  title: string;
  description: string;
  version: string;
  /** Extra `x-…` keys of `info`. */
  infoExtensions?: Record<string, unknown>;
  capabilities: readonly Pick<
    CapabilityDefinition,
    'name' | 'request' | 'response' | 'level' | 'category' | 'displayName' | 'description' | 'authentication'
  >[];
  settings?: v.GenericSchema | undefined;
  auth?: CredentialKind | undefined;
  credentials?: CredentialConfig[] | undefined;
  /** A security scheme replacing the default one of a credential kind (from an extension), or undefined. */
  securityScheme?: ((kind: CredentialKind, credentialId: string | undefined) => Record<string, unknown> | undefined) | undefined;
}

const tags = [
  { name: 'Read Capabilities', description: 'Read data from the app' },
  { name: 'Write Capabilities', description: 'Change data in the app' },
  { name: 'Authorization', description: 'OAuth flows' },
  { name: 'Specification', description: 'Describe the connector' },
  { name: 'Validation', description: 'Check credentials and configuration' },
];

const prefix = '#/components/schemas/';

/** Builds an OpenAPI 3.0 document with one `POST /<capability>` path per capability (reference §2.6). */
export function buildOpenApi(source: OpenApiSource): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const hoist = (schema: v.GenericSchema): JsonSchema => {
    const json = jsonSchemaOf(schema, { refPrefix: prefix, target: 'openapi-3.0' });
    const defs = (json['$defs'] ?? {}) as Record<string, JsonSchema>;
    delete json['$defs'];
    for (const [name, def] of Object.entries(defs)) schemas[name] ??= withoutEmptyRequired(def);
    return withoutEmptyRequired(json);
  };

  schemas['Page'] = hoist(Page);
  schemas['Settings'] = settingsSchema(source.settings, hoist);
  const credentialPart = credentialsPart(source, hoist, schemas);
  const securitySchemes = securitySchemesOf(source);

  const paths: Record<string, unknown> = {};
  for (const capability of [...source.capabilities].sort((a, b) => a.name.localeCompare(b.name))) {
    const carriesCredentials = capability.authentication === 'required' || capability.authentication === 'optional';
    const properties: Record<string, unknown> = {
      request: hoist(capability.request),
      settings: { $ref: `${prefix}Settings` },
      page: { $ref: `${prefix}Page` },
      include_raw_data: { type: 'boolean', nullable: true },
    };
    const required = ['request'];
    if (carriesCredentials && credentialPart) {
      properties[credentialPart.key] = { $ref: `${prefix}${credentialPart.schema}` };
      if (capability.authentication === 'required') required.push(credentialPart.key);
    }
    paths[`/${capability.name}`] = {
      post: {
        operationId: capability.name,
        tags: [tagOf(capability)],
        summary: capability.displayName,
        description: capability.description ?? capability.displayName,
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', properties, required } } },
        },
        responses: {
          '200': {
            description: 'The success envelope, or the error envelope (`is_error: true`) when the capability failed.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    response: hoist(capability.response),
                    page: { $ref: `${prefix}Page` },
                    raw_data: { nullable: true },
                  },
                  required: ['response'],
                },
              },
            },
          },
        },
        ...(carriesCredentials && Object.keys(securitySchemes).length > 0 ? { security: Object.keys(securitySchemes).map((name) => ({ [name]: [] })) } : {}),
      },
    };
  }

  return {
    openapi: '3.0.0',
    info: { title: source.title, description: source.description, version: source.version, ...source.infoExtensions },
    servers: [],
    tags,
    paths,
    components: { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))), securitySchemes },
  };
}

function tagOf(capability: Pick<CapabilityDefinition, 'level' | 'category'>): string {
  if (capability.category === 'oauth') return 'Authorization';
  if (capability.level === 'write') return 'Write Capabilities';
  if (capability.level === 'validation') return 'Validation';
  if (capability.level === 'read') return 'Read Capabilities';
  return 'Specification';
}

function settingsSchema(settings: v.GenericSchema | undefined, hoist: (schema: v.GenericSchema) => JsonSchema): JsonSchema {
  if (!settings) return { type: 'object', properties: {}, title: 'Settings', 'x-field_order': [] };
  return { ...hoist(settings), title: 'Settings', 'x-field_order': Object.keys(objectEntries(settings) ?? {}) };
}

function credentialsPart(
  source: OpenApiSource,
  hoist: (schema: v.GenericSchema) => JsonSchema,
  schemas: Record<string, JsonSchema>,
): { key: 'auth' | 'credentials'; schema: string } | undefined {
  if (source.auth) {
    schemas['Auth'] = { type: 'object', properties: { [source.auth]: hoist(credentialModel(source.auth)) }, required: [source.auth] };
    return { key: 'auth', schema: 'Auth' };
  }
  if (source.credentials?.length) {
    schemas['Credentials'] = {
      type: 'array',
      items: {
        anyOf: source.credentials.map((config) => ({
          type: 'object',
          properties: { id: { type: 'string', enum: [config.id] }, [config.type]: hoist(credentialModel(config.type)) },
          required: ['id', config.type],
          ...(config.description ? { description: config.description } : {}),
        })),
      },
    };
    return { key: 'credentials', schema: 'Credentials' };
  }
  return undefined;
}

function securitySchemesOf(source: OpenApiSource): Record<string, unknown> {
  const kinds = source.auth ? [source.auth] : (source.credentials ?? []).map((config) => config.type);
  const out: Record<string, unknown> = {};
  for (const kind of new Set(kinds)) {
    if (kind === 'basic') out[kind] = { type: 'http', scheme: 'basic' };
    else if (kind === 'oauth' || kind === 'oauth_client_credentials') out[kind] = { type: 'http', scheme: 'bearer' };
    else if ((kind === 'jwt' || kind === 'key_pair') && source.auth) out[kind] = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };
    else out[kind] = { type: 'apiKey', in: 'header', name: 'Authorization' };
  }
  const credentials = source.auth ? [{ type: source.auth, id: undefined }] : (source.credentials ?? []);
  for (const { type, id } of credentials) {
    const scheme = source.securityScheme?.(type, id);
    if (scheme) out[type] = scheme;
  }
  return out;
}

/** OpenAPI 3.0 does not allow an empty `required` list: drops every one from a schema. */
export function withoutEmptyRequired(node: JsonSchema): JsonSchema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (key === 'required' && Array.isArray(item) && item.length === 0) continue;
      out[key] = walk(item);
    }
    return out;
  };
  return walk(node) as JsonSchema;
}

/** The `x-…` info extensions of a connector's own document; `x-oauth-settings` is null unless an extension fills it. */
export function connectorInfoExtensions(appId: string, options: IntegrationOptions, capabilityNames: string[]): Record<string, unknown> {
  const credentials = options.credentials ?? [];
  const required = credentials.filter((config) => !config.optional).map((config) => config.id);
  const optional = credentials.filter((config) => config.optional).map((config) => [config.id]);
  return {
    'x-app-id': appId,
    'x-app-logo-url': options.description.logoUrl ?? '',
    'x-app-vendor-domain': options.description.appVendorDomain ?? '',
    'x-entitlement-types': options.entitlementTypes ?? [],
    'x-resource-types': options.resourceTypes ?? [],
    'x-categories': { type: 'enum', enum: options.description.categories },
    'x-oauth-settings': null,
    'x-capabilities': capabilityNames,
    'x-multi-credential': credentials.length > 0,
    'x-allowed-credentials': [...(required.length ? [required] : []), ...optional],
  };
}
