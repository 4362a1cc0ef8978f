import type { Integration } from '../integration/create-integration.ts';
import { secretKeys } from '../integration/schema-introspection.ts';
import { requestSecretValues } from '../dispatch/request-secrets.ts';

/**
 * Every secret value of a request envelope, by the rule `dispatch` masks with (credential values
 * other than identifiers, values under a redacted key, settings marked `secret()`, whatever their
 * JSON type). The one place the testing kit learns a request's secrets.
 */
export function requestSecrets(integration: Integration<any> | undefined, envelope: Record<string, unknown>): Set<string> {
  const parts = { auth: envelope['auth'], credentials: envelope['credentials'], settings: envelope['settings'], request: envelope['request'] };
  return requestSecretValues(parts, secretKeys(integration?.options.settings));
}
