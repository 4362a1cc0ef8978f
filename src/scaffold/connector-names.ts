import { ScaffoldError } from './scaffold-error.ts';

/** The spellings of a connector's name the templates use. */
export interface ConnectorNames {
  /** `acme-hr`: the package name, app id and bin name. */
  name: string;
  /** `AcmeHr`. */
  pascal: string;
  /** `Acme Hr`: the name shown to people. */
  title: string;
}

/** Splits a name such as `acme-hr`, `acme_hr`, `AcmeHr` or `Acme HR` into its spellings. */
export function connectorNames(raw: string): ConnectorNames {
  const words = raw
    .trim()
    .split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  if (words.length === 0 || !/^[a-z]/.test(words[0]!)) {
    throw new ScaffoldError(`the name ${JSON.stringify(raw)} must start with a letter and hold letters and digits, e.g. acme-hr.`, 2);
  }
  const capitalised = words.map((word) => word[0]!.toUpperCase() + word.slice(1));
  return { name: words.join('-'), pascal: capitalised.join(''), title: capitalised.join(' ') };
}
