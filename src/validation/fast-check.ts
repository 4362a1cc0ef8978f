import * as v from 'valibot';
import { noArrayWrapped } from '../wire/no-array.ts';

/** A predicate that may say a value passes a schema unchanged; false means only "run `v.safeParse`". */
export type FastCheck = (value: unknown) => boolean;

// Schemas are read structurally here: any property may be missing or foreign.
type Node = Record<string, any>;
type Factory = (...args: any[]) => unknown;

const predicates = new WeakMap<object, FastCheck>();

/**
 * Where the compiled check starts to pay. Building it costs 0.7–1.4 ms cold (valibot's own schemas
 * made once to recognise its methods, the generated code compiled), so a small value is cheaper to
 * check with valibot alone: a `validate_credentials` call was 2.5 ms slower with it, a page of 100
 * no faster, a page of 1,000 5 ms faster (docs/bench.md). `dispatch` uses it for a list result of
 * at least this many items; the HTTP kit for an answer of at least {@link fastCheckMinBytes} bytes.
 */
export const fastCheckMinItems = 256;

/** The HTTP kit's threshold: about 256 records of a typical API's users. */
export const fastCheckMinBytes = 32 * 1024;

/**
 * `v.safeParse(schema, value)`, with the compiled check first when the value is large enough to
 * repay building it: a value that passes is its own output; anything else gets valibot's output and
 * issues. What `dispatch`'s result check and the HTTP kit's schema check both run.
 */
export function safeParseLarge<TSchema extends v.GenericSchema>(
  schema: TSchema,
  value: unknown,
  large: boolean,
): { readonly success: true; readonly output: unknown } | v.SafeParseResult<TSchema> {
  if (large && fastCheck(schema)(value)) return { success: true, output: value };
  return v.safeParse(schema, value);
}

/**
 * A conservative, compiled stand-in for `v.safeParse(schema, value).success` that costs little cold:
 * when it returns true, `v.safeParse(schema, value)` succeeds and its output is structurally the same
 * as `value` (same keys and values; the key order is the value's), so the caller may use `value` as the output.
 * When it returns false nothing is known: run `v.safeParse` for the output and the exact issues.
 * A node it does not fully understand is checked by its own valibot `~run` and accepted only when that
 * returns the very same value (a primitive, or an object passed through untouched).
 */
export function fastCheck(schema: v.GenericSchema): FastCheck {
  let predicate = predicates.get(schema);
  if (!predicate) {
    prototypeKeys ??= Object.getOwnPropertyNames(Object.prototype);
    const check = compiledCheckOf(schema as Node) ?? compile(schema as Node);
    predicate = (value) => {
      // The generated checks rely on no entry being a key of Object.prototype (see objectStatements).
      if (!objectPrototypeAsBuilt()) return false;
      try {
        return check(value);
      } catch {
        // A getter that throws: valibot meets it too, and reports it its own way.
        return false;
      }
    };
    predicates.set(schema, predicate);
  }
  return predicate;
}

/** What {@link emitCheck} wrote: a function of the root schema and the helpers that returns its check. */
export type CompiledCheckFactory = (
  r: any,
  f: typeof fallback,
  a: typeof action,
  e: typeof isOwnEnumerable,
  w: (schema: unknown) => any,
) => (value: unknown) => boolean;

const compiledFactories = new WeakMap<object, { factory: CompiledCheckFactory; keys: readonly string[]; signature: string | undefined }>();
/** Each schema's written check once made, or null when it cannot be used (see {@link compiledCheckOf}). */
const compiledChecks = new WeakMap<object, FastCheck | null>();

/**
 * Gives `schema` the check {@link emitCheck} wrote for it ahead of time, in the module that builds
 * the schema: the check a call uses without generating or compiling anything. The wire's generated
 * payload modules do this for their responses (scripts/gen-wire.ts), and their freshness test holds
 * the written code to what the generator writes today; `compile-on-prem` does it for the schemas a
 * connector's modules export, with their {@link schemaSignature}: a schema built differently at run
 * time than when the check was written (it depends on the environment, say) is not given it.
 * Nothing is run until a check is asked for.
 */
