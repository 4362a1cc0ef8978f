import { expect, test } from 'bun:test';
import { clientSecrets, requestSecrets } from './request-secrets.ts';

test('every credential string but identifiers, and settings under secret keys, are secrets', () => {
  const secrets = requestSecrets({
    auth: { basic: { username: 'admin-user', password: 'pw-1234' } },
    credentials: [
      { id: 'cred-1', oauth1: { consumer_key: 'ck-1234', consumer_secret: 'cs-1234', token_id: 'ti-1234', token_secret: 'ts-1234' } },
      { oauth_client_credentials: { access_token: 'at-1234', client_id: 'client-1', client_secret: 'sec-1234', scopes: ['read:all'] } },
    ],
    settings: { base_url: 'https://acme.test', api_key: 'key-1234', nested: { password: 'np-1234' }, short: { token: 'ab' } },
  });
  expect([...secrets].sort()).toEqual(['at-1234', 'ck-1234', 'cs-1234', 'key-1234', 'np-1234', 'pw-1234', 'sec-1234', 'ti-1234', 'ts-1234']);
});

test('a client also masks derived values, proxy passwords and the query-string form of each secret', () => {
  const secrets = clientSecrets({ auth: { token: { token: 'tok!1234' } } }, ['derived-1234', 'ab'], ['http://u:p%40ss@proxy:3128', 'http://proxy:3128']);
  expect([...secrets].sort()).toEqual(['derived-1234', 'p%40ss', 'p%2540ss', 'p@ss', 'tok!1234', 'tok%211234', Buffer.from('u:p@ss').toString('base64')].sort());
});
