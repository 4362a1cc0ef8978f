import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';
import { createIntegration } from '../integration/create-integration.ts';
import { dispatch } from './dispatch.ts';
import { fastCheckMinItems } from '../validation/fast-check.ts';

const description = { userFriendlyName: 'Acme', categories: ['OTHER' as const] };
const Settings = v.object({ base_url: v.pipe(v.string(), v.title('Base URL')), page_size: v.optional(v.number(), 25) });
const basic = { basic: { username: 'ada', password: 'hunter2-secret' } };

function single() {
  return createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'basic', settings: Settings })
    .register('list_accounts', ({ settings, page, include_raw_data }) => ({
      response: [{ integration_specific_id: `${settings.base_url}:${settings.page_size}:${page?.size ?? '-'}:${include_raw_data}` }],
    }))
    .register('get_account', ({ request }) => {
      throw new ConnectorError(`No account ${request.account_id}`, 'not_found', { appErrorCode: 'acme.missing' });
    })
    .register('delete_account', () => ({ response: { wrong: true } }) as never)
    .register('activate_account', () => {
      throw new Error('boom with hunter2-secret inside');
    });
}

function multi() {
  return createIntegration({
    appId: 'acme',
    version: '1.0.0',
    description,
    credentials: [
      { id: 'admin', type: 'basic' },
      { id: 'api', type: 'token', optional: true },
    ],
  }).register('validate_credentials', () => ({ response: { valid: true, unique_tenant_id: 't' } }));
}

async function run(integration: ReturnType<typeof single> | ReturnType<typeof multi>, name: string, body: unknown) {
  return (await dispatch(integration, name, typeof body === 'string' ? body : JSON.stringify(body))).envelope as any;
}

const error = (message: string, error_code = 'bad_request') => ({
  is_error: true,
  error: { message, status_code: null, app_error_code: null, error_code, app_id: 'acme', raised_by: null, raised_in: null },
  response: null,
  page: null,
  raw_data: null,
});

