import * as v from 'valibot';

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
  return wrapped as TSchema;
}
