import type * as v from 'valibot';
import { unwrapSchema } from '../integration/schema-introspection.ts';
import type { CredentialKind } from '../integration/types.ts';
import { AuthCredential } from '../wire/generated/models.ts';

/** The credential model of a kind, e.g. `BasicCredential` for `basic`. */
export function credentialModel(kind: CredentialKind): v.GenericSchema {
  return unwrapSchema(AuthCredential.entries[kind] as v.GenericSchema) as v.GenericSchema;
}
