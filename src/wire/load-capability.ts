import * as v from 'valibot';
import { titleCase } from '../integration/capability-name.ts';
import type { CapabilityDefinition } from '../integration/types.ts';
import type { WireCapability } from './generated/capabilities.ts';
import { capabilityTable, type CapabilityEntry } from './generated/capability-table.ts';
import type { StandardCapabilityName } from './generated/models.ts';

/** A definition's payload schemas, as `dispatch` validates with them. */
export interface PayloadSchemas {
  readonly request: v.GenericSchema;
  readonly response: v.GenericSchema;
}

const standardNames = new WeakMap<CapabilityDefinition, StandardCapabilityName>();
const loaded = new WeakMap<CapabilityDefinition, Promise<PayloadSchemas>>();
/** The schemas an extended standard capability brings in place of the wire's. */
const extensions = new WeakMap<CapabilityDefinition, { request?: v.GenericSchema | undefined; response?: v.GenericSchema | undefined }>();
let emptyRequest: v.GenericSchema | undefined;
let catalog: Record<StandardCapabilityName, WireCapability> | undefined;

/** The call properties of a standard capability (no schema is built), or undefined for any other name. */
export function capabilityEntry(name: string): CapabilityEntry | undefined {
  return Object.hasOwn(capabilityTable, name) ? capabilityTable[name as StandardCapabilityName] : undefined;
}

/** A standard capability's wire entry in the catalog, which is loaded on the first read only. */
function wireCapability(name: StandardCapabilityName): WireCapability {
  // A synchronous import: the getters cannot wait, and the catalog is too big to evaluate at every
  // start. Bun keeps the module lazy in a compiled executable.
  catalog ??= (require('./generated/capabilities.ts') as typeof import('./generated/capabilities.ts')).capabilityCatalog;
  return catalog[name];
}

/**
 * Completes a standard capability's definition with its wire schemas as `request` and `response`.
 * Reading them (info, app_info, the dev tools, an extension check) builds them from the whole
 * catalog, so they are the very models `jsonSchemaOf` names; `dispatch` reads neither, and loads the
 * capability's own module through `payloadSchemas` instead, so a call evaluates only what it uses.
 */
export function withWireSchemas(
  name: StandardCapabilityName,
  definition: Omit<CapabilityDefinition, 'request' | 'response' | 'displayName'> & { displayName?: string | undefined },
): CapabilityDefinition {
  const given = definition.displayName;
  // One object literal with its getters: registration runs at every call of the executable, cold, and
  // defineProperties (descriptor objects, the slow path of defining a property) cost it more.
  const complete: CapabilityDefinition = {
    name: definition.name,
    get request() {
      return wireCapability(name).request ?? empty();
    },
    get response() {
      return wireCapability(name).response;
    },
    paginated: definition.paginated,
    level: definition.level,
    category: definition.category,
    authentication: definition.authentication,
    validatesSettings: definition.validatesSettings,
    custom: definition.custom,
    // Worked out when read (info, app_info, help, the dev tools), not at every call's registration.
    get displayName() {
      return given ?? titleCase(name);
    },
    description: definition.description,
    raisedIn: definition.raisedIn,
    handler: definition.handler,
  };
  standardNames.set(complete, name);
  return complete;
}

/**
 * A standard capability's definition with the connector's own `request` and/or `response` schema
 * (`registerExtended`); the part it does not give stays the wire's, read or loaded as for any other
 * standard capability, so extending one part never builds the whole catalog.
 */
export function withExtendedSchemas(
  standard: CapabilityDefinition,
  schemas: { request?: v.GenericSchema | undefined; response?: v.GenericSchema | undefined },
): CapabilityDefinition {
  const name = standardNames.get(standard);
  if (name === undefined) throw new TypeError(`'${standard.name}' is not a standard capability's definition`);
  // The standard definition's getters are read through, never copied as values: reading them would build the catalog.
  const extended: CapabilityDefinition = {
    name: standard.name,
    get request() {
      return schemas.request ?? standard.request;
    },
    get response() {
      return schemas.response ?? standard.response;
    },
    paginated: standard.paginated,
    level: standard.level,
    category: standard.category,
    authentication: standard.authentication,
    validatesSettings: standard.validatesSettings,
    custom: standard.custom,
    get displayName() {
      return standard.displayName;
    },
    description: standard.description,
    raisedIn: standard.raisedIn,
    handler: standard.handler,
  };
  standardNames.set(extended, name);
  extensions.set(extended, schemas);
  return extended;
}

/**
 * The schemas `dispatch` validates a call with: a standard capability's own generated module (its
 * payloads and the models they reach, nothing else), loaded once; the definition's own schemas for a
 * custom or extended capability.
 */
export function payloadSchemas(definition: CapabilityDefinition): Promise<PayloadSchemas> {
  let schemas = loaded.get(definition);
  if (!schemas) {
    const name = standardNames.get(definition);
    schemas =
      name === undefined
        ? Promise.resolve({ request: definition.request, response: definition.response })
        : capabilityTable[name].load().then((module) => {
            const own = extensions.get(definition);
            return { request: own?.request ?? module.request ?? empty(), response: own?.response ?? module.response };
          });
    loaded.set(definition, schemas);
  }
  return schemas;
}

/** The request payload of a capability without a request model, as pydantic's empty model validates. */
function empty(): v.GenericSchema {
  if (emptyRequest === undefined) emptyRequest = v.object({});
  return emptyRequest;
}
