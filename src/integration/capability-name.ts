/** Custom capability names: lower-case words of letters joined by single underscores (the reference's rule). */
const customNamePattern = /^[a-z]+(?:_[a-z]+)*$/;

/** Names the connector executable uses for its own subcommands. */
const cliReservedNames = new Set(['info', 'dev', 'hacking', 'help']);

/** Why a custom capability name is unusable, or `undefined` when it is fine. */
export function customNameProblem(name: string): string | undefined {
  if (cliReservedNames.has(name)) return `'${name}' is reserved for the connector executable's own commands`;
  if (!customNamePattern.test(name)) {
    return `'${name}' is not a valid capability name: use lower-case letters in words joined by single underscores (no digits), e.g. 'sync_groups'`;
  }
  return undefined;
}

/** "list_accounts" → "List Accounts". */
export function titleCase(name: string): string {
  // A loop rather than split/map/join: registration runs at every call of the executable, cold.
  let title = '';
  let wordStart = true;
  for (let index = 0; index < name.length; index++) {
    const char = name[index]!;
    if (char === '_') {
      title += ' ';
      wordStart = true;
    } else {
      title += wordStart ? char.toUpperCase() : char;
      wordStart = false;
    }
  }
  return title;
}
