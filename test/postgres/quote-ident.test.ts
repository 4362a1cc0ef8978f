import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { quoteIdent } from '../../connectors/postgres/src/quote-ident.ts';
import { quoteLiteral } from '../../connectors/postgres/src/quote-literal.ts';
import { postgresInstalls, startPostgres, type PostgresServer } from './postgres-server.ts';

/** Names that would change a statement's meaning if they were pasted into SQL unquoted or quoted naively. */
const nastyNames = [
  "O'Brien",
  '"; DROP TABLE x; --',
  'Zoë 🚀',
  '"',
  '""',
  'a"b',
  'back\\slash',
  "it's \\' tricky",
  '/* comment */',
  '$$ dollar $$',
  'MixedCase',
  'select',
  'user',
  ' leading and trailing ',
  'tab\there',
  'new\nline',
  '💥'.repeat(15), // 60 bytes
  'é'.repeat(31) + 'x', // 63 bytes
];

for (const install of postgresInstalls('test/postgres/quote-ident')) {
  describe.skipIf(install.bin === undefined)(`quoteIdent and quoteLiteral against a real server (${install.label})`, () => {
    let server: PostgresServer;

    beforeAll(async () => {
      server = await startPostgres(install);
      await server.admin.unsafe('create table x (id int)');
    }, 60_000);
    afterAll(() => server?.stop());

    test.each(nastyNames)('%p reads back as exactly itself: as a column alias, as a role name, as a comment', async (name) => {
      const [aliased] = await server.admin.unsafe(`select 1 as ${quoteIdent(name)}`);
      expect(Object.keys(aliased)).toEqual([name]);

      await server.admin.unsafe(`create role ${quoteIdent(name)}`);
      try {
        await server.admin.unsafe(`comment on role ${quoteIdent(name)} is ${quoteLiteral(name)}`);
        const rows = await server.admin.unsafe(
          `select rolname::text as name, shobj_description(oid, 'pg_authid') as comment from pg_roles where rolname = $1`,
          [name],
        );
        expect(rows).toEqual([{ name, comment: name }]);
      } finally {
        await server.admin.unsafe(`drop role ${quoteIdent(name)}`);
      }
    });

    test('quoteLiteral reads the same with standard_conforming_strings off', async () => {
      const value = "a\\'; select 1; --";
      await server.admin.unsafe('set standard_conforming_strings = off');
      try {
        const [row] = await server.admin.unsafe(`select ${quoteLiteral(value)} as value`);
        expect(row.value).toBe(value);
      } finally {
        await server.admin.unsafe('reset standard_conforming_strings');
      }
      const [x] = await server.admin`select to_regclass('x') is not null as present`;
      expect(x.present).toBe(true);
    });
  });
}
