/**
 * Run by `compile-on-prem` (src/compile/connector-checks.ts) in the connector's directory:
 * `bun emit-connector-checks.ts <the SDK's fast-check.ts> <module>…` imports each module and prints,
 * as JSON, the check `emitCheck` writes for each schema it exports that has items to check, except the
 * ones the SDK checks with valibot whatever their size (an exported integration's settings, requests
 * and single-object responses): an app's answers, a list capability's items.
 */
import type * as v from 'valibot';
import type { ConnectorCheck } from './connector-checks.ts';

const [fastCheckModule, ...modules] = process.argv.slice(2);
const { emitCheck, schemaSignature } = (await import(fastCheckModule!)) as typeof import('../validation/fast-check.ts');

/** Whether a value is a synchronous valibot schema whose values have items: an object, array or record, maybe piped or optional. */
function worthChecking(value: unknown): value is v.GenericSchema {
  let node = value as Record<string, unknown> | null;
  for (let depth = 0; depth < 8 && node !== null && typeof node === 'object'; depth++) {
    if (node['kind'] !== 'schema' || node['async'] !== false || typeof node['~run'] !== 'function') return false;
    const type = node['type'];
    if (type === 'object' || type === 'strict_object' || type === 'loose_object' || type === 'array' || type === 'record') return true;
    if (type !== 'optional' && type !== 'nullable' && type !== 'nullish' && type !== 'exact_optional') return false;
    node = node['wrapped'] as Record<string, unknown> | null;
  }
  return false;
}

const namespaces: [string, Record<string, unknown>][] = [];
for (const module of modules) namespaces.push([module, (await import(module)) as Record<string, unknown>]);

/**
 * The schemas an integration among the exports checks with valibot itself, never with a fast check:
 * its settings, its capabilities' requests (part of the envelope) and the responses that are not lists.
 */
const checkedByValibot = new Set<unknown>();
for (const [, exported] of namespaces) {
  for (const value of Object.values(exported)) {
    const integration = value as { options?: { settings?: unknown }; capabilities?: unknown } | null;
    if (integration === null || typeof integration !== 'object' || !(integration.capabilities instanceof Map)) continue;
    checkedByValibot.add(integration.options?.settings);
    for (const definition of (integration.capabilities as Map<string, { request?: unknown; response?: { type?: unknown } }>).values()) {
      checkedByValibot.add(definition.request);
      if (definition.response?.type !== 'array') checkedByValibot.add(definition.response);
    }
  }
}

const checks: ConnectorCheck[] = [];
for (const [module, exported] of namespaces) {
  for (const name of Object.keys(exported).sort()) {
    const value = exported[name];
    if (!worthChecking(value) || checkedByValibot.has(value)) continue;
    const { source, keys } = emitCheck(value, true);
    checks.push({ module, name, source, keys, signature: schemaSignature(value) });
  }
}
// A module may have left a timer or a socket open: end once the answer is written, as a connector does.
await Bun.write(Bun.stdout, JSON.stringify(checks));
process.exit(0);