export function useCompiledCheck(schema: v.GenericSchema, factory: CompiledCheckFactory, keys: readonly string[], signature?: string): void {
  compiledFactories.set(schema, { factory, keys, signature });
}

/** Whether `schema` has a written check it can use ({@link useCompiledCheck}), which costs nothing to build. */
export function hasCompiledCheck(schema: v.GenericSchema): boolean {
  return compiledCheckOf(schema as Node) !== undefined;
}

/**
 * The raw written check of a node given one by {@link useCompiledCheck}, made on first use; undefined
 * when it has none, or one it cannot use: an entry it counts is a key of `Object.prototype`, or the
 * schema's signature is not the one the check was written for.
 */
function compiledCheckOf(node: Node): FastCheck | undefined {
  let check = compiledChecks.get(node);
  if (check === undefined) {
    const compiled = compiledFactories.get(node);
    if (compiled === undefined) return undefined;
    check = usable(node, compiled) ? compiled.factory(node, fallback, action, isOwnEnumerable, noArrayWrapped) : null;
    compiledChecks.set(node, check);
  }
  return check ?? undefined;
}

function usable(node: Node, compiled: { keys: readonly string[]; signature: string | undefined }): boolean {
  // The written code counts entries as own keys, which holds while none is a key of Object.prototype.
  for (let index = 0; index < compiled.keys.length; index++) if (compiled.keys[index]! in Object.prototype) return false;
  if (compiled.signature !== undefined && schemaSignature(node as v.GenericSchema) !== compiled.signature) return false;
  prototypeKeys ??= Object.getOwnPropertyNames(Object.prototype);
  return true;
}

/**
 * The shape of a schema as the written checks rely on it: each node's kind and type, an object's
 * entry names, the options, literal and actions' types, and the schemas inside (a `lazy` one's getter
 * is not called). Two schemas with the same signature get the same check written for them.
 */
export function schemaSignature(schema: v.GenericSchema): string {
  let text = '';
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop() as Node | null | undefined;
    if (node === null || typeof node !== 'object') {
      text += `${typeof node};`;
      continue;
    }
    const inner = noArrayWrapped(node);
    if (inner !== undefined) {
      text += 'noArray;';
      stack.push(inner);
      continue;
    }
    text += `${String(node.kind)}:${String(node.type)}:${node['default'] !== undefined ? 'd' : ''}${node['fallback'] !== undefined ? 'f' : ''}`;
    if ('literal' in node) text += `=${typeof node['literal']}:${String(node['literal'])}`;
    if (Array.isArray(node['options'])) {
      const options = node['options'] as unknown[];
      text += `[${options.length}`;
      for (let index = 0; index < options.length; index++) {
        const option = options[index];
        if (option !== null && typeof option === 'object') stack.push(option);
        else text += `,${typeof option}:${String(option)}`;
      }
      text += ']';
    }
    const entries = node['entries'] as Record<string, unknown> | undefined;
    if (entries !== null && typeof entries === 'object') {
      text += '{';
      for (const key in entries) {
        if (!Object.hasOwn(entries, key)) continue;
        text += `${JSON.stringify(key)},`;
        stack.push(entries[key]);
      }
      text += '}';
    }
    const pipe = node['pipe'] as unknown[] | undefined;
    if (Array.isArray(pipe)) {
      text += `|${pipe.length}`;
      for (let index = 1; index < pipe.length; index++) text += `,${String((pipe[index] as Node)?.kind)}:${String((pipe[index] as Node)?.type)}`;
      stack.push(pipe[0]);
    }
    if (node.type !== 'lazy') {
      if ('wrapped' in node) stack.push(node['wrapped']);
      if ('item' in node) stack.push(node['item']);
      if ('key' in node && node['key'] !== null && typeof node['key'] === 'object') stack.push(node['key']);
      if ('value' in node && node['value'] !== null && typeof node['value'] === 'object') stack.push(node['value']);
    }
    text += ';';
  }
  return text;
}