describe('dispatch', () => {
  test('hands the handler parsed settings with defaults, the page and include_raw_data', async () => {
    const envelope = await run(single(), 'list_accounts', { auth: basic, request: {}, settings: { base_url: 'https://x', extra: 1 }, page: { size: 5 } });
    expect(envelope).toEqual({ response: [{ integration_specific_id: 'https://x:25:5:false' }], page: null, raw_data: null });
  });

  test('an unknown capability is not_implemented', async () => {
    expect(await run(single(), 'list_expenses', {})).toEqual(error("Capability 'list_expenses' is not implemented.", 'not_implemented'));
  });

  test('checks run in order: JSON, envelope, credentials, settings', async () => {
    const s = single();
    expect((await run(s, 'list_accounts', '{nope')).error.message).toStartWith('Invalid request - the input is not valid JSON');
    expect((await run(s, 'list_accounts', '[1]')).error.message).toStartWith('Invalid request, expected JSON input.');
    expect((await run(s, 'list_accounts', { settings: 3 })).error.message).toBe(
      'Invalid request - request: is required but missing; settings: expected Object, received 3',
    );
    expect((await run(s, 'list_accounts', { request: {}, settings: {} })).error.message).toBe('Missing auth/credentials in request');
    expect((await run(s, 'list_accounts', { auth: basic, request: {} })).error.message).toBe(
      'No settings passed on request: acme requires settings (Base URL).',
    );
    expect((await run(s, 'list_accounts', { auth: basic, request: {}, settings: {} })).error.message).toBe(
      'Invalid settings passed on request. Missing required settings: Base URL.',
    );
    expect((await run(s, 'list_accounts', { auth: basic, request: {}, settings: { base_url: 'x', page_size: '3' } })).error.message).toBe(
      'Invalid settings passed on request. settings.page_size: expected number, received "3"',
    );
  });

  test('credentials checks of the single-auth style', async () => {
    const s = single();
    const settings = { base_url: 'x' };
    expect(await run(s, 'list_accounts', { auth: basic, credentials: [basic], request: {}, settings })).toEqual(
      error(
        "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.",
      ),
    );
    expect((await run(s, 'list_accounts', { auth: { token: { token: 'abcd' } }, request: {}, settings })).error.message).toBe(
      "Missing 'basic' auth in request",
    );
    expect((await run(s, 'list_accounts', { auth: { basic: { username: 1 } }, request: {}, settings })).error.message).toStartWith(
      'Malformed credentials in request - auth.basic.username: expected string, received 1',
    );
    expect((await run(s, 'list_accounts', { credentials: [], request: {}, settings })).error.message).toBe('Missing credentials in request');
    expect((await run(s, 'list_accounts', { credentials: [{ id: 'x', ...basic }], request: {}, settings })).response).toHaveLength(1);
  });

  test('credentials checks of the multi-credential style', async () => {
    const m = multi();
    const ok = { id: 'admin', ...basic };
    expect((await run(m, 'validate_credentials', { credentials: [ok], request: {} })).response).toEqual({ valid: true, unique_tenant_id: 't' });
    expect((await run(m, 'validate_credentials', { credentials: [basic], request: {} })).error.message).toBe('Missing ID in credential at index 0');
    expect((await run(m, 'validate_credentials', { credentials: [ok, { id: 'other', ...basic }], request: {} })).error.message).toBe(
      "Credential with id 'other' not expected",
    );
    expect((await run(m, 'validate_credentials', { credentials: [{ id: 'admin', token: { token: 'abcd' } }], request: {} })).error.message).toBe(
      "Missing 'basic' credential in request",
    );
    expect((await run(m, 'validate_credentials', { credentials: [{ id: 'api', token: { token: 'abcd' } }], request: {} })).error.message).toBe(
      "Missing 'basic' credential in request: the credential with id 'admin' is required",
    );
    expect((await run(m, 'validate_credentials', { auth: basic, request: {} })).error.message).toContain('takes its credentials as "credentials"');
  });

  test('a ConnectorError becomes its error envelope with raised_by and raised_in', async () => {
    expect(await run(single(), 'get_account', { auth: basic, request: { account_id: '42' }, settings: { base_url: 'x' } })).toEqual({
      is_error: true,
      error: {
        message: 'No account 42',
        status_code: null,
        app_error_code: 'acme.missing',
        error_code: 'not_found',
        app_id: 'acme',
        raised_by: 'ConnectorError',
        raised_in: 'acme:get_account',
      },
      response: null,
      page: null,
      raw_data: null,
    });
  });

  test('a thrown Error is unexpected_error, and secrets of the request are masked in its message', async () => {
    const envelope = await run(single(), 'activate_account', { auth: basic, request: { account_id: '1' }, settings: { base_url: 'x' } });
    expect(envelope.error).toMatchObject({ message: 'boom with REDACTED inside', error_code: 'unexpected_error', raised_by: 'Error' });
  });

  test('a handler result that breaks the wire schema is invalid_response naming the path', async () => {
    const envelope = await run(single(), 'delete_account', { auth: basic, request: { account_id: '1' }, settings: { base_url: 'x' } });
    expect(envelope.error.error_code).toBe('invalid_response');
    expect(envelope.error.message).toContain('response.status: is required but missing');
  });

  test('app_info needs neither credentials nor settings', async () => {
    const envelope = await run(single(), 'app_info', { request: {} });
    expect(envelope.response.app_id).toBe('acme');
    expect(envelope.response.app_schema.openapi).toBe('3.0.0');
  });

  test('unknown keys in the request are ignored, and strict types are not coerced', async () => {
    const s = single();
    const settings = { base_url: 'x' };
    expect((await run(s, 'list_accounts', { auth: basic, request: { surprise: 1 }, settings, extra: true })).response).toHaveLength(1);
    expect((await run(s, 'list_accounts', { auth: basic, request: {}, settings, include_raw_data: 'true' })).error.message).toBe(
      'Invalid request - include_raw_data: expected boolean, received "true"',
    );
  });
});

describe('the handler context carries the request secrets', () => {
  test("context.secrets holds the request's credentials, what the handler adds is masked in its error, and a numeric password never reaches it or the answer", async () => {
    const seen: string[][] = [];
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'basic', settings: Settings }).register(
      'get_account',
      (_args, context) => {
        seen.push([...context.secrets.values]);
        context.secrets.add(['derived-token-1234']);
        throw new Error(`upstream said derived-token-1234 and ${context.secrets.mask('hunter2-secret')}`);
      },
    );
    const envelope = await run(integration, 'get_account', {
      auth: { basic: { username: 'ada', password: 86753094471234 } },
      request: { account_id: 'a' },
      settings: { base_url: 'https://x' },
    });
    // A numeric password is refused by the wire schema, so the handler never runs and nothing leaks.
    expect(seen).toEqual([]);
    expect(JSON.stringify(envelope)).not.toContain('86753094471234');

    const answered = await run(integration, 'get_account', { auth: basic, request: { account_id: 'a' }, settings: { base_url: 'https://x' } });
    expect(seen).toEqual([['hunter2-secret']]);
    expect(answered.error.message).not.toContain('derived-token-1234');
    expect(answered.error.message).not.toContain('hunter2-secret');
  });
});

