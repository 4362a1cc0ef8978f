/** Removes the ANSI colour codes citty puts in its text, for pipes and logs. */
export function stripColours(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the ANSI colour codes this removes.
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
