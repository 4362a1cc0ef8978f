/**
 * Quotes a string constant for a statement that cannot take bind parameters (`COMMENT ON`,
 * `PASSWORD`). Single quotes are doubled; a value holding a backslash uses the `E'…'` form with
 * backslashes doubled, so it reads the same whatever `standard_conforming_strings` is (as
 * PostgreSQL's own `quote_literal` does).
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new TypeError('A PostgreSQL string constant cannot contain a NUL character.');
  const quoted = value.replaceAll("'", "''");
  return value.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}
