import { requestSecretValues } from '../dispatch/request-secrets.ts';
import { currentRequestSecrets } from '../logging/logger.ts';
import { minimumSecretLength } from '../logging/redact.ts';
import { proxySecrets } from './proxy-for-url.ts';

/** The part of a handler's arguments that may carry secrets. */
export interface CarriesSecrets {
  auth?: unknown;
  credentials?: unknown;
  settings?: unknown;
}

/**
 * Every value a client must mask: the request's secrets (dispatch's, taken from the request being
 * run; worked out by the same rule from `args` when the client is made outside a dispatch, as in
 * a unit test), values derived from them (`derived`, e.g. Basic credentials) and proxy passwords.
 */
export function clientSecrets(args: CarriesSecrets, derived: Iterable<string>, proxies: readonly string[]): Set<string> {
  const scoped = currentRequestSecrets();
  const secrets = scoped ? new Set(scoped.values) : requestSecretValues(args);
  for (const secret of derived) if (secret.length >= minimumSecretLength) secrets.add(secret);
  for (const proxy of proxies) for (const secret of proxySecrets(proxy)) secrets.add(secret);
  return secrets;
}
