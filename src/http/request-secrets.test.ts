import { expect, test } from 'bun:test';
import { createSecretSet } from '../logging/redact.ts';
import { withRequestSecrets } from '../logging/logger.ts';
import { clientSecrets } from './request-secrets.ts';

test('outside a dispatch, every credential value but identifiers, and settings under secret keys, are secrets', () => {
  const secrets = clientSecrets(
    {
      auth: { basic: { username: 'admin-user', password: 'pw-1234' } },
      credentials: [
        { id: 'cred-1', oauth1: { consumer_key: 'ck-1234', consumer_secret: 'cs-1234', token_id: 'ti-1234', token_secret: 'ts-1234' } },
        { oauth_client_credentials: { access_token: 'at-1234', client_id: 'client-1', client_secret: 'sec-1234', scopes: ['read:all'] } },
      ],
      settings: { base_url: 'https://acme.test', api_key: 'key-1234', nested: { password: 'np-1234' }, short: { token: 'ab' }, pin: { password: 12345678 } },
    },
    [],
    [],
  );
  expect([...secrets].sort()).toEqual(['12345678', 'at-1234', 'ck-1234', 'cs-1234', 'key-1234', 'np-1234', 'pw-1234', 'sec-1234', 'ti-1234', 'ts-1234']);
});

test("inside a dispatch, the client takes the request's secrets from the request, not from its arguments", () => {
  const secrets = withRequestSecrets(createSecretSet(['from-dispatch-1234']), false, () =>
    clientSecrets({ auth: { token: { token: 'ignored-1234' } } }, [], []),
  );
  expect([...secrets]).toEqual(['from-dispatch-1234']);
});

test('a client also masks derived values and proxy passwords', () => {
  const secrets = clientSecrets({ auth: { token: { token: 'tok!1234' } } }, ['derived-1234', 'ab'], ['http://u:p%40ss@proxy:3128', 'http://proxy:3128']);
  expect([...secrets].sort()).toEqual(['derived-1234', 'p%40ss', 'p@ss', 'tok!1234', Buffer.from('u:p@ss').toString('base64')].sort());
});
