import type * as v from 'valibot';
import type { ExceptionHandler } from '../errors/exception-handler.ts';
import type { InstalledExtension } from './extension.ts';
import { httpStatusHandler } from '../errors/http-status.ts';
import { validateCredentialConfig } from '../credentials/validate-credential-config.ts';
import type { capabilityCatalog } from '../wire/generated/capabilities.ts';
import { capabilityEntry, withExtendedSchemas, withWireSchemas } from '../wire/load-capability.ts';

/** Defined as true by compile-on-prem: the connector's registration already ran, and passed, at build time. */
declare const LUMOS_REGISTRATION_CHECKED: boolean | undefined;
import { customNameProblem, titleCase } from './capability-name.ts';
import { isRequiredEntry, objectEntries } from './schema-introspection.ts';
import { RegistrationError } from './registration-error.ts';
import type {
  CapabilityDefinition,
  CapabilityHandler,
  CapabilityMetadata,
  CustomCapabilityOptions,
  CustomizableCapabilityName,
  IntegrationOptions,
  PayloadOf,
  ResponseOf,
  SettingsOf,
  RegistrableCapabilityName,
  StandardHandler,
  StandardHandlers,
} from './types.ts';

type Catalog = typeof capabilityCatalog;

/** A connector: its options and the capabilities registered on it. */
export interface Integration<TSettings = unknown> {
  /** The app id, trimmed. */
  readonly appId: string;
  /** The connector's version. */
  readonly version: string;
  /** The options the integration was created with. */
  readonly options: Readonly<IntegrationOptions>;
  /** The exception handlers in the order they apply. */
  readonly exceptionHandlers: readonly ExceptionHandler[];
  /** The registered capabilities by name, `app_info` included. */
  readonly capabilities: ReadonlyMap<string, CapabilityDefinition>;
  /** The extensions as set up on this integration, in the order given. */
  readonly extensions: readonly InstalledExtension[];
  /**
   * Registers a standard capability; the handler's request and response types follow from the name.
   *
   * @example
   * integration.register('validate_credentials', async () => ({
   *   response: { valid: true, unique_tenant_id: 'acme-tenant' },
   * }));
   */
  register<TName extends RegistrableCapabilityName>(
    name: TName,
    handler: StandardHandler<TName, TSettings>,
    metadata?: CapabilityMetadata,
  ): Integration<TSettings>;
  /** Registers several standard capabilities at once. */
  registerAll(handlers: StandardHandlers<TSettings>): Integration<TSettings>;
  /**
   * Registers a customisable standard capability (`create_account`, `update_account`) with a request
   * or response payload extended by the app's own fields; every standard field must stay as it is.
   */
  registerExtended<
    TName extends CustomizableCapabilityName,
    TRequest extends v.GenericSchema<any, PayloadOf<TName>> = Catalog[TName]['request'] & v.GenericSchema<any, PayloadOf<TName>>,
    TResponse extends v.GenericSchema<ResponseOf<TName>, any> = Catalog[TName]['response'] & v.GenericSchema<ResponseOf<TName>, any>,
  >(
    name: TName,
    schemas: { request?: TRequest; response?: TResponse },
    handler: CapabilityHandler<v.InferOutput<TRequest>, v.InferInput<TResponse>, TSettings>,
    metadata?: CapabilityMetadata,
  ): Integration<TSettings>;
  /** Registers a custom capability with its own request and response schemas. */
  registerCustom<TRequest extends v.GenericSchema, TResponse extends v.GenericSchema>(
    name: string,
    options: CustomCapabilityOptions<TRequest, TResponse>,
    handler: CapabilityHandler<v.InferOutput<TRequest>, v.InferInput<TResponse>, TSettings>,
  ): Integration<TSettings>;
}

/**
 * Creates an integration: the object a connector's entry point hands to `runConnector`.
 *
 * @example
 * export const integration = createIntegration({
 *   appId: 'acme-hr',
 *   version: '1.0.0',
 *   description: { userFriendlyName: 'Acme HR', categories: ['HR_AND_LEARNING'] },
 *   auth: 'token',
 *   settings: v.object({ baseUrl: v.pipe(v.string(), v.url()) }),
 * });
 */
