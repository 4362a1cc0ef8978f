/**
 * Wire models are built on first use: constructing all 212 at start-up costs a compiled connector
 * about 3 ms, while a connector touches a few dozen. A lazy model is an object whose schema
 * properties are own enumerable getters onto the real schema, built once, so valibot, spreading
 * (`{ ...Model.entries }`, `v.pipe(Model, …)`) and JSON Schema conversion see a normal schema.
 * The getters are an object literal, much cheaper to create than defineProperty calls; they cover
 * the properties of objects (`entries`) and unions (`key`, `options`) alike.
 */
export function lazySchema<TSchema>(build: () => TSchema): TSchema {
  let real: Record<string, any> | undefined;
  const get = (): Record<string, any> => (real ??= build() as Record<string, any>);
  return {
    get kind() {
      return get()['kind'];
    },
    get type() {
      return get()['type'];
    },
    get reference() {
      return get()['reference'];
    },
    get expects() {
      return get()['expects'];
    },
    get async() {
      return get()['async'];
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
