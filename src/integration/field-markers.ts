import * as v from 'valibot';

/**
 * Marks a settings or credential field as secret: masked in logs and errors, shown as a password field.
 *
 * @example
 * v.object({ apiKey: v.pipe(v.string(), secret()) })
 */
export function secret() {
  return v.metadata({ 'x-secret': true, 'x-field_type': 'SECRET' });
}

/** Marks a settings field as hidden from the person filling in the form. */
export function hidden() {
  return v.metadata({ 'x-hidden': true, 'x-field_type': 'HIDDEN' });
}