export function createIntegration<const TSettingsSchema extends v.GenericSchema | undefined = undefined>(
  options: IntegrationOptions<TSettingsSchema>,
): Integration<SettingsOf<TSettingsSchema>> {
  const appId = options.appId.trim();
  checkOptions(appId, options);
  const capabilities = new Map<string, CapabilityDefinition>();
  const extensions: InstalledExtension[] = [];

  const add = (definition: CapabilityDefinition): void => {
    if (capabilities.has(definition.name)) {
      throw new RegistrationError('duplicate', `Capability '${definition.name}' is already registered on ${appId}.`);
    }
    capabilities.set(definition.name, definition);
  };

  const integration: Integration<SettingsOf<TSettingsSchema>> = {
    appId,
    version: options.version,
    options: options as IntegrationOptions,
    exceptionHandlers: options.exceptionHandlers ?? [httpStatusHandler],
    capabilities,
    extensions,
    register(name, handler, metadata = {}) {
      add(standardDefinition(appId, name, handler, metadata));
      return integration;
    },
    registerAll(handlers) {
      // for-in and plain reads rather than entries, destructuring and a rest copy: registration runs at
      // every call of the executable, cold, and those builtins are compiled on first use (docs/bench.md).
      for (const name in handlers) {
        if (!Object.hasOwn(handlers, name)) continue;
        const entry = (handlers as Record<string, StandardHandler<RegistrableCapabilityName, unknown> | RegisteredEntry | undefined>)[name];
        if (entry === undefined) continue;
        if (typeof entry === 'function') add(standardDefinition(appId, name, entry, noMetadata));
        else add(standardDefinition(appId, name, entry.handler, entry));
      }
      return integration;
    },
    registerExtended(name, schemas, handler, metadata = {}) {
      const standard = standardDefinition(appId, name, handler, metadata);
      if (!capabilityEntry(name)?.customizable) {
        throw new RegistrationError('reserved', `'${name}' cannot be extended; register it with register('${name}', …).`);
      }
      // The check reads the standard schemas, which builds the whole wire catalog: a compiled executable
      // skips it, since compile-on-prem registered the same code from source (computing info) and a
      // failed check fails the build.
      if (typeof LUMOS_REGISTRATION_CHECKED === 'undefined') {
        if (schemas.request) checkExtension(name, 'request', standard.request, schemas.request);
        if (schemas.response) checkExtension(name, 'response', standard.response, schemas.response);
      }
      add(withExtendedSchemas(standard, schemas));
      return integration;
    },
    registerCustom(name, custom, handler) {
      if (capabilityEntry(name)) {
        throw new RegistrationError('reserved', `'${name}' is a standard capability name: register it with register('${name}', …).`);
      }
      // As registerExtended's check: compile-on-prem ran it from source (a bad name fails the build), so a
      // compiled executable skips it, and the first use of its regular expression (about 0.1 ms) with it.
      if (typeof LUMOS_REGISTRATION_CHECKED === 'undefined') {
        const problem = customNameProblem(name);
        if (problem) throw new RegistrationError('invalid_name', `Cannot register custom capability: ${problem}.`);
      }
      add({
        name,
        request: custom.request,
        response: custom.response,
        paginated: custom.response.type === 'array',
        level: custom.level ?? 'write',
        category: null,
        authentication: 'required',
        validatesSettings: true,
        custom: true,
        get displayName() {
          return custom.displayName ?? titleCase(name);
        },
        description: custom.description ?? null,
        raisedIn: custom.raisedIn ?? `${appId}:${name}`,
        handler,
      });
      return integration;
    },
  };

  add(appInfoDefinition(appId, integration));
  for (const extension of options.extensions ?? []) {
    const parts = extension.setup({ appId, options: options as IntegrationOptions });
    extensions.push({ ...parts, name: extension.name, credentialKinds: extension.credentialKinds });
    for (const { name, handler, ...metadata } of parts.capabilities ?? []) add(standardDefinition(appId, name, handler, metadata));
  }
  if (options.credentials?.length && options.credentialValidation !== false) {
    add(
      standardDefinition(appId, 'validate_credential_config', validateCredentialConfig(options.credentials), {
        description: 'Checks one credential against its configuration.',
        raisedIn: 'connector-sdk.credentials:validate_credential_config',
      }),
    );
  }
  return integration;
}

