import { describe, expect, test } from 'bun:test';
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { createIntegration } from '../integration/create-integration.ts';
import { capabilityCatalog, standardCapabilityNames } from './generated/capabilities.ts';
import { capabilityTable } from './generated/capability-table.ts';
import * as common from './generated/capability/common.ts';
import * as models from './generated/models.ts';
import { payloadSchemas } from './load-capability.ts';

const fixture = new URL('./wire-graph-fixture.ts', import.meta.url).pathname;
const plain = (schema: v.GenericSchema | null) => (schema === null ? null : toJsonSchema(schema, { errorMode: 'ignore' }));

async function runFixture(name: string, request: unknown): Promise<{ result: { ok: boolean }; wire: string[] }> {
  const child = Bun.spawn([process.execPath, fixture, name, JSON.stringify(request)], { stdout: 'pipe', stderr: 'pipe' });
  const [stdout, stderr, code] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text(), child.exited]);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
}

describe('capabilityTable', () => {
  test('has every standard capability with the catalog’s call properties', () => {
    expect(Object.keys(capabilityTable).sort()).toEqual([...standardCapabilityNames]);
    for (const name of standardCapabilityNames) {
      const wire = capabilityCatalog[name];
      const entry = capabilityTable[name];
      expect({ name, ...entry, load: undefined }).toEqual({
        name,
        paginated: wire.paginated,
        level: wire.level,
        category: wire.category,
        authentication: wire.authentication,
        emptyRequest: wire.request === null,
        customizable: wire.customizable,
        load: undefined,
      });
    }
  });

  test('each capability’s module holds the same payload schemas as the catalog', async () => {
    for (const name of standardCapabilityNames) {
      const module = await capabilityTable[name].load();
      const wire = capabilityCatalog[name];
      expect({ name, request: plain(module.request), response: plain(module.response) }).toEqual({
        name,
        request: plain(wire.request),
        response: plain(wire.response),
      });
    }
  });

  test('the common envelope models are the catalog’s', () => {
    for (const name of ['Page', 'ExecutionSummary', 'AuthCredential'] as const) {
      expect({ name, schema: plain(common[name]) }).toEqual({ name, schema: plain(models[name]) });
    }
  });
});

describe('lazy wire models', () => {
  // A lazy model stands for its schema only if it exposes every key of it: valibot spreads schemas
  // (`v.pipe(Model, …)`, `{ ...Model.entries }`) and a missing key would silently drop a check.
  test('every lazy wrapper exposes every key of the schema it stands for, at every depth', async () => {
    const compared = new Set<string>();
    const walk = (lazy: unknown, eager: unknown, path: string, depth: number): void => {
      if (depth > 12 || typeof eager !== 'object' || eager === null) return;
      if (Array.isArray(eager)) {
        eager.forEach((item, index) => {
          walk((lazy as unknown[])[index], item, `${path}[${index}]`, depth + 1);
        });
        return;
      }
      const eagerKeys = Object.keys(eager)
        .filter((key) => key !== '~standard')
        .sort();
      expect({
        path,
        keys: Object.keys(lazy as object)
          .filter((key) => eagerKeys.includes(key))
          .sort(),
      }).toEqual({ path, keys: eagerKeys });
      const metadata = ((eager as { pipe?: { type: string; metadata?: { title?: string } }[] }).pipe ?? []).find((action) => action.type === 'metadata');
      if (metadata?.metadata?.title) compared.add(metadata.metadata.title);
      for (const key of ['entries', 'item', 'wrapped', 'options', 'pipe', 'key'] as const) {
        const next = (eager as Record<string, unknown>)[key];
        if (next && typeof next === 'object') {
          const lazyNext = (lazy as Record<string, unknown>)[key];
          if (key === 'entries')
            for (const entry of Object.keys(next))
              walk((lazyNext as Record<string, unknown>)[entry], (next as Record<string, unknown>)[entry], `${path}.${entry}`, depth + 1);
          else walk(lazyNext, next, `${path}.${key}`, depth + 1);
        }
      }
    };
    for (const name of standardCapabilityNames) {
      const module = await capabilityTable[name].load();
      if (module.request) walk(capabilityCatalog[name].request, module.request, `${name}.request`, 0);
      walk(capabilityCatalog[name].response, module.response, `${name}.response`, 0);
    }
    for (const name of ['Page', 'ExecutionSummary', 'AuthCredential'] as const) walk(models[name], common[name], name, 0);
    expect(compared.size).toBeGreaterThan(100);
  });
});

