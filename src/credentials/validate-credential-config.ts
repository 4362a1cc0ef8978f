import { ConnectorError } from '../errors/connector-error.ts';
import type { CapabilityHandler, CredentialConfig } from '../integration/types.ts';
import type { AuthCredential, ValidateCredentialConfig, ValidatedCredentialConfig } from '../wire/generated/models.ts';

/**
 * The built-in `validate_credential_config` of multi-credential integrations (reference §4.5):
 * checks one credential against its configuration, then runs the configuration's own `validate`.
 */
export function validateCredentialConfig(
  configs: readonly CredentialConfig[],
): CapabilityHandler<ValidateCredentialConfig, ValidatedCredentialConfig, unknown> {
  return async (args, context) => {
    const { credential } = args.request;
    if (!credential.id) throw new ConnectorError('Received credential without an ID', 'bad_request');
    const config = configs.find((candidate) => candidate.id === credential.id);
    if (!config) throw new ConnectorError(`Missing credential configuration for ID ${credential.id}`, 'bad_request');
    const value = credential[config.type];
    if (value == null) throw new ConnectorError(`Invalid or malformed credential received: expected a '${config.type}' credential`, 'bad_request');

    const errors = valueProblems(value as Record<string, unknown>);
    if (errors.length > 0) return { response: { valid: false, validation_errors: errors } };
    if (!config.validate) return { response: { valid: true, validation_errors: [] } };
    const result = await config.validate(credential as AuthCredential, context);
    const validation_errors = result.validation_errors ?? [];
    if (!result.valid && validation_errors.length === 0) validation_errors.push('Credential is invalid, unexpected error occurred');
    return { response: { valid: result.valid, validation_errors } };
  };
}

function valueProblems(value: Record<string, unknown>): string[] {
  const entries = Object.entries(value);
  if (entries.length === 0) return ['Credential is missing required fields'];
  const problems = new Set<string>();
  for (const [, item] of entries) {
    if (item === '') problems.add('A required field is empty, please provide a value before submitting again');
    else if (typeof item === 'string' && item !== item.trim()) problems.add('Credential has extra whitespace, please remove it before submitting it again');
  }
  return [...problems];
}
