import type { AuthCredential } from '../wire/generated/models.ts';
import type { IntegrationOptions } from '../integration/types.ts';

/** The credentials part of a validated request envelope. */
export interface CredentialsPart {
  auth?: AuthCredential | null | undefined;
  credentials?: AuthCredential[] | null | undefined;
}

/**
 * Checks that a request carries the credentials the integration needs (reference §1.6).
 * Returns the problem in words, or undefined when the request may go on.
 */
export function authProblem(options: Pick<IntegrationOptions, 'auth' | 'credentials'>, part: CredentialsPart, required: boolean): string | undefined {
  const { auth, credentials } = part;
  if (auth != null && credentials != null) {
    return "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.";
  }
  if (!required) return undefined;
  const configs = options.credentials;
  const kind = options.auth;
  if (kind === undefined && configs === undefined) return undefined;
  if (auth == null && credentials == null) return 'Missing auth/credentials in request';
  if (credentials != null && credentials.length === 0) return 'Missing credentials in request';

  if (configs === undefined) {
    if (auth != null) return auth[kind!] == null ? `Missing '${kind}' auth in request` : undefined;
    return credentials!.some((credential) => credential[kind!] != null) ? undefined : `Missing '${kind}' credential in request`;
  }

  if (credentials == null) {
    return `This connector takes its credentials as "credentials" (ids: ${configs.map((config) => config.id).join(', ')}), not as "auth".`;
  }
  for (const [index, credential] of credentials.entries()) {
    if (!credential.id) return `Missing ID in credential at index ${index}`;
    const config = configs.find((candidate) => candidate.id === credential.id);
    if (!config) return `Credential with id '${credential.id}' not expected`;
    if (credential[config.type] == null) return `Missing '${config.type}' credential in request`;
  }
  for (const config of configs) {
    if (config.optional) continue;
    if (!credentials.some((credential) => credential.id === config.id)) {
      return `Missing '${config.type}' credential in request: the credential with id '${config.id}' is required`;
    }
  }
  return undefined;
}
