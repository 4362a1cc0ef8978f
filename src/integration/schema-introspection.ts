import type * as v from 'valibot';

type AnySchema = v.BaseSchema<unknown, unknown, v.BaseIssue<unknown>>;
type Introspectable = AnySchema & { pipe?: readonly unknown[]; wrapped?: AnySchema; entries?: Record<string, AnySchema> };

/** The schema under `optional`/`nullish`/`nullable` wrappers and at the head of a pipe. */
export function unwrapSchema(schema: AnySchema): AnySchema {
  let current = schema as Introspectable;
  for (let depth = 0; depth < 8; depth++) {
    if (current.wrapped) current = current.wrapped as Introspectable;
    else if (current.pipe && current.pipe[0] !== current) current = current.pipe[0] as Introspectable;
    else break;
  }
  return current;
}

/** The entries of an object schema (looking through wrappers and pipes), or undefined for any other schema. */
export function objectEntries(schema: AnySchema): Record<string, AnySchema> | undefined {
  const inner = unwrapSchema(schema) as Introspectable;
  return inner.type === 'object' || inner.type === 'loose_object' || inner.type === 'strict_object' ? inner.entries : undefined;
}

/** Metadata, title and description gathered from a schema's pipes, wrappers included. */
export function schemaMetadata(schema: AnySchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let current: Introspectable | undefined = schema as Introspectable;
  for (let depth = 0; current && depth < 8; depth++) {
    const pipe = current.pipe ?? [];
    for (let index = 0; index < pipe.length; index++) {
      const action = pipe[index] as { kind?: string; type?: string; metadata?: Record<string, unknown>; title?: string; description?: string };
      if (action.kind !== 'metadata') continue;
      if (action.type === 'metadata' && action.metadata) Object.assign(out, action.metadata);
      if (action.type === 'title') out['title'] = action.title;
      if (action.type === 'description') out['description'] = action.description;
    }
    current = (current.wrapped ?? (current.pipe && current.pipe[0] !== current ? current.pipe[0] : undefined)) as Introspectable | undefined;
  }
  return out;
}

/** Whether an object entry must be present: not optional, nullish or with a default. */
export function isRequiredEntry(schema: AnySchema): boolean {
  let current = schema as Introspectable;
  for (let depth = 0; depth < 8; depth++) {
    if (current.type === 'optional' || current.type === 'nullish' || current.type === 'exact_optional') return false;
    if (current.pipe && current.pipe[0] !== current) current = current.pipe[0] as Introspectable;
    else break;
  }
  return true;
}

const secretKeysOf = new WeakMap<AnySchema, string[]>();

/** The keys of an object schema whose fields are marked secret (`x-secret`); worked out once per schema. */
export function secretKeys(schema: AnySchema | undefined): readonly string[] {
  if (!schema) return [];
  let keys = secretKeysOf.get(schema);
  if (keys === undefined) {
    keys = [];
    const entries = objectEntries(schema);
    for (const key in entries) if (schemaMetadata(entries[key]!)['x-secret'] === true) keys.push(key);
    secretKeysOf.set(schema, keys);
  }
  return keys;
}
