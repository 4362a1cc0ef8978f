import { expect, test } from 'bun:test';
import { quoteLiteral } from './quote-literal.ts';

test('quoteLiteral doubles single quotes, and uses E-strings with doubled backslashes when a backslash is present', () => {
  expect(quoteLiteral('plain')).toBe("'plain'");
  expect(quoteLiteral("it's")).toBe("'it''s'");
  expect(quoteLiteral("a\\'; DROP ROLE x; --")).toBe("E'a\\\\''; DROP ROLE x; --'");
  expect(quoteLiteral('Zoë 🚀')).toBe("'Zoë 🚀'");
  expect(() => quoteLiteral('nul\0')).toThrow('NUL');
});
