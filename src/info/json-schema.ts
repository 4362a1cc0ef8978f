import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { objectEntries } from '../integration/schema-introspection.ts';
import { models } from '../wire/generated/models.ts';

/** A JSON Schema document as plain JSON. */
export type JsonSchema = Record<string, unknown>;

const emptyPayload: JsonSchema = { properties: {}, title: 'Empty', type: 'object' };

/**
 * The JSON Schema of a valibot schema, with wire models as `$defs` referenced by `#/$defs/<Model>`
 * (as pydantic writes them) and only the definitions it uses.
 */
export function jsonSchemaOf(schema: v.GenericSchema, options: { refPrefix?: string; target?: 'draft-07' | 'openapi-3.0' } = {}): JsonSchema {
  // to-json-schema converts every definition it is given on every call: give it only the models
  // this schema reaches, or `info` spends tens of milliseconds converting all 212 of them.
  const definitions = reachableModels(schema);
  const converted = toJsonSchema(schema, { definitions, errorMode: 'ignore', target: options.target ?? 'draft-07' }) as JsonSchema;
  delete converted['$schema'];
  const allDefs = (converted['$defs'] ?? {}) as Record<string, JsonSchema>;
  delete converted['$defs'];
  const used = reachableDefs(converted, allDefs);
  const prefix = options.refPrefix ?? '#/$defs/';
  const out = prefix === '#/$defs/' ? converted : (rewriteRefs(converted, prefix) as JsonSchema);
  if (used.length > 0) {
    out['$defs'] = Object.fromEntries(used.map((name) => [name, prefix === '#/$defs/' ? allDefs[name] : rewriteRefs(allDefs[name], prefix)]));
  }
  return out;
}

/** The payload schema as `info` shows it: a list payload is shown as `Empty`, as in the reference. */
export function payloadSchema(schema: v.GenericSchema): JsonSchema {
  if (schema.type === 'array') return { ...emptyPayload };
  return jsonSchemaOf(schema);
}

/** An object schema's JSON Schema plus `field_order` (its keys in declaration order). */
export function withFieldOrder(schema: v.GenericSchema, key = 'field_order'): JsonSchema {
  const json = jsonSchemaOf(schema);
  json[key] = Object.keys(objectEntries(schema) ?? {});
  return json;
}

let modelNames: Map<unknown, string> | undefined;

/** The wire models a schema refers to, by name (the schema itself excluded). */
function reachableModels(root: v.GenericSchema): Record<string, v.GenericSchema> {
  modelNames ??= new Map(Object.entries(models).map(([name, model]) => [model, name]));
  const found: Record<string, v.GenericSchema> = {};
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    const name = modelNames!.get(node);
    if (name !== undefined && node !== root) found[name] = node as v.GenericSchema;
    const schema = node as Record<string, unknown>;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (schema['kind'] !== 'schema') return;
    for (const key of ['entries', 'wrapped', 'item', 'options', 'pipe', 'key', 'value', 'rest']) {
      const child = schema[key];
      if (key === 'entries' && child) Object.values(child).forEach(visit);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

function reachableDefs(root: unknown, defs: Record<string, JsonSchema>): string[] {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/')) {
          const name = value.slice('#/$defs/'.length);
          if (!seen.has(name) && defs[name]) {
            seen.add(name);
            visit(defs[name]);
          }
        } else {
          visit(value);
        }
      }
    }
  };
  visit(root);
  return [...seen].sort();
}

/** Rewrites `#/$defs/X` references to another prefix (OpenAPI wants `#/components/schemas/X`). */
export function rewriteRefs(node: unknown, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, prefix));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith('#/$defs/') ? prefix + value.slice('#/$defs/'.length) : rewriteRefs(value, prefix);
  }
  return out;
}

/** Sorts object keys at every level, as `info` prints them. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  return out;
}
