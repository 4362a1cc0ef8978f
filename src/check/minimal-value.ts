/** A JSON Schema as `info` prints it. */
export type JsonSchema = Record<string, any>;

/**
 * The smallest value a JSON Schema accepts: required properties only, the first enum value, the
 * non-null branch of a union, a schema's default where it has one. Strings are `check-<name>`, so
 * a test can tell them apart; values the check cannot guess (ids, settings) come from the fixture.
 */
export function minimalValue(schema: JsonSchema, root: JsonSchema = schema, name = 'value', depth = 0): unknown {
  if (depth > 32) return null;
  const resolved = resolveRef(schema, root);
  if ('default' in resolved) return resolved['default'];
  if ('const' in resolved) return resolved['const'];
  if (Array.isArray(resolved['enum'])) return resolved['enum'][0];
  const union = resolved['anyOf'] ?? resolved['oneOf'];
  if (Array.isArray(union)) {
    const branch = union.find((item: JsonSchema) => resolveRef(item, root)['type'] !== 'null') ?? union[0];
    return minimalValue(branch, root, name, depth + 1);
  }
  if (Array.isArray(resolved['allOf']) && resolved['allOf'].length > 0) return minimalValue(resolved['allOf'][0], root, name, depth + 1);
  const type = Array.isArray(resolved['type']) ? resolved['type'].find((t: string) => t !== 'null') : resolved['type'];
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = (resolved['properties'] ?? {}) as Record<string, JsonSchema>;
      for (const key of (resolved['required'] ?? []) as string[]) {
        if (properties[key]) out[key] = minimalValue(properties[key], root, key, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: resolved['minItems'] ?? 0 }, () => minimalValue(resolved['items'] ?? {}, root, name, depth + 1));
    case 'string':
      return stringFor(resolved, name);
    case 'integer':
    case 'number':
      return resolved['minimum'] ?? (resolved['exclusiveMinimum'] !== undefined ? resolved['exclusiveMinimum'] + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** Follows a local `$ref` (`#/$defs/X`, `#/definitions/X`). */
export function resolveRef(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current?.['$ref'] === 'string' && hops < 16; hops++) {
    const path = (current['$ref'] as string).replace(/^#\/?/, '').split('/').filter(Boolean);
    let target: any = root;
    for (const part of path) target = target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (target === undefined) return {};
    current = target;
  }
  return current ?? {};
}

function stringFor(schema: JsonSchema, name: string): string {
  switch (schema['format']) {
    case 'date-time':
      return '2026-01-01T00:00:00Z';
    case 'date':
      return '2026-01-01';
    case 'email':
      return 'check@example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/check';
    default:
      return `check-${name}`.slice(0, Math.max(schema['maxLength'] ?? 64, 1)).padEnd(schema['minLength'] ?? 0, 'x');
  }
}
