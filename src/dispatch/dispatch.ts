import * as v from 'valibot';
import type { ErrorCode } from '../errors/error-codes.ts';
import { toWireError } from '../errors/to-wire-error.ts';
import { errorEnvelope, sdkError, type ErrorEnvelope, type WireError } from '../errors/wire-error.ts';
import type { Integration } from '../integration/create-integration.ts';
import { isRequiredEntry, objectEntries, schemaMetadata, secretKeys, unwrapSchema } from '../integration/schema-introspection.ts';
import type { CapabilityDefinition } from '../integration/types.ts';
import { log, logsAt, withRequestSecrets } from '../logging/logger.ts';
import { createSecretSet, redactByKey, redactedKeySet, type SecretSet } from '../logging/redact.ts';
import { fastCheck, fastCheckMinItems, hasCompiledCheck, safeParseLarge } from '../validation/fast-check.ts';
import { AuthCredential, ExecutionSummary, Page } from '../wire/generated/capability/common.ts';
import { payloadSchemas, type PayloadSchemas } from '../wire/load-capability.ts';
import { noArray } from '../wire/no-array.ts';
import { authProblem } from './check-auth.ts';
import { describeIssues } from './format-issues.ts';
import { requestSecretValues } from './request-secrets.ts';

/** The wire success envelope. */
export interface SuccessEnvelope {
  response: unknown;
  page: v.InferOutput<typeof Page> | null;
  raw_data: unknown;
  execution_summary?: v.InferOutput<typeof ExecutionSummary>;
}

/** What a dispatch produced: the envelope to print, and whether it is an error. */
export type DispatchResult = { ok: true; envelope: SuccessEnvelope } | { ok: false; envelope: ErrorEnvelope };

const envelopeCache = new WeakMap<CapabilityDefinition, v.GenericSchema>();
const resultCache = new WeakMap<CapabilityDefinition, v.GenericSchema>();

/** How the CLI asks dispatch to log the invocation line (at INFO), after its one parse of the request. */
export interface DispatchOptions {
  /** Log `Running <capability> with --json <request, secrets masked>`; `resultPath` is named when given. */
  logInvocation?: { resultPath?: string | undefined };
  /**
   * The process runs this one request and exits (the connector executable): its secrets are the
   * process's, with no per-request scope to set up (Node's AsyncLocalStorage costs about 1 ms at
   * start-up). Leave it out wherever requests may overlap (the dev server, tests).
   */
  oneRequestPerProcess?: boolean;
}

/**
 * Runs one capability on a JSON request, the way the connector executable does: parse, validate the
 * envelope, check credentials and settings, run the handler, validate its result, build the envelope.
 * The request's secret values are worked out once, here, and live only as long as the request: log
 * lines, error messages and the HTTP kit mask them. It never throws: every failure becomes an error
 * envelope.
 */
