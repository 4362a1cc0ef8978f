import { describe, expect, test } from 'bun:test';
import { toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { formatGenerated, generateWire } from '../../../scripts/gen-wire.ts';
import catalog from '../catalog.json';
import { capabilityCatalog, standardCapabilityNames } from './capabilities.ts';
import * as generatedModels from './models.ts';
import {
  BasicCredential,
  CreatableAccount,
  ExecutionSummary,
  FoundAccountData,
  IsoDateTime,
  ListAccountsRequest,
  models,
  Page,
  ServiceAccountCredential,
  StandardCapabilityNameValues,
} from './models.ts';

const root = new URL('../../../', import.meta.url);
const exported = generatedModels as unknown as Record<string, unknown>;
const isWrapper = (name: string, model: { kind: string }) => model.kind === 'anyOf' && name.endsWith('200Response');
const generatedModelNames = Object.entries(catalog.models)
  .filter(([name, model]) => !isWrapper(name, model))
  .map(([name]) => name);

const summary = { request_fingerprint: 'abc', is_idempotent: true };

describe('freshness', () => {
  test('the files on disk are what scripts/gen-wire.ts generates from the catalog', async () => {
    const files = await formatGenerated(generateWire(catalog));
    const perCapability = [...standardCapabilityNames, 'common'].map((name) => `src/wire/generated/capability/${name}.ts`);
    expect(Object.keys(files).sort()).toEqual(
      ['src/wire/generated/capabilities.ts', 'src/wire/generated/capability-table.ts', 'src/wire/generated/models.ts', ...perCapability].sort(),
    );
    for (const [path, content] of Object.entries(files)) {
      expect({ path, content: await Bun.file(new URL(path, root)).text() }).toEqual({ path, content });
    }
    // One Biome process per generated file (47): about 5 s on an idle 2-core machine, more under load.
  }, 60_000);

  test('an invalid catalog is rejected with the path of the problem', () => {
    expect(() => generateWire({ ...catalog, enums: { Broken: 'x' } })).toThrow('enums.Broken');
  });
});

describe('exports', () => {
  test('every catalog enum is exported as a picklist with its values', () => {
    expect(Object.keys(catalog.enums)).toHaveLength(25);
    for (const [name, values] of Object.entries(catalog.enums)) {
      expect({ name, options: (exported[name] as v.PicklistSchema<string[], undefined>).options }).toEqual({ name, options: values });
      expect({ name, values: exported[`${name}Values`] }).toEqual({ name, values });
    }
  });

  test('every catalog model except the *200Response anyOf wrappers is exported and listed in `models`', () => {
    expect(generatedModelNames).toHaveLength(212);
    expect(Object.keys(models).sort()).toEqual([...generatedModelNames].sort());
    for (const name of generatedModelNames) {
      expect({ name, same: exported[name] === models[name as keyof typeof models] }).toEqual({ name, same: true });
    }
    expect(exported['ListAccounts200Response']).toBeUndefined();
    expect(exported['ListConnectorAppIds200Response']).toBeDefined();
  });

  test('object models keep the catalog key order', () => {
    const jwtHeaders = generatedModels.JWTHeaders.entries;
    expect(Object.keys(jwtHeaders)).toEqual(Object.keys(catalog.models.JWTHeaders.fields));
  });
});

describe('strictness', () => {
  test('no coercion between strings, numbers and booleans', () => {
    expect(v.safeParse(FoundAccountData, { integration_specific_id: 1 }).success).toBe(false);
    expect(v.safeParse(Page, { size: '10' }).success).toBe(false);
    expect(v.safeParse(Page, { size: 1.5 }).success).toBe(false);
    expect(v.safeParse(ListAccountsRequest, { include_raw_data: 'true', request: {} }).success).toBe(false);
    expect(v.safeParse(ListAccountsRequest, { include_raw_data: true, request: {} }).success).toBe(true);
  });

  test('required fields must be present', () => {
    expect(v.safeParse(FoundAccountData, {}).success).toBe(false);
    expect(v.safeParse(ListAccountsRequest, {}).success).toBe(false);
  });

  test('optional fields accept null and missing', () => {
    expect(v.parse(Page, {})).toEqual({});
    expect(v.parse(Page, { token: null, size: null })).toEqual({ token: null, size: null });
    expect(v.parse(ServiceAccountCredential, { service_type: null, key: {}, impersonation_email: 'a', tenant_id: 't', scopes: [] }).service_type).toBeNull();
  });

  test('unknown keys are stripped from the output', () => {
    expect(v.parse(FoundAccountData, { integration_specific_id: 'a', vendor_field: 1 })).toEqual({ integration_specific_id: 'a' });
  });

  test('defaults fill missing fields', () => {
    expect(v.parse(CreatableAccount, {})).toEqual({ entitlements: [] });
    expect(v.parse(generatedModels.ErrorResponse, { error: { message: 'm', error_code: 'not_found', app_id: 'x' } }).is_error).toBe(true);
  });

  test('IsoDateTime accepts ISO-8601 dates and date-times only', () => {
    for (const value of ['2024-01-02', '2024-01-02T03:04:05', '2024-01-02T03:04:05Z', '2024-01-02T03:04:05.123456+02:00']) {
      expect({ value, ok: v.is(IsoDateTime, value) }).toEqual({ value, ok: true });
    }
    for (const value of ['2024-13-01', '2024-01-02T03:04', '2024-01-02 03:04:05', 'yesterday', 1704153600]) {
      expect({ value, ok: v.is(IsoDateTime, value) }).toEqual({ value, ok: false });
    }
    expect(v.safeParse(generatedModels.DataRecency, { data: { list_accounts: '2024-01-02T03:04:05Z', get_account: null } }).success).toBe(true);
  });

  test('an anyOf of an enum or any string is a string', () => {
    const record = { id: '1', timestamp: 't', actor: { account_id: 'a' }, targets: [] };
    expect(v.safeParse(generatedModels.ActivityRecord, { ...record, activity_type: 'SOMETHING_ELSE' }).success).toBe(true);
    expect(v.safeParse(generatedModels.ActivityRecord, { ...record, activity_type: 1 }).success).toBe(false);
  });
});

describe('effects', () => {
  test('the effect is chosen by its kind', () => {
    const parsed = v.parse(ExecutionSummary, { ...summary, effect: { kind: 'noop', reason: 'state_already_matches' } });
    expect(parsed.effect).toEqual({ kind: 'noop', reason: 'state_already_matches' });
    expect(v.parse(ExecutionSummary, { ...summary, effect: { kind: 'deleted' } }).effect).toEqual({ kind: 'deleted' });
  });

  test('an unknown kind or a member missing its fields fails', () => {
    expect(v.safeParse(ExecutionSummary, { ...summary, effect: { kind: 'bogus' } }).success).toBe(false);
    expect(v.safeParse(ExecutionSummary, { ...summary, effect: { kind: 'noop' } }).success).toBe(false);
  });

  test('an effect without kind falls back to the first member, whose kind has a default', () => {
    // valibot's variant accepts a missing discriminator when it is optional; pydantic would reject it.
    expect(v.parse(ExecutionSummary, { ...summary, effect: {} }).effect).toEqual({ kind: 'created' });
  });
});

describe('JSON Schema', () => {
  test('BasicCredential carries its title, credential type and secret marks', () => {
    const schema = toJsonSchema(BasicCredential) as Record<string, any>;
    expect(schema['title']).toBe('BasicCredential');
    expect(schema['x-credential-type']).toBe('basic');
    expect(schema['properties']['password']).toEqual({ type: 'string', 'x-secret': true, 'x-field_type': 'SECRET' });
    expect(schema['properties']['username']).toEqual({ type: 'string' });
    expect(schema['required']).toEqual(['username', 'password']);
  });

  test('field extras of optional fields sit beside the null alternative', () => {
    const schema = toJsonSchema(ServiceAccountCredential) as Record<string, any>;
    expect(schema['properties']['service_type']).toMatchObject({ 'x-hidden': true, 'x-field_type': 'HIDDEN' });
    expect(schema['properties']['service_type']['anyOf']).toHaveLength(2);
    expect(schema['required']).not.toContain('service_type');
  });

  test('model-level extras are shown', () => {
    const defs = toJsonSchemaDefs(models);
    expect(defs.FoundAccountData).toMatchObject({ title: 'FoundAccountData', 'x-unique-hash': ['integration_specific_id'] });
    expect(defs.ListAccounts).toMatchObject({ 'x-capability-level': 'read' });
    expect(defs.GetAuthorizationUrl).toMatchObject({ 'x-capability-category': 'authorization' });
    expect(defs.KeyPairCredential).toMatchObject({ 'x-credential-type': 'key_pair', 'x-keygen-type': 'SSH', 'x-semantic': 'key-pair' });
  });

  test('every model converts and is titled with its name', () => {
    const defs = toJsonSchemaDefs(models);
    for (const name of generatedModelNames) expect({ name, title: defs[name as keyof typeof defs].title }).toEqual({ name, title: name });
  });
});

describe('capabilityCatalog', () => {
  test('has every standard capability, listed sorted in standardCapabilityNames', () => {
    expect(Object.keys(capabilityCatalog)).toHaveLength(43);
    expect([...standardCapabilityNames]).toEqual([...StandardCapabilityNameValues].sort());
    expect(Object.keys(capabilityCatalog).sort()).toEqual([...standardCapabilityNames]);
    for (const [name, capability] of Object.entries(capabilityCatalog)) expect(capability.name).toBe(name as typeof capability.name);
  });

  test('carries the catalog properties', () => {
    expect(capabilityCatalog.list_accounts).toMatchObject({ paginated: true, level: 'read', category: 'standard', authentication: 'required' });
    expect(capabilityCatalog.list_accounts.responsePayloadName).toBe('FoundAccountData[]');
    expect(capabilityCatalog.validate_credentials.level).toBe('read');
    expect(capabilityCatalog.validate_credential_config).toMatchObject({ level: 'validation', authentication: 'in_payload' });
    expect(capabilityCatalog.update_account.level).toBeNull();
    expect(capabilityCatalog.app_info).toMatchObject({ authentication: 'optional', x: { 'x-capability-category': 'specification' } });
    expect(capabilityCatalog.get_authorization_url).toMatchObject({
      category: 'oauth',
      authentication: 'none',
      x: { 'x-capability-category': 'authorization' },
    });
    expect(capabilityCatalog.refresh_access_token.authentication).toBe('none');
    expect(capabilityCatalog.info).toMatchObject({ request: null, requestEnvelope: null, requestPayloadName: null, level: null, authentication: 'none' });
    const customizable = Object.values(capabilityCatalog)
      .filter((capability) => capability.customizable)
      .map((capability) => capability.name);
    expect(customizable).toEqual(['create_account', 'update_account']);
  });

  test('payload schemas are the ones inside the envelopes', () => {
    for (const capability of Object.values(capabilityCatalog)) {
      const { name, request, response, requestEnvelope, responseEnvelope } = capability;
      if (requestEnvelope) expect({ name, same: requestEnvelope.entries.request === request }).toEqual({ name, same: true });
      const inner = responseEnvelope.entries.response as v.GenericSchema;
      const same =
        response.type === 'array'
          ? inner.type === 'array' && (inner as v.ArraySchema<v.GenericSchema, undefined>).item === (response as v.ArraySchema<v.GenericSchema, undefined>).item
          : inner === response;
      expect({ name, same }).toEqual({ name, same: true });
    }
  });

  test('list responses are arrays of the payload model', () => {
    expect(v.safeParse(capabilityCatalog.list_accounts.response, [{ integration_specific_id: 'a' }]).success).toBe(true);
    expect(v.safeParse(capabilityCatalog.list_accounts.response, { integration_specific_id: 'a' }).success).toBe(false);
  });

  test('schema types stay literal through `satisfies`', () => {
    type ListAccountsOutput = v.InferOutput<typeof capabilityCatalog.list_accounts.response>;
    const parsed: ListAccountsOutput = v.parse(capabilityCatalog.list_accounts.response, [{ integration_specific_id: 'a' }]);
    // Fails to compile if `response` were widened to a generic schema (its output would be `unknown`).
    const accounts: FoundAccountData[] = parsed;
    const id: string = accounts[0]!.integration_specific_id;
    expect(id).toBe('a');
  });
});
