/**
 * Wire models are built on first use: constructing all 212 at start-up costs a compiled connector
 * about 3 ms, while a connector touches a few dozen. A lazy model is an object whose schema
 * properties are own enumerable getters onto the real schema, built once, so valibot, spreading
 * (`{ ...Model.entries }`, `v.pipe(Model, …)`) and JSON Schema conversion see a normal schema.
 * The getters are written as object literals: much cheaper to create than defineProperty calls.
 */

type Real = Record<string, any>;

const memo = (build: () => unknown): (() => Real) => {
  let real: Real | undefined;
  return () => (real ??= build() as Real);
};

/** A lazily built object model (`noArray(v.pipe(v.object(…), v.metadata(…)))`). */
export function lazyObject<TSchema>(build: () => TSchema): TSchema {
  const get = memo(build);
  return {
    get kind() { return get()['kind']; },
    get type() { return get()['type']; },
    get reference() { return get()['reference']; },
    get expects() { return get()['expects']; },
    get async() { return get()['async']; },
    get entries() { return get()['entries']; },
    get message() { return get()['message']; },
    get '~run'() { return get()['~run']; },
    get '~standard'() { return get()['~standard']; },
    get pipe() { return get()['pipe']; },
  } as TSchema;
}

/** A lazily built discriminated union (`v.pipe(v.variant(…), v.metadata(…))`). */
export function lazyVariant<TSchema>(build: () => TSchema): TSchema {
  const get = memo(build);
  return {
    get kind() { return get()['kind']; },
    get type() { return get()['type']; },
    get reference() { return get()['reference']; },
    get expects() { return get()['expects']; },
    get async() { return get()['async']; },
    get key() { return get()['key']; },
    get options() { return get()['options']; },
    get message() { return get()['message']; },
    get '~run'() { return get()['~run']; },
    get '~standard'() { return get()['~standard']; },
    get pipe() { return get()['pipe']; },
  } as TSchema;
}

/** A lazily built union (`v.pipe(v.union(…), v.metadata(…))`). */
export function lazyUnion<TSchema>(build: () => TSchema): TSchema {
  const get = memo(build);
  return {
    get kind() { return get()['kind']; },
    get type() { return get()['type']; },
    get reference() { return get()['reference']; },
    get expects() { return get()['expects']; },
    get async() { return get()['async']; },
    get options() { return get()['options']; },
    get message() { return get()['message']; },
    get '~run'() { return get()['~run']; },
    get '~standard'() { return get()['~standard']; },
    get pipe() { return get()['pipe']; },
  } as TSchema;
}
