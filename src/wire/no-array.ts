import * as v from 'valibot';

/** Each schema `noArray` made, with the schema it wraps and the `~run` it was given. */
const wrappedSchemas = new WeakMap<object, { schema: v.GenericSchema; run: unknown }>();

/**
 * Makes an object or record schema reject arrays, as pydantic does: valibot's `object` and `record`
 * accept any non-null object, so `"page": []` would otherwise pass as an empty page.
 * The schema keeps its own properties (`entries`, `type`), so introspection and JSON Schema see it unchanged.
 */
export function noArray<TSchema extends v.GenericSchema>(schema: TSchema): TSchema {
  const run = schema['~run'];
  const wrapped = {
    ...schema,
    '~run'(dataset: v.UnknownDataset, config: v.Config<v.BaseIssue<unknown>>) {
      if (Array.isArray(dataset.value)) {
        v._addIssue(this, 'type', dataset, config, { expected: 'Object', received: 'Array' });
        return dataset as unknown as v.OutputDataset<unknown, v.BaseIssue<unknown>>;
      }
      return run.call(this, dataset, config);
    },
  };
  // The Standard Schema entry point must call the wrapped run, not the original one.
  (wrapped as { '~standard': unknown })['~standard'] = {
    version: 1,
    vendor: 'valibot',
    validate: (value: unknown) => wrapped['~run']({ value }, v.getGlobalConfig()),
  } as TSchema['~standard'];
  wrappedSchemas.set(wrapped, { schema, run: wrapped['~run'] });
  return wrapped as TSchema;
}

/**
 * The schema `noArray` wrapped, when `schema` is one it made and still runs its `~run` (so the fast
 * check may read it as "that schema, and not an array"); undefined otherwise.
 */
export function noArrayWrapped(schema: unknown): v.GenericSchema | undefined {
  const known = wrappedSchemas.get(schema as object);
  return known && (schema as v.GenericSchema)['~run'] === known.run ? known.schema : undefined;
}