describe("the handler's result check", () => {
  function returning(result: unknown) {
    return createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'basic' }).register('list_accounts', () => result as never);
  }
  const list = (result: unknown) => run(returning(result), 'list_accounts', { auth: basic, request: {} });

  const largePage = () =>
    Array.from({ length: fastCheckMinItems }, (_, index) =>
      index % 2 === 0
        ? { integration_specific_id: `a${index}`, email: 'a@example.com', user_status: 'ACTIVE' }
        : { integration_specific_id: `b${index}`, extra_data: { team: 'x' } },
    );

  test('a valid large page is passed on as the handler built it, not copied', async () => {
    const accounts = largePage();
    const envelope = await list({ response: accounts, page: { token: 'next', size: accounts.length } });
    expect(envelope).toEqual({ response: accounts, page: { token: 'next', size: accounts.length }, raw_data: null });
    expect(envelope.response).toBe(accounts);
  });

  test("a small page of a wire list is checked by the wire's compiled check too, and passed on as built", async () => {
    const accounts = largePage().slice(0, 2);
    const envelope = await list({ response: accounts, page: { token: 'next', size: 2 }, raw_data: { kept: true } });
    expect(envelope).toEqual({ response: accounts, page: { token: 'next', size: 2 }, raw_data: { kept: true } });
    expect(envelope.response).toBe(accounts);
    // A malformed page token, or an execution summary, is still valibot's to judge.
    expect((await list({ response: accounts, page: { token: 5 } })).error.message).toBe(
      'Unexpected response from executed capability: the list_accounts handler returned page.token: expected string, received 5',
    );
    const summarised = await list({ response: accounts, execution_summary: { request_fingerprint: 'abc', is_idempotent: true } });
    expect(summarised.error.message).toContain('returned execution_summary.effect: ');
  });

  test('a small page of a custom list is checked by valibot alone (building a check would cost more), with the same answer', async () => {
    const Item = v.object({ id: v.string() });
    const integration = createIntegration({ appId: 'acme', version: '1.0.0', description, auth: 'basic' }).registerCustom(
      'list_widgets',
      { request: v.object({}), response: v.array(Item), level: 'read' },
      () => ({ response: items }),
    );
    const items = [{ id: 'a' }, { id: 'b' }];
    const envelope = await run(integration, 'list_widgets', { auth: basic, request: {} });
    expect(envelope).toEqual({ response: items, page: null, raw_data: null });
    expect(envelope.response).not.toBe(items);
  });

  test('a large page with a key the wire does not know, or a malformed item, gets valibot’s output and message', async () => {
    const extra = largePage();
    (extra[7] as Record<string, unknown>)['surprise'] = 1;
    const stripped = await list({ response: extra });
    expect(stripped.response).not.toBe(extra);
    expect(stripped.response[7]).toEqual({ integration_specific_id: 'b7', extra_data: { team: 'x' } });
    const malformed = largePage();
    (malformed[200] as Record<string, unknown>)['integration_specific_id'] = 7;
    expect((await list({ response: malformed })).error.message).toBe(
      'Unexpected response from executed capability: the list_accounts handler returned response[200].integration_specific_id: expected string, received 7',
    );
  });

  test('keys the wire does not know are stripped, as valibot strips them', async () => {
    const accounts = [{ integration_specific_id: 'a', surprise: 1 }];
    const envelope = await list({ response: accounts, extra: true });
    expect(envelope).toEqual({ response: [{ integration_specific_id: 'a' }], page: null, raw_data: null });
    expect(envelope.response).not.toBe(accounts);
  });

  test('a class instance is read as valibot reads it: its getters count, its other keys do not', async () => {
    class Account {
      integration_specific_id = 'a';
      internal = 'hidden';
      get email() {
        return 'a@example.com';
      }
    }
    expect(await list({ response: [new Account()] })).toEqual({
      response: [{ integration_specific_id: 'a', email: 'a@example.com' }],
      page: null,
      raw_data: null,
    });
  });

  test("a malformed page is invalid_response with valibot's message, as before", async () => {
    expect((await list({ response: [{ integration_specific_id: 'a' }, { integration_specific_id: 7 }] })).error).toMatchObject({
      error_code: 'invalid_response',
      message:
        'Unexpected response from executed capability: the list_accounts handler returned response[1].integration_specific_id: expected string, received 7',
    });
    expect((await list({ response: {} })).error.message).toBe(
      'Unexpected response from executed capability: the list_accounts handler returned response: expected Array, received Object',
    );
    expect((await list({ response: [], page: { size: Number.NaN } })).error.message).toBe(
      'Unexpected response from executed capability: the list_accounts handler returned page.size: expected number, received NaN',
    );
    expect((await list([{ integration_specific_id: 'a' }])).error.message).toBe(
      'Unexpected response from executed capability: the list_accounts handler returned response: is required but missing',
    );
  });
});
