import { describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import * as v from 'valibot';
import { noArray } from '../wire/no-array.ts';
import { emitCheck, fastCheck, generatedCheckCount, hasCompiledCheck, schemaSignature, useCompiledCheck, type CompiledCheckFactory } from './fast-check.ts';
import { seededRandom as random } from '../../test/support/seeded-random.ts';

type AnySchema = Record<string, any>;

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const isOptionalEntry = (entry: AnySchema) => entry['type'] === 'optional' || entry['type'] === 'nullish' || entry['type'] === 'exact_optional';

/** Any JSON-like value, for `unknown` and `any`. */
function anything(rng: () => number, depth: number): unknown {
  const roll = rng();
  if (depth > 2 || roll < 0.5) return pick(rng, ['text', 0, -1.5, true, false, null, '']);
  if (roll < 0.75) return Array.from({ length: Math.floor(rng() * 3) }, () => anything(rng, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(rng() * 3) }, (_, index) => [`k${index}`, anything(rng, depth + 1)]));
}

/** A value the schema accepts (most of the time: pipes with a regex or a length limit are not sampled to match). */
function sample(schema: AnySchema, rng: () => number, depth = 0): unknown {
  switch (schema['type']) {
    case 'string':
      return pick(rng, ['ada', 'user@example.com', '', 'Ünïcode ✓', '2026-01-02T03:04:05Z', 'https://example.com/a']);
    case 'number':
      return (schema['pipe'] as AnySchema[] | undefined)?.some((item) => item['type'] === 'integer') ? Math.floor(rng() * 1000) : pick(rng, [0, 1, -2.5, 1e6]);
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    case 'literal':
      return schema['literal'];
    case 'picklist':
      return pick(rng, schema['options'] as unknown[]);
    case 'unknown':
    case 'any':
      return anything(rng, depth);
    case 'object':
    case 'loose_object':
    case 'strict_object': {
      const value: Record<string, unknown> = {};
      for (const [key, entry] of Object.entries(schema['entries'] as Record<string, AnySchema>)) {
        if (isOptionalEntry(entry) && (depth > 3 || rng() < 0.3)) continue;
        value[key] = sample(entry, rng, depth + 1);
      }
      if (schema['type'] === 'loose_object' && rng() < 0.5) value['loose_extra'] = 'kept';
      return value;
    }
    case 'record':
      return Object.fromEntries(
        Array.from({ length: depth > 3 ? 0 : Math.floor(rng() * 3) }, () => [sample(schema['key'], rng, depth + 1), sample(schema['value'], rng, depth + 1)]),
      );
    case 'array':
      return Array.from({ length: depth > 3 ? 0 : Math.floor(rng() * 4) }, () => sample(schema['item'], rng, depth + 1));
    case 'nullable':
      return rng() < 0.3 ? null : sample(schema['wrapped'], rng, depth);
    case 'nullish':
      return rng() < 0.2 ? null : rng() < 0.1 ? undefined : sample(schema['wrapped'], rng, depth);
    case 'optional':
      return rng() < 0.2 ? undefined : sample(schema['wrapped'], rng, depth);
    case 'exact_optional':
      return sample(schema['wrapped'], rng, depth);
    case 'union':
    case 'variant':
      return sample(pick(rng, schema['options'] as AnySchema[]), rng, depth);
    case 'lazy':
      return depth > 3 ? null : sample(schema['getter'](undefined), rng, depth + 1);
    default:
      throw new Error(`the sampler does not know schemas of type ${schema['type']}`);
  }
}

class Thing {
  constructor(fields: object) {
    Object.assign(this, fields);
  }
}

/** Every place inside a value where a mutation can land, with a way to replace what is there. */
function places(value: unknown): { get: () => unknown; set: (next: unknown) => void }[] {
  const found: { get: () => unknown; set: (next: unknown) => void }[] = [];
  let root = value;
  found.push({ get: () => root, set: (next) => (root = next) });
  const walk = (parent: unknown) => {
    if (typeof parent !== 'object' || parent === null) return;
    for (const key of Object.keys(parent)) {
      const container = parent as Record<string, unknown>;
      found.push({ get: () => container[key], set: (next) => (container[key] = next) });
      walk(container[key]);
    }
  };
  walk(value);
  return found;
}

