import * as v from 'valibot';

const secretMarker = { 'x-secret': true, 'x-field_type': 'SECRET' } as const;
const hiddenMarker = { 'x-hidden': true, 'x-field_type': 'HIDDEN' } as const;

/**
 * Marks a settings or credential field as secret: masked in logs and errors, shown as a password field.
 *
 * @example
 * v.object({ api_key: v.pipe(v.string(), secret()) })
 */
export function secret<TInput>(): v.MetadataAction<TInput, typeof secretMarker> {
  return v.metadata<TInput, typeof secretMarker>(secretMarker);
}

/** Marks a settings field as hidden from the person filling in the form. */
export function hidden<TInput>(): v.MetadataAction<TInput, typeof hiddenMarker> {
  return v.metadata<TInput, typeof hiddenMarker>(hiddenMarker);
}
