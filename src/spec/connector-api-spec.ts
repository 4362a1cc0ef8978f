import * as v from 'valibot';
import packageJson from '../../package.json' with { type: 'json' };
import { jsonSchemaOf, type JsonSchema } from '../info/json-schema.ts';
import { buildOpenApi, withoutEmptyRequired } from '../info/openapi.ts';
import { titleCase } from '../integration/capability-name.ts';
import catalog from '../wire/catalog.json' with { type: 'json' };
import { capabilityCatalog, standardCapabilityNames, type WireCapability } from '../wire/generated/capabilities.ts';
import { ErrorResponse } from '../wire/generated/models.ts';

const prefix = '#/components/schemas/';

interface Operation {
  requestBody: { content: { 'application/json': { schema: JsonSchema } } };
  responses: { '200': { content: { 'application/json': { schema: JsonSchema } } } };
}

/**
 * The OpenAPI 3.0 document of the whole Connector API: one `POST /<capability>` per standard capability
 * (all 43), whose request body is the envelope `main <capability> --json` takes and whose 200 response
 * is the success envelope or the error envelope. `info` is run without a request (`main info`); its path
 * has an empty `request` so that its response is described too.
 */
export function buildConnectorApiSpec(): JsonSchema {
  const wires: WireCapability[] = standardCapabilityNames.map((name) => capabilityCatalog[name]);
  const document = buildOpenApi({
    title: 'Lumos Connector API',
    description:
      'What a Lumos connector executable takes and prints. Each path is a command: `main <capability> --json <request body>` ' +
      '(or `--json-file`) prints the 200 response on stdout, a success envelope or an error envelope (`is_error: true`). ' +
      '`info` takes no request: run `main info`. Generated from the wire schemas of connector-sdk-types ' +
      `${catalog.version} by lumos-connector-sdk ${packageJson.version}.`,
    version: packageJson.version,
    infoExtensions: { 'x-connector-sdk-types-version': catalog.version },
    capabilities: wires.map((wire) => ({
      name: wire.name,
      request: wire.request ?? v.object({}),
      response: wire.response,
      level: wire.level,
      category: wire.category,
      displayName: titleCase(wire.name),
      description: describe(wire),
      authentication: wire.authentication,
    })),
  });
  const components = document['components'] as { schemas: Record<string, JsonSchema> };
  const hoist = (schema: v.GenericSchema): JsonSchema => {
    const json = jsonSchemaOf(schema, { refPrefix: prefix, target: 'openapi-3.0' });
    for (const [name, definition] of Object.entries((json['$defs'] ?? {}) as Record<string, JsonSchema>))
      components.schemas[name] ??= withoutEmptyRequired(definition);
    delete json['$defs'];
    return withoutEmptyRequired(json);
  };
  components.schemas['ErrorResponse'] ??= hoist(ErrorResponse);

  const paths = document['paths'] as Record<string, { post: Operation }>;
  for (const wire of wires) {
    const operation = paths[`/${wire.name}`]!.post;
    const request = operation.requestBody.content['application/json'];
    if (wire.requestEnvelope) addMissingProperties(request.schema, hoist(wire.requestEnvelope));
    const success = operation.responses['200'].content['application/json'];
    addMissingProperties(success.schema, hoist(wire.responseEnvelope));
    success.schema = { anyOf: [success.schema, { $ref: `${prefix}ErrorResponse` }] };
  }
  components.schemas = Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b)));
  return document;
}

function describe(wire: WireCapability): string {
  const kind = wire.level ? `A ${wire.level} capability` : 'A capability';
  const pages = wire.paginated ? '; the response is one page of a list: send `page.token` back for the next page' : '';
  const credentials = {
    required: 'the request carries credentials (`auth` or `credentials`)',
    optional: 'credentials are optional',
    none: 'no credentials',
    in_payload: 'credentials travel inside `request`',
  }[wire.authentication];
  return `${kind}${wire.category === 'oauth' ? ' of the OAuth flow' : ''}${pages}; ${credentials}.`;
}

/** Adds the envelope keys the document does not have yet (credentials, `execution_summary`, …), taken from the wire envelope. */
function addMissingProperties(target: JsonSchema, envelope: JsonSchema): void {
  const properties = target['properties'] as Record<string, unknown>;
  for (const [key, value] of Object.entries((envelope['properties'] ?? {}) as Record<string, unknown>)) properties[key] ??= value;
}