/**
 * The source of a {@link CompiledCheckFactory} for `schema`: the code {@link fastCheck} would generate
 * for it, every function of it written out at once, and what it reads from the schema (fallback nodes,
 * validation actions, literals, option lists) as expressions from the root `r`. Returns the names of
 * the entries it counts as own keys too, for {@link useCompiledCheck}. `typed` writes it as TypeScript
 * (its parameters `any`), for a generated module.
 */
export function emitCheck(schema: v.GenericSchema, typed = false): { source: string; keys: string[] } {
  const paths = new Map<object, string>();
  paths.set(schema, 'r');
  const context: Context = { args: [], functions: new Map(), emit: { paths, pending: [], keys: new Set(), typed } };
  const root = functionBody(schema as Node, context, { names: 0 });
  const functions: string[] = [];
  // Writing a function may meet more nodes that need one of their own.
  for (let index = 0; index < context.emit!.pending.length; index++) {
    const { node, slot } = context.emit!.pending[index]!;
    functions.push(`d[${slot}] = (o${typed ? ': any' : ''}) => {\n${functionBody(node, context, { names: 0 }).join('\n')}\n};`);
  }
  const reads: string[] = [];
  for (let index = 0; index < context.args.length; index++) {
    if (typeof context.args[index] === 'string') reads.push(`d[${index}] = ${context.args[index]};`);
  }
  const lines = [
    ...(context.args.length > 0 ? [`const d${typed ? ': any[]' : ''} = new Array(${context.args.length});`] : []),
    ...reads,
    ...functions,
    `return (o${typed ? ': any' : ''}) => {\n${root.join('\n')}\n};`,
  ];
  // The helpers a check does not call are named as unused (`_f`), as the linter asks of written code.
  const code = lines.join('\n');
  const helpers = [
    ['r', /\br[[)]/],
    ['f', /\bf\(/],
    ['a', /\ba\(/],
    ['e', /\be\.call\(/],
    ['w', /\bw\(/],
  ] as const;
  let parameters = '';
  for (let index = 0; index < helpers.length; index++) {
    const [name, used] = helpers[index]!;
    parameters += `${index === 0 ? '' : ', '}${used.test(code) ? name : `_${name}`}`;
  }
  return { source: `(${parameters}) => {\n${code}\n}`, keys: [...context.emit!.keys].sort() };
}

/** The own keys of `Object.prototype` when the first check was built. */
let prototypeKeys: string[] | undefined;

/** Whether `Object.prototype` has the same own keys as when the first check was built (a prototype polluted since leaves every value to valibot). */
function objectPrototypeAsBuilt(): boolean {
  const keys = Object.getOwnPropertyNames(Object.prototype);
  if (prototypeKeys === undefined || keys.length !== prototypeKeys.length) return false;
  for (let index = 0; index < keys.length; index++) if (keys[index] !== prototypeKeys[index]) return false;
  return true;
}

interface Context {
  /**
   * What generated code reads as `d[i]`: generated functions, fallback nodes, validation actions,
   * literals, option lists. When emitting ({@link emitCheck}), each is the expression that reads it
   * from the root schema `r` instead.
   */
  args: unknown[];
  /** When emitting: the expression of every node met, from the root schema `r`; the functions still to write; the entry names counted objects rely on. */
  emit?: { paths: Map<object, string>; pending: { node: Node; slot: number }[]; keys: Set<string>; typed: boolean };
  /** The slot in `args` of the function of each object, record or array node, shared by every place that uses it. */
  functions: Map<Node, number>;
}

const runSources = new Map<Factory, string | null>();
const sourceOf = Function.prototype.toString;

/** How to make a plain schema of each factory this module understands, to read its `~run`'s source text. */
const templateTable = (): Map<Factory, () => Node> => {
  // set() calls rather than the constructor's iterable: no iterator protocol on the cold path.
  const table = new Map<Factory, () => Node>();
  table.set(v.string, () => v.string() as Node);
  table.set(v.number, () => v.number() as Node);
  table.set(v.boolean, () => v.boolean() as Node);
  table.set(v.null, () => v.null() as Node);
  table.set(v.literal, () => v.literal(0) as Node);
  table.set(v.picklist, () => v.picklist([]) as Node);
  table.set(v.unknown, () => v.unknown() as Node);
  table.set(v.any, () => v.any() as Node);
  table.set(v.object, () => v.object({}) as Node);
  table.set(v.strictObject, () => v.strictObject({}) as Node);
  table.set(v.looseObject, () => v.looseObject({}) as Node);
  table.set(v.record, () => v.record(v.string(), v.unknown()) as Node);
  table.set(v.array, () => v.array(v.unknown()) as Node);
  table.set(v.nullable, () => v.nullable(v.unknown()) as Node);
  table.set(v.nullish, () => v.nullish(v.unknown()) as Node);
  table.set(v.optional, () => v.optional(v.unknown()) as Node);
  table.set(v.exactOptional, () => v.exactOptional(v.unknown()) as Node);
  table.set(v.pipe, () => v.pipe(v.unknown()) as Node);
  return table;
};
let templates: Map<Factory, () => Node> | undefined;
const pipeFactory = v.pipe as Factory;

/** The source text of a factory's `~run`, from a schema made for the purpose: the same text means valibot's own method. */
function templateSource(factory: Factory): string | null {
  let source = runSources.get(factory);
  if (source === undefined) {
    templates ??= templateTable();
    const make = templates.get(factory);
    if (!make) return null;
    source = sourceOf.call(make()['~run']) as string;
    // Where an engine hides a function's source, every method would read the same: trust none.
    if (source?.includes('[native code]')) source = null;
    runSources.set(factory, source);
  }
  return source;
}

/** The factory whose plain schema this node is, or undefined for anything else (a wrapper, an async or foreign schema). */
function factoryOf(node: Node): Factory | undefined {
  if (node === null || typeof node !== 'object' || node.kind !== 'schema' || node.async !== false) return undefined;
  const run = node['~run'];
  if (typeof run !== 'function') return undefined;
  // A piped schema carries its first item's `reference`, and pipe's own `~run`.
  if (Array.isArray(node['pipe']) && sourceOf.call(run) === templateSource(pipeFactory)) return pipeFactory;
  const factory = node.reference as Factory;
  if (factory === pipeFactory || sourceOf.call(run) !== templateSource(factory)) return undefined;
  return factory;
}

/** Generates the schema's own function now; each object, record or array inside it is generated when a value first reaches it. */
function compile(schema: Node): FastCheck {
  return generate(schema, { args: [], functions: new Map() });
}

/** One generated function, whose inlined object checks need names of their own. */
interface Unit {
  names: number;
}

let generatedFunctions = 0;

/** How many check functions this process has generated and compiled at run time (what a written check spares; read by tests). */
export function generatedCheckCount(): number {
  return generatedFunctions;
}

function generate(node: Node, context: Context): FastCheck {
  generatedFunctions++;
  const body = `return function (o) {\n${functionBody(node, context, { names: 0 }).join('\n')}\n};`;
  return new Function('d', 'f', 'a', 'e', body)(context.args, fallback, action, isOwnEnumerable) as FastCheck;
}

/**
 * The generated call that checks `node`: `d[i](x)`, where `d[i]` generates the function on its first
 * call and replaces itself with it. A part no value reaches (an absent `execution_summary`) costs nothing.
 */
function functionCall(node: Node, x: string, context: Context): string {
  let slot = context.functions.get(node);
  if (slot === undefined) {
    const index = context.args.push(undefined) - 1;
    const built = context.emit === undefined ? compiledCheckOf(node) : undefined;
    if (context.emit !== undefined) context.emit.pending.push({ node, slot: index });
    else if (built !== undefined) context.args[index] = built;
    else {
      context.args[index] = (value: unknown) => {
        const generated = generate(node, context);
        context.args[index] = generated;
        return generated(value);
      };
    }
    context.functions.set(node, index);
    slot = index;
  }
  return `d[${slot}](${x})`;
}

function functionBody(node: Node, context: Context, unit: Unit): string[] {
  const factory = noArrayWrapped(node) ? undefined : factoryOf(node);
  if (factory === v.record) return recordBody(node, context);
  if (factory === v.array) return arrayBody(node, context, unit);
  const lines = statements(node, 'o', context, unit);
  lines.push('return true;');
  return lines;
}

/**
 * Statements that `return false` unless `x` passes `node` unchanged, and otherwise fall through.
 * An object (also inside `noArray` or a pipe of validations) is checked inline rather than by a call:
 * the item of a list of 1,000 accounts is where a page's check spends its time.
 */
function statements(node: Node, x: string, context: Context, unit: Unit): string[] {
  const inner = noArrayWrapped(node);
  if (inner) {
    const lines = statements(child(node, null, inner as Node, context), x, context, unit);
    // An array's own `length` is not enumerable: a counted object check already refuses arrays.
    if (!isCountedObject(inner as Node)) lines.unshift(`if (Array.isArray(${x})) return false;`);
    return lines;
  }
  const factory = factoryOf(node);
  if (factory !== undefined && node['fallback'] === undefined) {
    if (factory === v.object || factory === v.looseObject || factory === v.strictObject) return objectStatements(node, factory, x, context, unit);
    if (factory === pipeFactory && onlyValidations(node['pipe'] as Node[])) {
      const pipe = child(node, 'pipe', node['pipe'] as Node, context) as unknown as Node[];
      const lines = statements(child(pipe as unknown as Node, 0, pipe[0] as Node, context), x, context, unit);
      for (let index = 1; index < pipe.length; index++) {
        const item = child(pipe as unknown as Node, index, pipe[index] as Node, context);
        if (item.kind === 'validation') lines.push(`if (!a(d[${argumentOf(item, undefined, context)}], ${x})) return false;`);
      }
      return lines;
    }
  }
  return failUnless(expression(node, x, context));
}

/** The statement that returns false unless `test` holds: none for a test that always does. */
function failUnless(test: string): string[] {
  return test === 'true' ? [] : [`if (!(${test})) return false;`];
}

/** Whether {@link statements} checks `node` as a counted object ({@link objectStatements}), maybe inside a pipe of validations. */
function isCountedObject(node: Node): boolean {
  const factory = factoryOf(node);
  if (factory === undefined || node['fallback'] !== undefined) return false;
  if (factory === pipeFactory) return onlyValidations(node['pipe'] as Node[]) && isCountedObject((node['pipe'] as Node[])[0] as Node);
  if (factory !== v.object && factory !== v.strictObject) return false;
  const entries = node['entries'] as Record<string, Node>;
  for (const key in entries) if (Object.hasOwn(entries, key) && key in Object.prototype) return false;
  return true;
}

/** Whether a pipe's actions are all metadata or synchronous validations, which leave the value as it is. */
function onlyValidations(pipe: Node[]): boolean {
  for (let index = 1; index < pipe.length; index++) {
    const item = pipe[index] as Node;
    if (item.kind === 'metadata') continue;
    if (item.kind !== 'validation' || item.async !== false || typeof item['~run'] !== 'function') return false;
  }
  return true;
}

/** A JavaScript boolean expression that is true only when `x` (a plain identifier) passes `node` unchanged. */
function expression(node: Node, x: string, context: Context): string {
  // A schema given a compiled check (the wire's responses, the page token) is checked by it.
  if (context.emit === undefined && compiledCheckOf(node) !== undefined) return functionCall(node, x, context);
  const inner = noArrayWrapped(node);
  if (inner) return `(!Array.isArray(${x}) && ${expression(child(node, null, inner as Node, context), x, context)})`;
  const factory = factoryOf(node);
  if (factory === undefined || node['fallback'] !== undefined) return fallbackExpression(node, x, context);
  switch (factory) {
    case v.string:
      return `typeof ${x} === "string"`;
    case v.number:
      // valibot's number rejects NaN (`!isNaN(value)`).
      return context.emit?.typed ? `(typeof ${x} === "number" && !Number.isNaN(${x}))` : `(typeof ${x} === "number" && ${x} === ${x})`;
    case v.boolean:
      return `typeof ${x} === "boolean"`;
    case v.null:
      return `${x} === null`;
    case v.unknown:
    case v.any:
      return 'true';
    case v.literal:
      // `===` is SameValueZero for everything but NaN.
      if (Number.isNaN(node['literal'])) return fallbackExpression(node, x, context);
      return `${x} === d[${argumentOf(node, 'literal', context)}]`;
    case v.picklist:
      // `includes` is the SameValueZero test valibot runs on the same array.
      return `d[${argumentOf(node, 'options', context)}].includes(${x})`;
    case v.nullable:
    case v.nullish:
    case v.optional:
    case v.exactOptional: {
      if (node['default'] !== undefined) return fallbackExpression(node, x, context);
      const wrapped = expression(child(node, 'wrapped', node['wrapped'] as Node, context), x, context);
      if (factory === v.nullable) return `(${x} === null || ${wrapped})`;
      if (factory === v.nullish) return `(${x} === null || ${x} === undefined || ${wrapped})`;
      if (factory === v.optional) return `(${x} === undefined || ${wrapped})`;
      return wrapped;
    }
    case pipeFactory:
      return pipeExpression(node, x, context);
    default:
      return functionCall(node, x, context);
  }
}

/** A pipe: its schema, then each action; metadata has no effect, a validation action must add no issue and keep the value. */
function pipeExpression(node: Node, x: string, context: Context): string {
  // Index loops and string concatenation: the generator runs once per process, cold, where iterators,
  // destructuring and the callback builtins cost the engine a compilation each (docs/bench.md).
  const pipe = node['pipe'] as Node[];
  if (!onlyValidations(pipe)) return fallbackExpression(node, x, context);
  child(node, 'pipe', pipe as unknown as Node, context);
  let parts = expression(child(pipe as unknown as Node, 0, pipe[0] as Node, context), x, context);
  for (let index = 1; index < pipe.length; index++) {
    const action = child(pipe as unknown as Node, index, pipe[index] as Node, context);
    if (action.kind === 'validation') parts += ` && a(d[${argumentOf(action, undefined, context)}], ${x})`;
  }
  return `(${parts})`;
}

function fallbackExpression(node: Node, x: string, context: Context): string {
  if (node === null || typeof node !== 'object' || node.async !== false || typeof node['~run'] !== 'function') return 'false';
  return `f(d[${argumentOf(node, undefined, context)}], ${x})`;
}

/** Runs a node as valibot would and accepts only a clean pass that returns the very value it was given. */
function fallback(node: Node, value: unknown): boolean {
  const dataset = node['~run']({ value }, v.getGlobalConfig()) as { issues?: unknown; value: unknown };
  return dataset.issues === undefined && dataset.value === value;
}

/** Runs a validation action on a typed value: no issue, and the value left as it was. */
function action(node: Node, value: unknown): boolean {
  const dataset = node['~run']({ typed: true, value }, v.getGlobalConfig()) as { issues?: unknown; value: unknown };
  return dataset.issues === undefined && dataset.value === value;
}

function argument(value: unknown, context: Context): number {
  return context.args.push(value) - 1;
}

/** `d[i]` of a node itself (a fallback node, a validation action), or of a property of one (`literal`, `options`). */
function argumentOf(node: Node, key: string | undefined, context: Context): number {
  if (context.emit === undefined) return argument(key === undefined ? node : node[key], context);
  const path = context.emit.paths.get(node)!;
  return argument(key === undefined ? path : `${path}[${JSON.stringify(key)}]`, context);
}

/** A node's child, whose expression is noted when emitting: `parent[key]`, or `w(parent)` for the schema a `noArray` wraps. */
function child(parent: Node, key: string | number | null, node: Node, context: Context): Node {
  if (context.emit !== undefined && !context.emit.paths.has(node)) {
    const path = context.emit.paths.get(parent)!;
    context.emit.paths.set(node, key === null ? `w(${path})` : `${path}[${JSON.stringify(key)}]`);
  }
  return node;
}

/**
 * An object `x`: a plain object whose own keys are all entries, each passing; an entry that is absent
 * must be one valibot also leaves out (optional, no default). Each entry is read by name and counted
 * when its value is not undefined; the object passes only when it has exactly that many own keys
 * (`Object.getOwnPropertyNames`) and as many enumerable ones (`Object.keys`; both cached by the engine
 * per object shape). No entry name is a key of `Object.prototype` (checked here, and on every call
 * that the prototype is as it was, in {@link fastCheck}), so a value read is an own one: the counted
 * entries are own keys, and being as many as all the own keys, they are all of them, all enumerable.
 * An entry valibot would read but that was not counted (an own key holding undefined, a non-enumerable
 * one) leaves the counts unequal, and the answer is no. Cold, in a compiled executable, 1,000 objects
 * of six entries take 0.7 ms this way against 1.9 ms examining each key of each object (docs/bench.md).
 * A loose object, or one with an entry named like a key of `Object.prototype` (`constructor`,
 * `toString`), is checked key by key ({@link keyByKeyStatements}).
 */
function objectStatements(node: Node, factory: Factory, x: string, context: Context, unit: Unit): string[] {
  const entries = node['entries'] as Record<string, Node>;
  const keys: string[] = [];
  for (const key in entries) if (Object.hasOwn(entries, key)) keys.push(key);
  if (!isCountedObject(node)) return keyByKeyStatements(node, keys, factory, x, context, unit);
  const entriesNode = child(node, 'entries', entries as unknown as Node, context);
  const id = unit.names++;
  const value = `x${id}`;
  const count = `c${id}`;
  const lines = plainObjectStatements(x, `p${id}`, factory);
  lines.push(`let ${count} = 0, ${value}${context.emit?.typed ? ': any' : ''};`);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const entry = child(entriesNode, key, entries[key] as Node, context);
    const name = JSON.stringify(key);
    context.emit?.keys.add(key);
    const check = failUnless(expression(entry, value, context)).join('');
    lines.push(
      isLeftOut(entry)
        ? `${value} = ${x}[${name}]; if (${value} !== undefined) { ${count}++; ${check} }`
        : `${value} = ${x}[${name}]; if (${value} === undefined) return false; ${count}++; ${check}`,
    );
  }
  lines.push(`if (Object.keys(${x}).length !== ${count} || Object.getOwnPropertyNames(${x}).length !== ${count}) return false;`);
  return lines;
}

/** Whether valibot leaves an entry out of its output when the key is absent: optional, without a default or fallback. */
function isLeftOut(entry: Node): boolean {
  return (
    (entry.type === 'optional' || entry.type === 'nullish' || entry.type === 'exact_optional') &&
    entry['default'] === undefined &&
    entry['fallback'] === undefined
  );
}

/** `x` is a plain object: its prototype, kept in `p`, is `Object.prototype` or null; a strict object's has no enumerable key. */
function plainObjectStatements(x: string, p: string, factory: Factory): string[] {
  const lines = [
    `if (typeof ${x} !== "object" || ${x} === null) return false;`,
    `const ${p} = Object.getPrototypeOf(${x});`,
    `if (${p} !== Object.prototype && ${p} !== null) return false;`,
  ];
  // A strict object refuses inherited enumerable keys too (valibot's `for … in`).
  if (factory === v.strictObject) lines.push(`if (${p} !== null) for (const k in ${p}) return false;`);
  return lines;
}

/**
 * An object checked key by key: its own enumerable keys, each an entry that passes (a loose object's
 * others copied by valibot as they are, so none it skips); then every entry not met must be one valibot
 * also leaves out, and not an inherited key.
 */
function keyByKeyStatements(node: Node, keys: string[], factory: Factory, x: string, context: Context, unit: Unit): string[] {
  const entries = node['entries'] as Record<string, Node>;
  const entriesNode = child(node, 'entries', entries as unknown as Node, context);
  const id = unit.names++;
  const value = `x${id}`;
  const masks = Math.ceil(keys.length / 31) || 1;
  let cases = '';
  const after: string[] = [];
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const entry = child(entriesNode, key, entries[key] as Node, context);
    const name = JSON.stringify(key);
    const mask = `m${id}_${Math.floor(index / 31)}`;
    const bit = 1 << (index % 31);
    cases += `case ${name}: ${value} = ${x}[${name}]; ${failUnless(expression(entry, value, context)).join('')} ${mask} |= ${bit}; break;\n`;
    after.push(isLeftOut(entry) ? `if ((${mask} & ${bit}) === 0 && ${name} in ${x}) return false;` : `if ((${mask} & ${bit}) === 0) return false;`);
  }
  const other = factory === v.looseObject ? `default: k = ks${id}[i]; if (${reservedKeys}) return false;` : 'default: return false;';
  let counters = '';
  for (let index = 0; index < masks; index++) counters += ` let m${id}_${index} = 0;`;
  const lines = plainObjectStatements(x, `p${id}`, factory);
  lines.push(
    context.emit?.typed ? `let ${value}: any, k: any;${counters}` : `let ${value}, k;${counters}`,
    `const ks${id} = Object.keys(${x});`,
    `for (let i = 0, n = ks${id}.length; i < n; i++) { switch (ks${id}[i]) { ${cases} ${other} } }`,
  );
  for (let index = 0; index < after.length; index++) lines.push(after[index]!);
  return lines;
}

const reservedKeys = 'k === "__proto__" || k === "prototype" || k === "constructor"';

/** A record: a plain object whose enumerable keys are all own, none of the keys valibot skips, each key and value passing. */
function recordBody(node: Node, context: Context): string[] {
  // The value is read even when any value passes: valibot reads it too (a getter that throws, throws).
  const valueCheck = failUnless(expression(child(node, 'value', node['value'] as Node, context), 'x', context));
  const lines = plainObjectStatements('o', 'p', v.record);
  lines.push(
    `for (const k in o) {
if (!e.call(o, k) || ${reservedKeys}) return false;
${failUnless(expression(child(node, 'key', node['key'] as Node, context), 'k', context)).join('')}
${valueCheck.length === 0 ? 'o[k];' : `const x = o[k];\n${valueCheck.join('')}`}
}`,
    'return true;',
  );
  return lines;
}

/** An array: a plain array without holes whose every item passes. */
function arrayBody(node: Node, context: Context, unit: Unit): string[] {
  const lines = [
    'if (!Array.isArray(o) || Object.getPrototypeOf(o) !== Array.prototype) return false;',
    'for (let i = 0, n = o.length; i < n; i++) {',
    'const x = o[i];',
    'if (x === undefined && !(i in o)) return false;',
  ];
  const item = statements(child(node, 'item', node['item'] as Node, context), 'x', context, unit);
  for (let index = 0; index < item.length; index++) lines.push(item[index]!);
  lines.push('}', 'return true;');
  return lines;
}

const isOwnEnumerable = Object.prototype.propertyIsEnumerable;
