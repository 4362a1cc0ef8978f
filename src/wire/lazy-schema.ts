import * as v from 'valibot';

/**
 * Wire models are built on first use: constructing all 212 at start-up costs a compiled connector
 * about 3 ms, while a connector touches a few dozen. A lazy model is an object whose schema
 * properties are own enumerable getters onto the real schema, built once, so valibot, spreading
 * (`{ ...Model.entries }`, `v.pipe(Model, …)`) and JSON Schema conversion see a normal schema.
 * The getters are an object literal, much cheaper to create than defineProperty calls; they cover
 * the properties of objects (`entries`) and unions (`key`, `options`) alike.
 */
/**
 * What a lazy model can answer without being built, because the generator knows it from the catalog
 * (an object model is always `{ kind: 'schema', type: 'object', expects: 'Object', async: false }`).
 * Valibot's wrappers read `expects` when they are created (`v.nullish(Model)` names it in its own), so
 * without this, wrapping a lazy model in `nullish` would build it.
 */
export interface KnownSchemaProperties {
  readonly kind: 'schema';
  readonly type: string;
  readonly expects: string;
  readonly async: false;
}

/** The properties every generated object model has, built or not. */
export const objectModel: KnownSchemaProperties = { kind: 'schema', type: 'object', expects: 'Object', async: false };

export function lazySchema<TSchema>(build: () => TSchema, known?: KnownSchemaProperties): TSchema {
  let real: Record<string, any> | undefined;
  const get = (): Record<string, any> => (real ??= build() as Record<string, any>);
  return {
    get kind() {
      return known ? known.kind : get()['kind'];
    },
    get type() {
      return known ? known.type : get()['type'];
    },
    get reference() {
      return get()['reference'];
    },
    get expects() {
      return known ? known.expects : get()['expects'];
    },
    get async() {
      return known ? known.async : get()['async'];
    },
    get entries() {
      return get()['entries'];
    },
    get key() {
      return get()['key'];
    },
    get options() {
      return get()['options'];
    },
    get message() {
      return get()['message'];
    },
    get '~run'() {
      return get()['~run'];
    },
    get '~standard'() {
      return get()['~standard'];
    },
    get pipe() {
      return get()['pipe'];
    },
  } as TSchema;
}

/**
 * A wire enum built on first use: exactly the keys of valibot's `picklist` (so spreading it, JSON
 * Schema conversion and key-by-key comparison see a picklist), with what the generator knows —
 * `kind`, `type`, `expects`, `async`, `options` — answered without building it. Making a picklist runs
 * valibot's `map`, `Set` and `join`, each compiled by the engine on its first call (docs/bench.md).
 */
export function lazyPicklist<const TOptions extends readonly string[]>(options: TOptions, expects: string): v.PicklistSchema<TOptions, undefined> {
  let real: v.PicklistSchema<TOptions, undefined> | undefined;
  const get = () => (real ??= v.picklist(options));
  return {
    kind: 'schema',
    type: 'picklist',
    get reference() {
      return get().reference;
    },
    expects,
    async: false,
    options,
    message: undefined,
    get '~standard'() {
      return get()['~standard'];
    },
    get '~run'() {
      return get()['~run'];
    },
  } as v.PicklistSchema<TOptions, undefined>;
}
