/** The people the test server starts with: 23 Users, a prime count so no odd page size divides it. */
export const seedPeople = [
  ['Ada', 'Lovelace'],
  ['Alan', 'Turing'],
  ['Grace', 'Hopper'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
  ['Donald', 'Knuth'],
  ['Frances', 'Allen'],
  ['John', 'McCarthy'],
  ['Margaret', 'Hamilton'],
  ['Dennis', 'Ritchie'],
  ['Ken', 'Thompson'],
  ['Radia', 'Perlman'],
  ['Tim', 'Berners-Lee'],
  ['Sophie', 'Wilson'],
  ['Niklaus', 'Wirth'],
  ['Karen', 'Spärck Jones'],
  ['Leslie', 'Lamport'],
  ['Shafi', 'Goldwasser'],
  ['Tony', 'Hoare'],
  ['Adele', 'Goldberg'],
  ['Zoë', "O'Brien"],
  ['Jean', 'Sammet'],
  ['Hedy', 'Lamarr'],
] as const;

/** The userName of a seeded person. */
export function seedUserName([given, family]: readonly [string, string]): string {
  return `${given}.${family}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.test';
}

/** Every fifth seeded User starts deactivated. */
export const seedInactive = (index: number) => index % 5 === 4;

/** The seeded Groups and the indexes of their members in {@link seedPeople}; Admins also holds the Finance group (a nested group). */
export const seedGroups: { displayName: string; members: number[]; nested?: string[] }[] = [
  { displayName: 'Engineering', members: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
  { displayName: 'Finance', members: [11, 12, 13] },
  { displayName: 'Empty', members: [] },
  { displayName: 'Admins', members: [0, 14], nested: ['Finance'] },
  { displayName: 'Sales', members: [15, 16, 17, 18, 19, 20, 21] },
];

/** The credentials the test server accepts. */
export const credentials = {
  token: 'scim-test-token-4f1d9a',
  readOnlyToken: 'scim-read-only-token-77c2',
  /** A token whose scope covers Users but not Groups. */
  usersOnlyToken: 'scim-users-only-token-3a90',
  basic: { username: 'scim-admin', password: 'b4sic pass:word' },
} as const;