const mutations: Record<string, (target: unknown, rng: () => number) => unknown> = {
  'a wrong type': (_target, rng) => pick(rng, [42, 'x', true, null, undefined, NaN, -0, [], {}, new Date(0), () => 1, Symbol('s'), 10n]),
  'a missing key': (target) => {
    const keys = isPlain(target) ? Object.keys(target) : [];
    if (keys.length > 0) delete (target as Record<string, unknown>)[keys[0] as string];
    return target;
  },
  'an extra key': (target) => (isPlain(target) ? { ...target, surprise: 1 } : target),
  'an array for an object': (target) => (isPlain(target) ? [target] : target),
  'an object for an array': (target) => (Array.isArray(target) ? { ...target } : target),
  'a class instance': (target) => (isPlain(target) ? new Thing(target) : target),
  'a null-prototype object': (target) => (isPlain(target) ? Object.assign(Object.create(null), target) : target),
  'an inherited key': (target) => {
    const keys = isPlain(target) ? Object.keys(target) : [];
    if (keys.length === 0) return target;
    const [first, ...rest] = keys as [string, ...string[]];
    const record = target as Record<string, unknown>;
    const child = Object.create({ [first]: record[first] });
    for (const key of rest) child[key] = record[key];
    return child;
  },
  'an own __proto__ key': (target) => (isPlain(target) ? Object.assign(JSON.parse('{"__proto__": "x"}'), target) : target),
  'an own constructor key': (target) => (isPlain(target) ? { ...target, constructor: 'x' } : target),
  'a hole in an array': (target) => {
    if (!Array.isArray(target)) return target;
    const holed = [...target];
    holed.length += 1;
    if (holed.length > 1) delete holed[0];
    return holed;
  },
  'a getter': (target) => {
    const keys = isPlain(target) ? Object.keys(target) : [];
    if (keys.length === 0) return target;
    const key = keys[0] as string;
    const held = (target as Record<string, unknown>)[key];
    Object.defineProperty(target, key, { get: () => held, enumerable: true, configurable: true });
    return target;
  },
  'a throwing getter': (target) => {
    if (!isPlain(target)) return target;
    Object.defineProperty(target, Object.keys(target)[0] ?? 'x', {
      get: () => {
        throw new Error('no');
      },
      enumerable: true,
      configurable: true,
    });
    return target;
  },
  'a non-enumerable key': (target) => {
    const keys = isPlain(target) ? Object.keys(target) : [];
    if (keys.length > 0) Object.defineProperty(target, keys[0] as string, { enumerable: false });
    return target;
  },
  'an own undefined': (target) => {
    if (isPlain(target)) (target as Record<string, unknown>)['email'] = undefined;
    return target;
  },
  'a subclassed array': (target) => (Array.isArray(target) ? Object.setPrototypeOf([...target], class extends Array {}.prototype) : target),
};