describe('payloadSchemas', () => {
  const integration = createIntegration({
    appId: 'schemas',
    version: '1.0.0',
    description: { userFriendlyName: 'Schemas', categories: ['DEVELOPERS'] },
  });
  const Custom = v.object({ id: v.string() });
  integration.register('list_accounts', async () => ({ response: [] }));
  integration.registerCustom('sync_users', { request: Custom, response: v.array(Custom) }, async () => ({ response: [] }));

  test('a standard capability validates with its own module, loaded once', async () => {
    const definition = integration.capabilities.get('list_accounts')!;
    const schemas = await payloadSchemas(definition);
    const module = await capabilityTable.list_accounts.load();
    expect([schemas.request, schemas.response]).toEqual([module.request!, module.response]);
    expect(schemas.request).toBe(module.request!);
    expect(await payloadSchemas(definition)).toBe(schemas);
    expect(plain(schemas.response)).toEqual(plain(definition.response));
  });

  test('a custom capability validates with its own schemas', async () => {
    const definition = integration.capabilities.get('sync_users')!;
    const schemas = await payloadSchemas(definition);
    expect(schemas.request).toBe(Custom);
    expect(schemas.response).toBe(definition.response);
  });
});

describe('a call’s wire modules', () => {
  test('validate_credentials evaluates its own module and the envelope models, not the catalog', async () => {
    const { result, wire } = await runFixture('validate_credentials', { request: {}, auth: { token: { token: 'secret-token' } } });
    expect(result.ok).toBe(true);
    expect(wire).toEqual([
      'generated/capability-table.ts',
      'generated/capability/common.ts',
      'generated/capability/validate_credentials.ts',
      'lazy-schema.ts',
      'load-capability.ts',
      'no-array.ts',
    ]);
  });

  test('list_accounts evaluates its own module and still rejects a malformed page', async () => {
    const { result, wire } = await runFixture('list_accounts', { request: {}, auth: { token: { token: 'secret-token' } }, page: [] });
    expect(result).toMatchObject({ ok: false, envelope: { error: { error_code: 'bad_request' } } });
    expect(wire).toEqual([
      'generated/capability-table.ts',
      'generated/capability/common.ts',
      'generated/capability/list_accounts.ts',
      'lazy-schema.ts',
      'load-capability.ts',
      'no-array.ts',
    ]);
  });
});

