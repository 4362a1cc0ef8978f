import { describe, expect, setDefaultTimeout, test } from 'bun:test';
import { envelope, errorEnvelope, expectEnvelope, runCapability } from './helpers.ts';

// Each test spawns real processes, many at once: leave room on a loaded machine.
setDefaultTimeout(30_000);

interface Walk {
  /** The identity of every item, in the order the pages gave them. */
  ids: string[];
  /** How many items each page held. */
  pageLengths: number[];
  /** Every token handed out, in order. */
  tokens: string[];
  /** The `page` of the last envelope. */
  lastPage: unknown;
}

/**
 * Walks a paginated capability to its end the way the agent does: one process per page, each
 * given the previous page's token. Stops (and lets the assertions fail) on a repeated token.
 */
async function walk(capability: string, accountCount: number, size: number, idOf: (item: any) => string, maxPages: number): Promise<Walk> {
  const result: Walk = { ids: [], pageLengths: [], tokens: [], lastPage: undefined };
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const run = await runCapability(
      capability,
      envelope({}, { settings: { account_count: accountCount }, page: token === undefined ? { size } : { token, size } }),
    );
    const json = expectEnvelope(run);
    if (json.is_error) throw new Error(`page ${page + 1} of ${capability} failed: ${JSON.stringify(json.error)}`);
    result.ids.push(...(json.response as unknown[]).map(idOf));
    result.pageLengths.push(json.response.length);
    result.lastPage = json.page;
    if (json.page === null) return result;
    expect(json.page).toEqual({ token: expect.any(String), size });
    if (result.tokens.includes(json.page.token)) return result;
    result.tokens.push(json.page.token);
    token = json.page.token;
  }
  return result;
}

const duplicates = (values: string[]) => values.filter((value, index) => values.indexOf(value) !== index);
/** Faster duplicate count for long lists. */
const duplicateCount = (values: string[]) => values.length - new Set(values).size;

const accountIds = (count: number) => Array.from({ length: count }, (_, index) => `user-${String(index + 1).padStart(6, '0')}`);

describe('list_accounts walked to the end, one process per page', () => {
  const cases = [
    { size: 1, accounts: 7 },
    { size: 7, accounts: 2345 },
    { size: 100, accounts: 2345 },
    { size: 1000, accounts: 2345 },
    { size: 1000, accounts: 100_000 },
  ];
  for (const { size, accounts } of cases) {
    test.concurrent(`page size ${size} over ${accounts} accounts`, async () => {
      const pages = Math.ceil(accounts / size);
      const result = await walk('list_accounts', accounts, size, (account) => account.integration_specific_id, pages + 5);
      expect({
        items: result.ids.length,
        duplicateIds: duplicateCount(result.ids),
        repeatedTokens: duplicates(result.tokens),
        pages: result.pageLengths.length,
        lastPage: result.lastPage,
        // Every page is full but the last, and the last is not empty.
        shortPages: result.pageLengths.slice(0, -1).filter((length) => length !== size).length,
        lastPageLength: result.pageLengths.at(-1),
      }).toEqual({
        items: accounts,
        duplicateIds: 0,
        repeatedTokens: [],
        pages,
        lastPage: null,
        shortPages: 0,
        lastPageLength: accounts - (pages - 1) * size,
      });
      // In order, with nothing skipped.
      expect(result.ids).toEqual(accountIds(accounts));
    }, 120_000);
  }
});

describe('find_entitlement_associations walked to the end, one process per page', () => {
  const cases = [
    { size: 1, accounts: 7 },
    { size: 7, accounts: 2345 },
    { size: 100, accounts: 2345 },
    { size: 1000, accounts: 2345 },
    { size: 1000, accounts: 100_000 },
  ];
  for (const { size, accounts } of cases) {
    test.concurrent(`page size ${size} over ${accounts} accounts`, async () => {
      const idOf = (a: any) => `${a.account_id}|${a.integration_specific_entitlement_id}|${a.integration_specific_resource_id}`;
      const result = await walk('find_entitlement_associations', accounts, size, idOf, accounts + 5);
      expect({
        items: result.ids.length,
        duplicateIds: duplicateCount(result.ids),
        repeatedTokens: duplicates(result.tokens),
        lastPage: result.lastPage,
        emptyPages: result.pageLengths.filter((length) => length === 0).length,
        accountsCovered: new Set(result.ids.map((id) => id.split('|')[0])).size,
      }).toEqual({
        items: accounts * 2,
        duplicateIds: 0,
        repeatedTokens: [],
        lastPage: null,
        emptyPages: 0,
        accountsCovered: accounts,
      });
      // Each page holds at least the size asked for, except the last one.
      expect(result.pageLengths.slice(0, -1).filter((length) => length < size)).toEqual([]);
    }, 120_000);
  }
});

describe('page tokens of another list, or no token at all, are invalid_page_token', () => {
  async function tokenOf(capability: string, accountCount = 10): Promise<string> {
    const json = expectEnvelope(await runCapability(capability, envelope({}, { settings: { account_count: accountCount }, page: { size: 1 } })));
    expect(json.page).toEqual({ token: expect.any(String), size: 1 });
    return json.page.token;
  }

  const invalid = (capability: string, message: string) =>
    errorEnvelope({ message, error_code: 'invalid_page_token', raised_by: 'ConnectorError', raised_in: `mock-connector:${capability}` });

  test.concurrent('a list_resources token used on list_accounts', async () => {
    const token = await tokenOf('list_resources');
    const json = expectEnvelope(await runCapability('list_accounts', envelope({}, { page: { token, size: 1 } })));
    expect(json).toEqual(invalid('list_accounts', 'The page token belongs to another list (resources), not accounts.'));
  });

  test.concurrent('a list_accounts token used on find_entitlement_associations', async () => {
    const token = await tokenOf('list_accounts');
    const json = expectEnvelope(await runCapability('find_entitlement_associations', envelope({}, { page: { token, size: 1 } })));
    expect(json).toEqual(invalid('find_entitlement_associations', 'The page token belongs to another list (accounts), not associations.'));
  });

  test.concurrent('a find_entitlement_associations token used on list_accounts', async () => {
    const token = await tokenOf('find_entitlement_associations');
    const json = expectEnvelope(await runCapability('list_accounts', envelope({}, { page: { token, size: 1 } })));
    expect(json).toEqual(invalid('list_accounts', 'The page token belongs to another list (associations), not accounts.'));
  });

  for (const [label, token] of [
    ['a garbage token', 'not a token at all!'],
    ['base64 of something that is not a cursor', Buffer.from('{"v":2,"o":-1}').toString('base64url')],
    ['base64 of a negative offset', Buffer.from('{"v":1,"l":"accounts","o":-5}').toString('base64url')],
  ] as const) {
    for (const capability of ['list_accounts', 'find_entitlement_associations']) {
      test.concurrent(`${label} on ${capability}`, async () => {
        const json = expectEnvelope(await runCapability(capability, envelope({}, { page: { token, size: 10 } })));
        expect(json).toEqual(invalid(capability, 'The page token is malformed: start the list again without a token.'));
      });
    }
  }

  test.concurrent('an empty token starts the list again', async () => {
    const json = expectEnvelope(await runCapability('list_accounts', envelope({}, { settings: { account_count: 2 }, page: { token: '', size: 1 } })));
    expect(json.response.map((account: any) => account.integration_specific_id)).toEqual(['user-000001']);
  });
});
