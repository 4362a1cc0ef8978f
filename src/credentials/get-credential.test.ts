import { describe, expect, test } from 'bun:test';
import { dispatch } from '../dispatch/dispatch.ts';
import { ConnectorError } from '../errors/connector-error.ts';
import { createIntegration } from '../integration/create-integration.ts';
import {
  findCredential,
  getAccessToken,
  getBasicAuth,
  getCredential,
  getJwtAuth,
  getKeyPairAuth,
  getOAuth,
  getOAuth1,
  getOAuthClientCredentials,
  getServiceAccountAuth,
  getTokenAuth,
} from './get-credential.ts';

const jwt = {
  headers: { alg: 'RS256', jku: '', jwk: '', typ: 'JWT', kid: 'k', x5u: '', x5c: '', x5t: '', 'x5t#S256': '', cty: '', crit: [] },
  claims: { iss: 'i', sub: 's', aud: 'a', exp: 1, nbf: 1, iat: 1, jti: 'j', act: '', scope: [], client_id: 'c', may_act: '' },
  secret: 'jwt-secret',
};
const all = {
  basic: { username: 'u', password: 'p' },
  token: { token: 't' },
  oauth: { access_token: 'a' },
  oauth_client_credentials: { access_token: 'cc', client_id: 'id', client_secret: 'cs', scopes: [] },
  oauth1: { consumer_key: 'ck', consumer_secret: 'cs', token_id: 'ti', token_secret: 'ts' },
  jwt,
  service_account: { key: { k: 1 }, impersonation_email: 'e', tenant_id: 't', scopes: [] },
  key_pair: { key_identifier: 'ki', private_key: 'pk' },
};

describe('credential getters', () => {
  test('read every kind from auth and from credentials', () => {
    const getters = [getBasicAuth, getTokenAuth, getOAuth, getOAuthClientCredentials, getOAuth1, getJwtAuth, getServiceAccountAuth, getKeyPairAuth];
    const kinds = Object.keys(all) as (keyof typeof all)[];
    for (const [index, getter] of getters.entries()) {
      const kind = kinds[index]!;
      expect(getter({ auth: { [kind]: all[kind] }, credentials: null })).toEqual(all[kind] as never);
      expect(getter({ auth: null, credentials: [{ id: 'x', [kind]: all[kind] }] }, 'x')).toEqual(all[kind] as never);
    }
  });

  test('select by id in the credentials style', () => {
    const args = {
      auth: null,
      credentials: [
        { id: 'a', token: { token: 'one' } },
        { id: 'b', token: { token: 'two' } },
      ],
    };
    expect(getTokenAuth(args).token).toBe('one');
    expect(getTokenAuth(args, 'b').token).toBe('two');
    expect(findCredential(args, 'token', 'c')).toBeUndefined();
  });

  test('a missing credential is a bad_request ConnectorError', () => {
    expect(() => getCredential({ auth: { token: { token: 'x' } }, credentials: null }, 'basic')).toThrow(
      new ConnectorError("The request carries no 'basic' credential.", 'bad_request'),
    );
  });

  test('getAccessToken takes either OAuth kind', () => {
    expect(getAccessToken({ auth: { oauth: { access_token: 'a1' } }, credentials: null })).toBe('a1');
    expect(getAccessToken({ auth: null, credentials: [{ id: 'c', oauth_client_credentials: all.oauth_client_credentials }] })).toBe('cc');
  });
});

describe('validate_credential_config', () => {
  const integration = createIntegration({
    appId: 'acme',
    version: '1',
    description: { userFriendlyName: 'Acme', categories: ['OTHER'] },
    credentials: [
      { id: 'admin', type: 'basic', validate: (credential) => ({ valid: credential.basic?.username === 'root', validation_errors: [] }) },
      { id: 'api', type: 'token', optional: true },
    ],
  });
  const run = async (credential: unknown) =>
    (await dispatch(integration, 'validate_credential_config', JSON.stringify({ request: { credential } }))).envelope as any;

  test('is registered for multi-credential integrations and runs the checks in order', async () => {
    expect(integration.capabilities.get('validate_credential_config')?.level).toBe('validation');
    expect((await run({ basic: { username: 'a', password: 'b' } })).error.message).toBe('Received credential without an ID');
    expect((await run({ id: 'x', basic: { username: 'a', password: 'b' } })).error.message).toBe('Missing credential configuration for ID x');
    expect((await run({ id: 'admin', token: { token: 'abc' } })).error.message).toStartWith('Invalid or malformed credential received');
    expect((await run({ id: 'admin', basic: { username: ' root', password: '' } })).response).toEqual({
      valid: false,
      validation_errors: [
        'Credential has extra whitespace, please remove it before submitting it again',
        'A required field is empty, please provide a value before submitting again',
      ],
    });
    expect((await run({ id: 'admin', basic: { username: 'root', password: 'pw' } })).response).toEqual({ valid: true, validation_errors: [] });
    expect((await run({ id: 'admin', basic: { username: 'bob', password: 'pw' } })).response).toEqual({
      valid: false,
      validation_errors: ['Credential is invalid, unexpected error occurred'],
    });
    expect((await run({ id: 'api', token: { token: 'abc' } })).response).toEqual({ valid: true, validation_errors: [] });
  });
});
