/** The PatchOp message's schema URN (RFC 7644 §3.5.2). */
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** One PATCH operation. */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

/** A PatchOp request body of `operations`. */
export function patchOp(operations: PatchOperation[]) {
  return { schemas: [patchOpSchema], Operations: operations };
}

/** A string as a SCIM filter literal: JSON string syntax, as RFC 7644 §3.4.2.2 specifies. */
export function filterString(value: string): string {
  return JSON.stringify(value);
}