describe('the envelope models built on first use', () => {
  const credentials: unknown[] = [
    { basic: { username: 'u', password: 'p' } },
    { token: { token: 't' } },
    { oauth: { access_token: 'a' } },
    { oauth_client_credentials: { access_token: 'a' } },
    { oauth1: { consumer_key: 'k', consumer_secret: 's', token_id: 'i', token_secret: 't' } },
    { jwt: { headers: { alg: 'RS256' }, claims: { iss: 'i' }, secret: 's' } },
    { service_account: { key: {}, impersonation_email: 'e', tenant_id: 't', scopes: [] } },
    { key_pair: { key_identifier: 'k', private_key: 'p' } },
    { basic: { username: 'u' } },
    { basic: [] },
    { token: { token: 7 } },
    { key_pair: { key_identifier: 'k' } },
    { id: 'c1', token: { token: 't' }, extra: true },
    [],
  ];

  test('each credential kind validates as the catalog model does: same success, output and issue paths', () => {
    const paths = (result: v.SafeParseResult<v.GenericSchema>) => result.issues?.map((issue) => v.getDotPath(issue)) ?? [];
    for (const credential of credentials) {
      const ours = v.safeParse(common.AuthCredential, credential);
      const catalog = v.safeParse(models.AuthCredential, credential);
      expect({ credential, success: ours.success, output: ours.output, paths: paths(ours) }).toEqual({
        credential,
        success: catalog.success,
        output: catalog.output,
        paths: paths(catalog),
      });
    }
  });

  test('the execution summary validates as the catalog model does', () => {
    const summaries: unknown[] = [
      { effect: { kind: 'created' }, request_fingerprint: 'f', is_idempotent: false },
      { effect: { kind: 'noop', reason: 'state_already_matches' }, request_fingerprint: 'f', is_idempotent: true, caught_errors: [] },
      { effect: { kind: 'noop' }, request_fingerprint: 'f', is_idempotent: true },
      { effect: {}, request_fingerprint: 'f', is_idempotent: true },
      { effect: { kind: 'deleted' }, request_fingerprint: 'f' },
    ];
    for (const summary of summaries) {
      const ours = v.safeParse(common.ExecutionSummary, summary);
      const catalog = v.safeParse(models.ExecutionSummary, summary);
      expect({ summary, success: ours.success, output: ours.output }).toEqual({ summary, success: catalog.success, output: catalog.output });
    }
  });
});

describe('what a lazy envelope model answers before it is built', () => {
  test('kind, type, expects and async are those of the built model', () => {
    const constant = (schema: unknown) => {
      const { kind, type, expects, async } = schema as Record<string, unknown>;
      return { kind, type, expects, async };
    };
    const entries = (common.AuthCredential as unknown as { entries: Record<string, { wrapped?: unknown; pipe?: { wrapped?: unknown }[] }> }).entries;
    const lazyKinds = Object.entries(entries).filter(([key]) => key !== 'id');
    expect(lazyKinds.length).toBe(8);
    for (const [key, entry] of lazyKinds) {
      const lazy = entry.wrapped ?? entry.pipe?.[0]?.wrapped;
      const built = (models.AuthCredential as unknown as { entries: Record<string, { wrapped?: unknown; pipe?: { wrapped?: unknown }[] }> }).entries[key]!;
      expect({ key, ...constant(lazy) }).toEqual({ key, ...constant(built.wrapped ?? built.pipe?.[0]?.wrapped) });
    }
    expect(constant(common.ExecutionSummary)).toEqual(constant(models.ExecutionSummary));
  });
});

describe('the wire enums built on first use', () => {
  test('every enum of every capability module says what valibot’s picklist of its options says, and validates as it does', async () => {
    const seen = new Set<unknown>();
    const found: { options: readonly string[]; expects: string }[] = [];
    const walk = (node: unknown, depth: number): void => {
      if (depth > 14 || typeof node !== 'object' || node === null || seen.has(node)) return;
      seen.add(node);
      const schema = node as Record<string, unknown>;
      if (schema['type'] === 'picklist') found.push({ options: schema['options'] as string[], expects: schema['expects'] as string });
      for (const key of ['entries', 'item', 'wrapped', 'options', 'pipe', 'key', 'value'] as const) {
        const next = schema[key];
        if (Array.isArray(next)) for (const item of next) walk(item, depth + 1);
        else if (next && typeof next === 'object') {
          if (key === 'entries') for (const entry of Object.values(next)) walk(entry, depth + 1);
          else walk(next, depth + 1);
        }
      }
    };
    for (const name of standardCapabilityNames) {
      const module = await capabilityTable[name].load();
      walk(module.request, 0);
      walk(module.response, 0);
    }
    walk(common.ExecutionSummary, 0);
    expect(found.length).toBeGreaterThan(10);
    for (const { options, expects } of found) {
      const real = v.picklist(options);
      expect({ options, expects }).toEqual({ options, expects: real.expects });
    }
  });
});