/** A `registerAll` entry given as an object: its handler and the metadata beside it (which `standardDefinition` reads). */
type RegisteredEntry = CapabilityMetadata & { handler: StandardHandler<RegistrableCapabilityName, unknown> };

const noMetadata: CapabilityMetadata = {};

function standardDefinition(appId: string, name: string, handler: CapabilityHandler<any, any, any>, metadata: CapabilityMetadata): CapabilityDefinition {
  const wire = capabilityEntry(name);
  if (!wire) {
    throw new RegistrationError('unknown_capability', `'${name}' is not a standard capability; use registerCustom for your own.`);
  }
  if (name === 'info' || name === 'app_info') {
    throw new RegistrationError('reserved', `'${name}' is built into every connector and cannot be registered.`);
  }
  if (typeof handler !== 'function') {
    throw new RegistrationError('invalid_options', `The handler of '${name}' must be a function.`);
  }
  return withWireSchemas(name as RegistrableCapabilityName, {
    name,
    paginated: wire.paginated,
    level: wire.level,
    category: wire.category,
    authentication: wire.authentication,
    validatesSettings: true,
    custom: false,
    displayName: metadata.displayName,
    description: metadata.description ?? null,
    raisedIn: metadata.raisedIn ?? `${appId}:${name}`,
    handler,
  });
}

function appInfoDefinition(appId: string, integration: Integration<any>): CapabilityDefinition {
  const wire = capabilityEntry('app_info')!;
  return withWireSchemas('app_info', {
    name: 'app_info',
    paginated: false,
    level: wire.level,
    category: wire.category,
    authentication: wire.authentication,
    validatesSettings: false,
    custom: false,
    displayName: 'App Info',
    description: 'The OpenAPI document describing this connector.',
    raisedIn: 'connector-sdk.info:app_info',
    handler: async () => {
      const { buildAppInfo } = await import('../info/app-info.ts');
      return { response: { app_id: appId, app_schema: buildAppInfo(integration) } };
    },
  });
}

/** An extension keeps every standard field, and keeps required ones required (reference §2.3). */
function checkExtension(name: string, part: string, standard: v.GenericSchema, extended: v.GenericSchema): void {
  if (standard === extended) return;
  const standardEntries = objectEntries(standard);
  const extendedEntries = objectEntries(extended);
  if (!standardEntries || !extendedEntries) {
    throw new RegistrationError('invalid_options', `The ${part} schema of '${name}' must be an object schema that extends the standard one.`);
  }
  for (const [key, entry] of Object.entries(standardEntries)) {
    const replacement = extendedEntries[key];
    if (!replacement) throw new RegistrationError('invalid_options', `The extended ${part} of '${name}' drops the standard field '${key}'.`);
    if (isRequiredEntry(entry) && !isRequiredEntry(replacement)) {
      throw new RegistrationError('invalid_options', `The extended ${part} of '${name}' makes the required field '${key}' optional.`);
    }
  }
}

function checkOptions(appId: string, options: IntegrationOptions<any>): void {
  const fail = (message: string): never => {
    throw new RegistrationError('invalid_options', message);
  };
  if (!appId) fail('The integration needs a non-empty appId.');
  if (!options.version?.trim()) fail(`The integration ${appId} needs a non-empty version.`);
  if (options.auth !== undefined && options.credentials !== undefined) {
    fail(`The integration ${appId} sets both auth and credentials: choose one style.`);
  }
  if (!options.credentials?.length) return;
  const ids = new Set<string>();
  for (const credential of options.credentials) {
    if (!credential.id) fail(`Every credential of ${appId} needs an id.`);
    if (ids.has(credential.id)) fail(`The credential id '${credential.id}' appears twice in ${appId}.`);
    ids.add(credential.id);
  }
}
