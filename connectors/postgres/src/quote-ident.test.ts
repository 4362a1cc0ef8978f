import { describe, expect, test } from 'bun:test';
import { ConnectorError } from 'lumos-connector-sdk';
import { quoteIdent } from './quote-ident.ts';

describe('quoteIdent', () => {
  test.each([
    ['alice', '"alice"'],
    ['MixedCase', '"MixedCase"'],
    ['select', '"select"'],
    ["O'Brien", `"O'Brien"`],
    ['"; DROP TABLE x; --', '"""; DROP TABLE x; --"'],
    ['a""b', '"a""""b"'],
    ['"', '""""'],
    ['back\\slash', '"back\\slash"'],
    ['Zoë 🚀', '"Zoë 🚀"'],
    [' padded ', '" padded "'],
    ['$$dollar$$', '"$$dollar$$"'],
  ])('%p is always double-quoted with inner quotes doubled', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  test('takes names of up to 63 bytes, counted in UTF-8', () => {
    expect(quoteIdent('x'.repeat(63))).toBe(`"${'x'.repeat(63)}"`);
    expect(quoteIdent('é'.repeat(31))).toBe(`"${'é'.repeat(31)}"`);
    expect(() => quoteIdent('x'.repeat(64))).toThrow('is 64 bytes long; PostgreSQL names hold at most 63 bytes');
    expect(() => quoteIdent('é'.repeat(32))).toThrow('is 64 bytes long');
  });

  test('refuses names PostgreSQL cannot hold, as invalid_value', () => {
    for (const name of ['', 'nul\0byte']) {
      let thrown: unknown;
      try {
        quoteIdent(name);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConnectorError);
      expect((thrown as ConnectorError).code).toBe('invalid_value');
    }
  });
});