function isPlain(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Same own enumerable keys (or indexes, holes included) holding the same values; `null` and `Object.prototype` count as one prototype. */
function sameStructure(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    return a.every((_, index) => index in b) && b.every((_, index) => index in a) && Array.from(a).every((item, index) => sameStructure(item, b[index]));
  }
  const prototype = (value: object) => Object.getPrototypeOf(value) ?? Object.prototype;
  if (prototype(a) !== prototype(b)) return false;
  const keysA = Object.keys(a).sort();
  const keysB = Object.keys(b).sort();
  return (
    keysA.length === keysB.length &&
    keysA.every((key, index) => key === keysB[index] && sameStructure((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

interface Tally {
  validTrue: number;
  valid: number;
  mutatedTrue: number;
  violations: string[];
}

/** The contract: true ⇒ `v.safeParse` succeeds with an output structurally the same as the input. */
function checkOne(name: string, schema: v.GenericSchema, value: unknown, label: string, tally: Tally): boolean {
  const said = fastCheck(schema)(value);
  if (!said) return false;
  let parsed: v.SafeParseResult<v.GenericSchema>;
  try {
    parsed = v.safeParse(schema, value);
  } catch (error) {
    tally.violations.push(`${name}, ${label}: said true, and valibot threw ${error}`);
    return true;
  }
  if (!parsed.success) tally.violations.push(`${name}, ${label}: said true, valibot says ${parsed.issues[0].message}`);
  else if (!sameStructure(parsed.output, value)) tally.violations.push(`${name}, ${label}: said true, valibot's output differs from the input`);
  return true;
}

function differential(name: string, schema: v.GenericSchema, seed: number, tally: Tally, count = 12): void {
  const rng = random(seed);
  const mutationNames = Object.keys(mutations);
  for (let round = 0; round < count; round++) {
    const valid = sample(schema as AnySchema, rng);
    tally.valid++;
    if (checkOne(name, schema, valid, `seed ${seed} round ${round} valid`, tally)) tally.validTrue++;
    for (const mutation of mutationNames) {
      const value = structuredClone(sample(schema as AnySchema, random(seed + round)));
      const spots = places(value);
      const spot = pick(rng, spots);
      spot.set(mutations[mutation]!(spot.get(), rng));
      if (checkOne(name, schema, spots[0]!.get(), `seed ${seed} round ${round}, ${mutation}`, tally)) tally.mutatedTrue++;
    }
  }
}

const capabilityFolder = `${import.meta.dir}/../wire/generated/capability`;
const capabilityModules = readdirSync(capabilityFolder)
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .sort();

const Account = v.object({
  id: v.string(),
  email: v.string(),
  first_name: v.nullish(v.string()),
  last_name: v.nullish(v.string()),
  username: v.nullish(v.string()),
  active: v.boolean(),
});

/** Schemas as connectors write them, reaching every node kind the check compiles and several it must leave to valibot. */
const connectorSchemas: Record<string, v.GenericSchema> = {
  'a page of users': v.object({ items: v.array(Account), next_cursor: v.nullable(v.string()) }),
  'a loose object': v.looseObject({ id: v.string(), tags: v.optional(v.array(v.string())) }),
  'a strict object': v.strictObject({ id: v.string(), score: v.nullable(v.number()) }),
  'a record over a picklist': v.record(v.picklist(['a', 'b']), v.number()),
  'a record of emails': v.record(v.string(), v.pipe(v.string(), v.email())),
  'validations and metadata': v.object({
    id: v.pipe(v.string(), v.minLength(2), v.title('Id'), v.description('The id')),
    count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
  defaults: v.object({ size: v.optional(v.number(), 5), name: v.nullish(v.string(), 'x'), flag: v.nullable(v.boolean(), false) }),
  'a transformation': v.object({ name: v.pipe(v.string(), v.trim()) }),
  'a fallback': v.object({ name: v.fallback(v.string(), 'unnamed') }),
  'unions and variants': v.object({
    kind: v.union([v.literal('a'), v.literal(1)]),
    shape: v.variant('type', [v.object({ type: v.literal('x') }), v.object({ type: v.literal('y'), n: v.number() })]),
  }),
  'exact optionals, any, literals, optional items': v.object({
    nick: v.exactOptional(v.string()),
    blob: v.any(),
    on: v.literal(true),
    names: v.array(v.optional(v.string())),
  }),
  'keys Object.prototype has': v.object({ constructor: v.optional(v.string()), toString: v.optional(v.unknown()), valueOf: v.nullish(v.number()) }),
  'a lazy tree': v.object({ name: v.string(), child: v.nullable(v.lazy((): v.GenericSchema => v.object({ name: v.string() }))) }),
  'noArray around a pipe': noArray(v.pipe(v.object({ a: v.nullish(noArray(v.record(v.string(), v.string()))) }), v.metadata({ title: 'A' }))),
  'more than 31 entries': v.object(
    Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`k${index}`, index % 2 ? v.optional(v.string()) : v.number()])),
  ),
};

describe('fastCheck agrees with valibot', () => {
  test('on every request and response of the generated wire, valid and mutated', async () => {
    const tally: Tally = { validTrue: 0, valid: 0, mutatedTrue: 0, violations: [] };
    let seed = 1;
    for (const file of capabilityModules) {
      const module = (await import(`${capabilityFolder}/${file}`)) as Record<string, unknown>;
      for (const [name, schema] of Object.entries(module)) {
        if (typeof schema !== 'object' || schema === null || (schema as AnySchema)['kind'] !== 'schema') continue;
        differential(`${file} ${name}`, schema as v.GenericSchema, seed++, tally);
      }
    }
    expect(tally.violations).toEqual([]);
    // The check is useless if it says no to valid wire data: only pipes with a regex and unions fall back.
    expect(tally.validTrue / tally.valid).toBeGreaterThan(0.75);
    expect(tally.mutatedTrue).toBeGreaterThan(0);
  });

  test('on connector-style schemas, valid and mutated', () => {
    const tally: Tally = { validTrue: 0, valid: 0, mutatedTrue: 0, violations: [] };
    let seed = 1000;
    for (const [name, schema] of Object.entries(connectorSchemas)) differential(name, schema, seed++, tally, 30);
    expect(tally.violations).toEqual([]);
    expect(tally.validTrue).toBeGreaterThan(tally.valid / 2);
  });

  test('a key Object.prototype gained since the check was built is left to valibot', () => {
    const schema = v.object({ id: v.string(), polluted_key: v.optional(v.string()) });
    expect(fastCheck(schema)({ id: 'a' })).toBe(true);
    Object.defineProperty(Object.prototype, 'polluted_key', { value: 'inherited', enumerable: true, configurable: true, writable: true });
    try {
      // valibot reads the inherited value into its output, so the input is not the output.
      expect(v.safeParse(schema, { id: 'a' }).output).toEqual({ id: 'a', polluted_key: 'inherited' });
      expect(fastCheck(schema)({ id: 'a' })).toBe(false);
      // A strict object refuses an inherited enumerable key that is not an entry (its entries have no
      // prototype here, or valibot would meet the polluted key among them too).
      const strict = v.strictObject(Object.assign(Object.create(null), { id: v.string() }) as { id: v.StringSchema<undefined> });
      expect(v.safeParse(strict, { id: 'a' }).success).toBe(false);
      expect(fastCheck(strict)({ id: 'a' })).toBe(false);
      // While Object.prototype differs from when the checks were built, every value is left to valibot.
      expect(v.safeParse(strict, Object.assign(Object.create(null), { id: 'a' })).success).toBe(true);
      expect(fastCheck(strict)(Object.assign(Object.create(null), { id: 'a' }))).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['polluted_key'];
    }
    expect(fastCheck(schema)({ id: 'a' })).toBe(true);
  });

  test('an extra own key cannot hide behind an entry that is inherited or not enumerable', () => {
    const schema = v.object({ id: v.string(), email: v.optional(v.string()) });
    const check = fastCheck(schema);
    expect(check({ id: 'a', email: 'e' })).toBe(true);
    // Same number of own keys as entries present, but one of them is not an entry.
    const hidden = Object.defineProperty({ id: 'a', extra: 'x' }, 'email', { value: 'e', enumerable: false });
    expect(v.safeParse(schema, hidden).output).toEqual({ id: 'a', email: 'e' });
    expect(check(hidden)).toBe(false);
    Object.defineProperty(Object.prototype, 'email', { value: 'inherited', enumerable: false, configurable: true, writable: true });
    try {
      expect(v.safeParse(schema, { id: 'a', extra: 'x' }).output).toEqual({ id: 'a', email: 'inherited' });
      expect(check({ id: 'a', extra: 'x' })).toBe(false);
    } finally {
      delete (Object.prototype as Record<string, unknown>)['email'];
    }
  });
});

describe('fastCheck says yes where it pays', () => {
  const account = (index: number) => {
    const n = String(index).padStart(6, '0');
    return {
      integration_specific_id: `u${n}`,
      email: `user${n}@example.com`,
      given_name: `Given${n}`,
      family_name: index % 3 ? `Family${n}` : null,
      username: `user${n}`,
      user_status: index % 7 ? 'ACTIVE' : 'SUSPENDED',
      account_type: 'user',
    };
  };

  test("a page of 1,000 accounts as a handler builds it passes list_accounts' response, and is valid for valibot", async () => {
    const { response } = await import('../wire/generated/capability/list_accounts.ts');
    const page = Array.from({ length: 1000 }, (_, index) => account(index));
    expect(fastCheck(response)(page)).toBe(true);
    expect(v.safeParse(response, page).output).toEqual(page);
    expect(fastCheck(response)([...page, { ...account(1), user_status: 'GONE' }])).toBe(false);
  });

  test("a page the app answered (parsed JSON) passes the connector's own schema", () => {
    const schema = connectorSchemas['a page of users']!;
    const body = JSON.parse(
      JSON.stringify({
        items: Array.from({ length: 1000 }, (_, index) => ({
          id: `u${index}`,
          email: `u${index}@example.com`,
          first_name: 'A',
          last_name: null,
          username: 'u',
          active: true,
        })),
        next_cursor: 'c1000',
      }),
    );
    expect(fastCheck(schema)(body)).toBe(true);
    expect(fastCheck(schema)({ ...body, next_cursor: 5 })).toBe(false);
  });

  test('the predicate is built once per schema object', () => {
    const schema = v.object({ id: v.string() });
    expect(fastCheck(schema)).toBe(fastCheck(schema));
    expect(fastCheck(schema)).not.toBe(fastCheck(v.object({ id: v.string() })));
  });
});

describe('fastCheck trusts only valibot', () => {
  test('a schema whose ~run was replaced is run as it is, not read as the schema it copies', () => {
    const anyString = { ...v.string(), '~run': (dataset: { typed?: boolean }) => Object.assign(dataset, { typed: true }) } as unknown as v.GenericSchema;
    // This wrapper accepts a number; the check must not say "not a string, so false" either, it must ask the wrapper.
    expect(v.safeParse(anyString, 5).success).toBe(true);
    expect(fastCheck(anyString)(5)).toBe(true);
    const borrowed = { ...v.string(), '~run': v.number()['~run'] } as v.GenericSchema;
    expect(fastCheck(borrowed)('text')).toBe(false);
    expect(fastCheck(borrowed)(5)).toBe(true);
    expect(v.safeParse(borrowed, 5).success).toBe(true);
  });

  test('an object wrapper with its own ~run is never taken for a plain object: its output is a new object, so the answer is no', () => {
    const plain = v.object({ id: v.string() });
    const wrapped = { ...plain, '~run': plain['~run'].bind(plain) } as v.GenericSchema;
    expect(fastCheck(plain)({ id: 'a' })).toBe(true);
    expect(fastCheck(wrapped)({ id: 'a' })).toBe(false);
  });

  test('noArray is read as the schema it wraps, and not an array; a copy of it, or one whose ~run was replaced, is not', () => {
    const entries = { id: v.string() };
    const objectOnly = noArray(v.object(entries));
    expect(fastCheck(objectOnly)({ id: 'a' })).toBe(true);
    const withKeys = Object.assign([], { id: 'a' });
    expect(v.safeParse(v.object(entries), withKeys).success).toBe(true);
    expect(fastCheck(objectOnly)(withKeys)).toBe(false);
    // An array made to look like a plain object (its prototype swapped) is still an array: its own `length` is never an entry.
    const disguised = Object.setPrototypeOf(Object.assign([], { id: 'a' }), Object.prototype);
    expect(Array.isArray(disguised)).toBe(true);
    expect(fastCheck(objectOnly)(disguised)).toBe(false);
    expect(fastCheck(noArray(v.object({ length: v.number() })))(disguised)).toBe(false);
    expect(fastCheck({ ...objectOnly })({ id: 'a' })).toBe(false);
    const replaced = noArray(v.object(entries));
    (replaced as { '~run': unknown })['~run'] = v.number()['~run'];
    expect(v.safeParse(replaced, { id: 'a' }).success).toBe(false);
    expect(fastCheck(replaced)({ id: 'a' })).toBe(false);
  });

  test('an async schema is never said to pass', () => {
    expect(fastCheck(v.objectAsync({ id: v.string() }) as unknown as v.GenericSchema)({ id: 'a' })).toBe(false);
    expect(
      fastCheck(
        v.object({
          id: v.pipeAsync(
            v.string(),
            v.checkAsync(async () => true),
          ) as unknown as v.GenericSchema,
        }),
      )({ id: 'a' }),
    ).toBe(false);
  });
});

describe('compiled checks, written ahead of time', () => {
  const User = v.object({ id: v.string(), email: v.nullish(v.pipe(v.string(), v.email())), role: v.picklist(['admin', 'member']) });
  const factoryOf = (schema: v.GenericSchema): { factory: CompiledCheckFactory; keys: string[] } => {
    const { source, keys } = emitCheck(schema);
    return { factory: new Function(`return ${source}`)() as CompiledCheckFactory, keys };
  };
  /** How many check functions the run-time generator compiled while `run` ran. */
  const compilations = (run: () => void): number => {
    const before = generatedCheckCount();
    run();
    return generatedCheckCount() - before;
  };

  test('a schema given its written check is checked by it: nothing generated or compiled, the same answers as valibot', () => {
    const schema = v.array(User);
    const { factory, keys } = factoryOf(schema);
    expect(keys).toEqual(['email', 'id', 'role']);
    useCompiledCheck(schema, factory, keys);
    expect(hasCompiledCheck(schema)).toBe(true);
    const good = [
      { id: 'a', email: 'a@example.com', role: 'admin' },
      { id: 'b', role: 'member' },
    ];
    const answers: boolean[] = [];
    const count = compilations(() => {
      answers.push(fastCheck(schema)(good));
      answers.push(fastCheck(schema)([{ id: 'a', role: 'owner' }]));
      answers.push(fastCheck(schema)([{ id: 'a', email: 'not an email', role: 'admin' }]));
      answers.push(fastCheck(schema)([{ id: 'a', role: 'admin', extra: 1 }]));
    });
    expect(count).toBe(0);
    expect(answers).toEqual([true, false, false, false]);
    expect(v.safeParse(schema, good).success).toBe(true);
  });

  test('a schema that contains one is checked through it', () => {
    const Item = v.object({ id: v.string() });
    const list = v.array(Item);
    const { factory, keys } = factoryOf(list);
    useCompiledCheck(list, factory, keys);
    const wrapper = v.object({ items: list, next: v.nullable(v.string()) });
    expect(fastCheck(wrapper)({ items: [{ id: 'a' }], next: null })).toBe(true);
    expect(fastCheck(wrapper)({ items: [{ id: 1 }], next: null })).toBe(false);
  });

  test('a written check counting an entry Object.prototype has, from before any check was made, is not used', async () => {
    // Written here, where Object.prototype is clean; used in a fresh process where it was polluted
    // before the first check, so no later change gives it away.
    const { source, keys } = emitCheck(v.array(v.object({ polluted: v.optional(v.string()), id: v.string() })));
    const script = `
      import * as v from 'valibot';
      import { fastCheck, useCompiledCheck } from ${JSON.stringify(`${import.meta.dir}/fast-check.ts`)};
      Object.defineProperty(Object.prototype, 'polluted', { value: 'inherited', configurable: true, writable: true });
      const schema = v.array(v.object({ polluted: v.optional(v.string()), id: v.string() }));
      useCompiledCheck(schema, new Function(${JSON.stringify(`return ${source}`)})(), ${JSON.stringify(keys)});
      // valibot reads the inherited value into its output: the input is not the output.
      // An extra own key beside the inherited entry: as many own keys as entries present.
      const value = [{ id: 'a', extra: 1 }];
      console.log(JSON.stringify([fastCheck(schema)(value), v.safeParse(schema, value).output]));
    `;
    const child = Bun.spawn([process.execPath, '-e', script], { cwd: import.meta.dir, stdout: 'pipe', stderr: 'inherit' });
    expect(JSON.parse(await new Response(child.stdout).text())).toEqual([false, [{ polluted: 'inherited', id: 'a' }]]);
    expect(await child.exited).toBe(0);
  });

  test('a schema built differently than the one its check was written for is not given it', () => {
    const make = (extra: boolean): v.GenericSchema =>
      v.array(v.object({ id: v.string(), ...(extra ? { admin: v.boolean() } : {}), role: v.picklist(extra ? ['a', 'b'] : ['a']) }) as v.GenericSchema);
    expect(schemaSignature(make(false))).toBe(schemaSignature(make(false)));
    expect(schemaSignature(make(true))).not.toBe(schemaSignature(make(false)));
    expect(schemaSignature(v.object({ n: v.pipe(v.number(), v.integer()) }))).not.toBe(schemaSignature(v.object({ n: v.pipe(v.number(), v.minValue(0)) })));
    expect(schemaSignature(v.object({ a: v.optional(v.string()) }))).not.toBe(schemaSignature(v.object({ a: v.optional(v.string(), 'x') })));
    // Written for the schema without `admin`, given to the one with it: the generator's check is used instead.
    const { factory, keys } = factoryOf(make(false));
    const schema = make(true);
    useCompiledCheck(schema, factory, keys, schemaSignature(make(false)));
    expect(hasCompiledCheck(schema)).toBe(false);
    const item = { id: 'a', admin: true, role: 'b' };
    let answer = false;
    expect(compilations(() => (answer = fastCheck(schema)([item])))).toBeGreaterThan(0);
    expect(answer).toBe(true);
    expect(v.safeParse(schema, [item]).success).toBe(true);
  });

  test("the wire's list responses and the page token come with theirs", async () => {
    const { Page } = await import('../wire/generated/capability/common.ts');
    expect(hasCompiledCheck(Page)).toBe(true);
    for (const file of capabilityModules) {
      const module = (await import(`${capabilityFolder}/${file}`)) as { response?: v.GenericSchema };
      if (module.response) expect({ file, compiled: hasCompiledCheck(module.response) }).toEqual({ file, compiled: module.response.type === 'array' });
    }
  });
});
