import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { join } from 'node:path';
import { basicAuth, errorEnvelope, expectEnvelope, fixtures, runConnector } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

const program = join(fixtures, 'broken-connector-fixture.ts');
const body = JSON.stringify({ auth: basicAuth, request: { account_id: 'someone', account_ids: ['someone'] } });

const broken = (error: Parameters<typeof errorEnvelope>[0]) => errorEnvelope({ app_id: 'broken-connector', ...error });

async function run(capability: string) {
  const result = await runConnector([capability, '--json', body], { program });
  return { exitCode: result.exitCode, json: expectEnvelope(result), stderr: result.stderr };
}

describe('a handler that returns the wrong shape becomes invalid_response, naming the path (broken-connector-fixture)', () => {
  test.concurrent('an account id that is a number: the path is response[1].integration_specific_id', async () => {
    const { exitCode, json, stderr } = await run('list_accounts');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message:
          'Unexpected response from executed capability: the list_accounts handler returned response[1].integration_specific_id: expected string, received 42',
        error_code: 'invalid_response',
      }),
    });
    expect(stderr).toContain('ERROR broken-connector: broken-connector/invalid_response: ');
  });

  test.concurrent('a bare list instead of a result object', async () => {
    const { exitCode, json } = await run('list_resources');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message: expect.stringMatching(/^Unexpected response from executed capability: the list_resources handler returned response: /),
        error_code: 'invalid_response',
      }),
    });
  });

  test.concurrent('a page token that is not a string: the path is page.token', async () => {
    const { exitCode, json } = await run('list_entitlements');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message: 'Unexpected response from executed capability: the list_entitlements handler returned page.token: expected string, received 7',
        error_code: 'invalid_response',
      }),
    });
  });
});

describe('a handler that throws a plain error becomes unexpected_error (broken-connector-fixture)', () => {
  test.concurrent('a TypeError from the engine: raised_by TypeError, raised_in <app_id>:<capability>', async () => {
    const { exitCode, json, stderr } = await run('get_account');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({ message: expect.any(String), error_code: 'unexpected_error', raised_by: 'TypeError', raised_in: 'broken-connector:get_account' }),
    });
    expect(json.error.message).toMatch(/undefined/);
    // The stack trace stays out of both streams.
    expect(stderr).not.toMatch(/^\s{4}at /m);
  });

  test.concurrent('a plain TypeError thrown by the handler', async () => {
    const { exitCode, json } = await run('find_entitlement_associations');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message: 'expected the membership list to be an array',
        error_code: 'unexpected_error',
        raised_by: 'TypeError',
        raised_in: 'broken-connector:find_entitlement_associations',
      }),
    });
  });

  test.concurrent('a rejected promise with a RangeError', async () => {
    const { exitCode, json } = await run('get_last_activity');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message: 'page index out of range',
        error_code: 'unexpected_error',
        raised_by: 'RangeError',
        raised_in: 'broken-connector:get_last_activity',
      }),
    });
  });

  test.concurrent('a thrown string', async () => {
    const { exitCode, json } = await run('list_custom_attributes_schema');
    expect({ exitCode, json }).toEqual({
      exitCode: 0,
      json: broken({
        message: 'plain string thrown',
        error_code: 'unexpected_error',
        raised_by: 'string',
        raised_in: 'broken-connector:list_custom_attributes_schema',
      }),
    });
  });
});

test.concurrent('the broken connector still describes itself: info lists what it registered', async () => {
  const result = await runConnector(['info'], { program });
  expect(expectEnvelope(result).response.capabilities).toEqual([
    'app_info',
    'find_entitlement_associations',
    'get_account',
    'get_last_activity',
    'list_accounts',
    'list_custom_attributes_schema',
    'list_entitlements',
    'list_resources',
  ]);
});
