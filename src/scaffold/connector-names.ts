import { ScaffoldError } from './scaffold-error.ts';

/** The spellings of a connector's name the templates use. */
export interface ConnectorNames {
  /** `acme-hr`: the package name, app id and bin name. */
  name: string;
  /** `AcmeHr`. */
  pascal: string;
  /** `Acme HR`: the name shown to people. */
  title: string;
}

/**
 * Splits a name such as `acme-hr`, `acme_hr`, `AcmeHR` or `Acme HR` into its spellings. The title
 * keeps the capitals the user typed (`Acme HR`, `AcmeHR` → `Acme HR`) and only capitalises words
 * typed all in lower case (`acme-hr` → `Acme Hr`); `title` replaces it (e.g. `--title "Acme HR"`).
 */
export function connectorNames(raw: string, title?: string): ConnectorNames {
  const typed = raw
    .trim()
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean);
  const words = typed.map((word) => word.toLowerCase());
  if (words.length === 0 || !/^[a-z]/.test(words[0]!)) {
    throw new ScaffoldError(`the name ${JSON.stringify(raw)} must start with a letter and hold letters and digits, e.g. acme-hr.`, 2);
  }
  if (title !== undefined && (title.trim() === '' || /["'`\\\n{}]/.test(title))) {
    throw new ScaffoldError(`the title ${JSON.stringify(title)} must be a plain name such as "Acme HR" (no quotes, braces or backslashes).`, 2);
  }
  const capitalised = words.map((word) => word[0]!.toUpperCase() + word.slice(1));
  const shown = typed.map((word, index) => (word === word.toLowerCase() ? capitalised[index]! : word));
  return { name: words.join('-'), pascal: capitalised.join(''), title: title?.trim() ?? shown.join(' ') };
}
