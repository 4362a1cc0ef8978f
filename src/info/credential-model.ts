import type * as v from 'valibot';
import type { CredentialKind } from '../integration/types.ts';
import { AuthCredential } from '../wire/generated/models.ts';

/** The credential model of a kind, e.g. `BasicCredential` for `basic`, with its title and `x-credential-type`. */
export function credentialModel(kind: CredentialKind): v.GenericSchema {
  let schema = AuthCredential.entries[kind] as v.GenericSchema & { wrapped?: v.GenericSchema };
  // Only the nullish wrapper is peeled off: the model's own pipe carries its metadata.
  while (schema.wrapped) schema = schema.wrapped as typeof schema;
  return schema;
}
