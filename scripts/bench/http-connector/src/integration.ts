import { createIntegration } from 'lumos-connector-sdk';
import { createHttpClient, fetchCursorPage, openPage } from 'lumos-connector-sdk/http';
import packageJson from '../package.json' with { type: 'json' };
import { ApiUsersPage } from './api-user.ts';
import { BenchSettings } from './settings.ts';
import { toAccount } from './to-account.ts';

/** The bench connector: `list_accounts` over the fake API, written the way the scaffold writes it. */
export const integration = createIntegration({
  appId: 'bench-http-connector',
  version: packageJson.version,
  description: { userFriendlyName: 'Bench HTTP connector', categories: ['DEVELOPERS'] },
  auth: 'token',
  settings: BenchSettings,
}).register('list_accounts', async (args) => {
  // maxSize is raised so the memory bench can ask one call for 100,000 items.
  const position = openPage(args.page, { list: 'accounts', defaultSize: 100, maxSize: 100_000 });
  const client = createHttpClient(args, { baseUrl: args.settings.base_url, auth: { kind: 'bearer' }, timeoutMs: 30_000 });
  const users = await fetchCursorPage(client, position, {
    path: '/users',
    schema: ApiUsersPage,
    items: (page) => page.items,
    nextCursor: (page) => page.next_cursor,
  });
  return { response: users.items.map(toAccount), page: position.next(users.next), raw_data: client.rawData() };
});
