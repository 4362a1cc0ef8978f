import { ConnectorError } from '../errors/connector-error.ts';
import type { AuthCredential } from '../wire/generated/models.ts';
import type { CredentialKind } from '../integration/types.ts';

/** The part of a handler's arguments that carries credentials. */
export interface CarriesCredentials {
  auth: AuthCredential | null;
  credentials: AuthCredential[] | null;
}

/** The credential object of one kind, e.g. `{ username, password }` for `basic`. */
export type CredentialOf<TKind extends CredentialKind> = NonNullable<AuthCredential[TKind]>;

/**
 * Finds the credential of a kind in either style: `auth`, or `credentials` (by `id` when given,
 * else the first of that kind). Throws a `bad_request` ConnectorError when there is none.
 *
 * @example
 * const { username, password } = getCredential(args, 'basic');
 */
export function getCredential<TKind extends CredentialKind>(args: CarriesCredentials, kind: TKind, id?: string): CredentialOf<TKind> {
  const found = findCredential(args, kind, id);
  if (found === undefined) {
    const where = id === undefined ? '' : ` with id '${id}'`;
    throw new ConnectorError(`The request carries no '${kind}' credential${where}.`, 'bad_request');
  }
  return found;
}

/** Like {@link getCredential}, but returns undefined instead of throwing. */
export function findCredential<TKind extends CredentialKind>(args: CarriesCredentials, kind: TKind, id?: string): CredentialOf<TKind> | undefined {
  if (id === undefined && args.auth?.[kind] != null) return args.auth[kind] as CredentialOf<TKind>;
  for (const credential of args.credentials ?? []) {
    if (id !== undefined && credential.id !== id) continue;
    if (credential[kind] != null) return credential[kind] as CredentialOf<TKind>;
  }
  return undefined;
}

/** The `basic` credential (username and password). */
export const getBasicAuth = (args: CarriesCredentials, id?: string): CredentialOf<'basic'> => getCredential(args, 'basic', id);
/** The `token` credential. */
export const getTokenAuth = (args: CarriesCredentials, id?: string): CredentialOf<'token'> => getCredential(args, 'token', id);
/** The `oauth` credential (an access token). */
export const getOAuth = (args: CarriesCredentials, id?: string): CredentialOf<'oauth'> => getCredential(args, 'oauth', id);
/** The `oauth_client_credentials` credential. */
export const getOAuthClientCredentials = (args: CarriesCredentials, id?: string): CredentialOf<'oauth_client_credentials'> =>
  getCredential(args, 'oauth_client_credentials', id);
/** The `oauth1` credential. */
export const getOAuth1 = (args: CarriesCredentials, id?: string): CredentialOf<'oauth1'> => getCredential(args, 'oauth1', id);
/** The `jwt` credential. */
export const getJwtAuth = (args: CarriesCredentials, id?: string): CredentialOf<'jwt'> => getCredential(args, 'jwt', id);
/** The `service_account` credential. */
export const getServiceAccountAuth = (args: CarriesCredentials, id?: string): CredentialOf<'service_account'> => getCredential(args, 'service_account', id);
/** The `key_pair` credential. */
export const getKeyPairAuth = (args: CarriesCredentials, id?: string): CredentialOf<'key_pair'> => getCredential(args, 'key_pair', id);

/** The access token of whichever OAuth credential the request carries (`oauth` or `oauth_client_credentials`). */
export function getAccessToken(args: CarriesCredentials, id?: string): string {
  const token = findCredential(args, 'oauth', id)?.access_token ?? findCredential(args, 'oauth_client_credentials', id)?.access_token;
  if (token === undefined) throw new ConnectorError("The request carries no 'oauth' or 'oauth_client_credentials' credential.", 'bad_request');
  return token;
}