export async function dispatch(integration: Integration<any>, name: string, json: string, options: DispatchOptions = {}): Promise<DispatchResult> {
  const fail = (code: ErrorCode, message: string, secrets?: SecretSet): DispatchResult => ({
    ok: false,
    envelope: errorEnvelope(sdkError(integration.appId, code, secrets ? secrets.mask(message) : message)),
  });
  const definition = integration.capabilities.get(name);
  if (!definition) return fail('not_implemented', `Capability '${name}' is not implemented.`);
  const secretSettingKeys = secretKeys(integration.options.settings);

  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    if (options.logInvocation) logInvocation(name, options.logInvocation.resultPath, () => `<${json.length} characters that are not valid JSON>`);
    // The parser's message quotes the offending token, which may be a secret: keep only its words.
    const reason = (error as Error).message.replace(/\s*"[^"]*"?/g, '').replace(/\s*'[^']*'?/g, '');
    return fail('bad_request', `Invalid request - the input is not valid JSON (${reason})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    if (options.logInvocation) logInvocation(name, options.logInvocation.resultPath, () => `<JSON that is not an object>`);
    const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
    return fail('bad_request', `Invalid request, expected JSON input. The request must be a JSON object with a "request" key; got ${got}.`);
  }

  const secrets = createSecretSet(requestSecretValues(raw as Record<string, unknown>, secretSettingKeys));
  return withRequestSecrets(secrets, options.oneRequestPerProcess === true, () => {
    if (options.logInvocation) {
      const request = raw;
      logInvocation(name, options.logInvocation.resultPath, () => JSON.stringify(redactByKey(request, redactedKeySet(secretSettingKeys))));
    }
    return run(integration, name, definition, raw, secrets, fail);
  });
}

/** Logs the invocation line at INFO; the shown request is built only when the line is written. */
function logInvocation(name: string, resultPath: string | undefined, shown: () => string): void {
  if (logsAt('info')) log.info(`Running ${name}${resultPath ? ` into ${resultPath}` : ''} with --json ${shown()}`);
}

async function run(
  integration: Integration<any>,
  name: string,
  definition: CapabilityDefinition,
  raw: object,
  secrets: SecretSet,
  fail: (code: ErrorCode, message: string, secrets?: SecretSet) => DispatchResult,
): Promise<DispatchResult> {
  const schemas = await payloadSchemas(definition);
  const parsed = v.safeParse(envelopeSchema(definition, schemas), raw);
  if (!parsed.success) {
    const credentialIssues = parsed.issues.filter((issue) => {
      const head = (issue.path?.[0] as { key?: unknown } | undefined)?.key;
      return head === 'auth' || head === 'credentials';
    });
    if (credentialIssues.length > 0) {
      return fail('bad_request', `Malformed credentials in request - ${describeIssues(credentialIssues)}`, secrets);
    }
    return fail('bad_request', `Invalid request - ${describeIssues(parsed.issues)}`, secrets);
  }
  const envelope = parsed.output as Record<string, any>;

  if (definition.authentication === 'required' || definition.authentication === 'optional') {
    const problem = authProblem(integration.options, envelope, definition.authentication === 'required');
    if (problem) return fail('bad_request', problem, secrets);
  }

  const settings = definition.validatesSettings ? parseSettings(integration, envelope['settings']) : { ok: true as const, value: envelope['settings'] ?? {} };
  if (!settings.ok) return fail('bad_request', settings.message, secrets);

  let result: unknown;
  try {
    result = await definition.handler(
      {
        request: envelope['request'],
        settings: settings.value,
        auth: envelope['auth'] ?? null,
        credentials: envelope['credentials'] ?? null,
        page: envelope['page'] ?? null,
        include_raw_data: envelope['include_raw_data'] ?? false,
      },
      { appId: integration.appId, capability: name, log, secrets },
    );
  } catch (error) {
    const wireError = toWireError(error, { appId: integration.appId, capability: name, raisedIn: definition.raisedIn }, integration.exceptionHandlers);
    const redacted: WireError = { ...wireError, message: secrets.mask(withoutSourceExcerpt(wireError.message)) };
    log.error(`${integration.appId}/${redacted.error_code}: ${redacted.message}`);
    return { ok: false, envelope: errorEnvelope(redacted) };
  }

  const items = (result as { response?: unknown } | null | undefined)?.response;
  const checked =
    Array.isArray(items) && hasCompiledCheck(schemas.response) && listResultPasses(result as Record<string, unknown>, schemas.response)
      ? { success: true as const, output: result }
      : safeParseLarge(resultSchema(definition, schemas), result, Array.isArray(items) && items.length >= fastCheckMinItems);
  if (!checked.success) {
    const message = `Unexpected response from executed capability: the ${name} handler returned ${describeIssues(checked.issues)}`;
    log.error(`${integration.appId}/invalid_response: ${secrets.mask(message)}`);
    return fail('invalid_response', message, secrets);
  }
  const output = checked.output as Record<string, any>;
  const success: SuccessEnvelope = { response: output['response'], page: output['page'] ?? null, raw_data: output['raw_data'] ?? null };
  if (output['execution_summary'] != null) success.execution_summary = output['execution_summary'];
  return { ok: true, envelope: success };
}

/**
 * Whether a list capability's result passes {@link resultSchema} unchanged where dispatch reads it, by
 * the compiled checks of the wire (`response`, `Page`): nothing is generated or compiled for it, so a
 * page of any size is checked for less than valibot checks a page of 50. The keys are read as valibot
 * reads them (`in`, then the value once); an execution summary is left to valibot, as is any failure.
 */
function listResultPasses(result: Record<string, unknown>, response: v.GenericSchema): boolean {
  if (typeof result !== 'object' || result === null || !('response' in result) || !fastCheck(response)(result['response'])) return false;
  const page = 'page' in result ? result['page'] : undefined;
  if (page !== null && page !== undefined && !fastCheck(Page)(page)) return false;
  // raw_data is anything (`v.optional(v.unknown())`), but valibot reads it.
  if ('raw_data' in result) void result['raw_data'];
  const summary = 'execution_summary' in result ? result['execution_summary'] : undefined;
  return summary === null || summary === undefined;
}

/** The request envelope of a capability: its payload under `request`, plus the common keys. */
function envelopeSchema(definition: CapabilityDefinition, schemas: PayloadSchemas): v.GenericSchema {
  let schema = envelopeCache.get(definition);
  if (!schema) {
    const common = {
      request: objectsOnly(schemas.request),
      include_raw_data: v.nullish(v.boolean()),
      page: v.nullish(Page),
      settings: v.nullish(noArray(v.record(v.string(), v.unknown()))),
    };
    const carriesCredentials = definition.authentication === 'required' || definition.authentication === 'optional';
    schema = carriesCredentials ? v.object({ auth: v.nullish(AuthCredential), credentials: v.nullish(v.array(AuthCredential)), ...common }) : v.object(common);
    envelopeCache.set(definition, schema);
  }
  return schema;
}

const objectTypes = new Set(['object', 'loose_object', 'strict_object', 'record']);

/** An author's object schema, made to reject arrays as the wire models do. */
function objectsOnly(schema: v.GenericSchema): v.GenericSchema {
  return objectTypes.has(unwrapSchema(schema).type) && schema.type !== 'nullish' && schema.type !== 'optional' ? noArray(schema) : schema;
}

/** What a handler must return: `response` matching the payload schema, and the optional envelope parts. */
function resultSchema(definition: CapabilityDefinition, schemas: PayloadSchemas): v.GenericSchema {
  let schema = resultCache.get(definition);
  if (!schema) {
    schema = v.object(
      {
        response: objectsOnly(schemas.response),
        page: v.nullish(Page),
        raw_data: v.optional(v.unknown()),
        execution_summary: v.nullish(ExecutionSummary),
      },
      'a result object like { response: … }',
    );
    resultCache.set(definition, schema);
  }
  return schema;
}

type SettingsOutcome = { ok: true; value: unknown } | { ok: false; message: string };

function parseSettings(integration: Integration<any>, raw: unknown): SettingsOutcome {
  const schema = integration.options.settings;
  if (!schema) return { ok: true, value: raw ?? {} };
  const entries = objectEntries(schema) ?? {};
  if (raw == null) {
    const requiredTitles = Object.entries(entries)
      .filter(([, entry]) => isRequiredEntry(entry))
      .map(([key, entry]) => fieldTitle(key, entry));
    if (requiredTitles.length === 0) return settingsFrom(schema, {});
    return { ok: false, message: `No settings passed on request: ${integration.appId} requires settings (${requiredTitles.join(', ')}).` };
  }
  return settingsFrom(schema, raw, entries);
}

function settingsFrom(schema: v.GenericSchema, raw: unknown, entries: Record<string, v.GenericSchema> = {}): SettingsOutcome {
  const result = v.safeParse(schema, raw);
  if (result.success) return { ok: true, value: result.output };
  const missing = result.issues
    .filter((issue) => issue.input === undefined && issue.path?.length === 1)
    .map((issue) => {
      const key = String((issue.path![0] as { key: unknown }).key);
      return entries[key] ? fieldTitle(key, entries[key]) : key;
    });
  const others = result.issues.filter((issue) => !(issue.input === undefined && issue.path?.length === 1));
  let message = 'Invalid settings passed on request.';
  if (missing.length > 0) message += ` Missing required settings: ${missing.join(', ')}.`;
  if (others.length > 0) message += ` ${describeIssues(others, 'settings')}`;
  return { ok: false, message };
}

function fieldTitle(key: string, entry: v.GenericSchema): string {
  const title = schemaMetadata(entry)['title'];
  return typeof title === 'string' ? title : key;
}

/**
 * The engine's message without the source excerpt JavaScriptCore appends to a TypeError
 * (`x.filter is not a function. (In 'x.filter((p)=>p!==l)', 'x.filter' is undefined)`): in a
 * compiled connector that excerpt is minified code, which tells the agent's operator nothing.
 */
export function withoutSourceExcerpt(message: string): string {
  return message.replace(/\.? \(In '[\s\S]*\)$/, (excerpt) => (excerpt.startsWith('.') ? '.' : ''));
}
