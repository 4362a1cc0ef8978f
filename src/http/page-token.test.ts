import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { ConnectorError } from '../errors/connector-error.ts';
import { decodePageToken, encodePageToken, isBase64Url } from './page-token.ts';

function failure(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('page tokens', () => {
  test('round-trip one cursor per endpoint, with the remembered cursors', () => {
    const state = { list: 'entitlements', cursors: { groups: { cursor: 'g-2', seen: ['abc'] }, roles: { cursor: 40, seen: [] } } };
    const token = encodePageToken(state);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, 'entitlements')).toEqual(state);
  });

  test('no token is the first page', () => {
    expect(decodePageToken(undefined, 'accounts')).toEqual({ list: 'accounts', cursors: {} });
    expect(decodePageToken(null, 'accounts')).toEqual({ list: 'accounts', cursors: {} });
    expect(decodePageToken('', 'accounts')).toEqual({ list: 'accounts', cursors: {} });
  });

  test.each([
    ['not base64url', 'abc+/=='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of another shape', Buffer.from('{"v":1,"l":"accounts","c":{"x":{"c":{}}}}').toString('base64url')],
    ['JSON with extra keys', Buffer.from('{"v":1,"l":"accounts","c":{},"admin":true}').toString('base64url')],
    ['a bare number', Buffer.from('42').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['an upstream token passed through', 'eyJhbGciOiJIUzI1NiJ9'],
  ])('a token that is %s is invalid_page_token, never a crash', (_what, token) => {
    const error = failure(() => decodePageToken(token, 'accounts'));
    expect(error.code).toBe('invalid_page_token');
    expect(error.message).toContain('Start the list again without a page token.');
  });

  test('a token of another list is refused by name', () => {
    const token = encodePageToken({ list: 'resources', cursors: { a: { cursor: 'x', seen: [] } } });
    const error = failure(() => decodePageToken(token, 'accounts'));
    expect(error).toMatchObject({ code: 'invalid_page_token' });
    expect(error.message).toContain("belongs to the list 'resources', not 'accounts'");
  });

  test('a token of another version is refused with the version', () => {
    const token = Buffer.from(JSON.stringify({ v: 2, l: 'accounts', c: {} })).toString('base64url');
    expect(failure(() => decodePageToken(token, 'accounts')).message).toContain('version 2');
  });

  test("tokens are written and read byte for byte as Buffer's base64url, non-ASCII included", () => {
    const state = { list: 'comptes-ü', cursors: { 'gruppen-€': { cursor: 'c-𝄞-\ud800-x', seen: ['f1'] } } };
    const json = JSON.stringify({ v: 1, l: state.list, c: { 'gruppen-€': { c: state.cursors['gruppen-€'].cursor, s: ['f1'] } } });
    const token = encodePageToken(state);
    expect(token).toBe(Buffer.from(json).toString('base64url'));
    expect(decodePageToken(token, 'comptes-ü')).toEqual(state);
  });

  test('a dangling last character is ignored, as Buffer ignores it', () => {
    // Cursors of growing length until the token is a whole number of 4-character groups.
    const token = ['u', 'u-', 'u-1', 'u-12']
      .map((cursor) => encodePageToken({ list: 'accounts', cursors: { users: { cursor, seen: [] } } }))
      .find((made) => made.length % 4 === 0)!;
    const dangling = `${token}A`;
    expect(Buffer.from(dangling, 'base64url').toString('utf8')).toBe(Buffer.from(token, 'base64url').toString('utf8'));
    expect(decodePageToken(dangling, 'accounts')).toEqual(decodePageToken(token, 'accounts'));
  });

  test('a token is accepted exactly when the strict valibot schema it was checked with before accepts it, with the same state', () => {
    // The schema decodePageToken used until its check was written by hand (to spare building it at start-up).
    const TokenSchema = v.strictObject({
      v: v.number(),
      l: v.string(),
      c: v.record(v.string(), v.strictObject({ c: v.nullable(v.union([v.string(), v.pipe(v.number(), v.finite())])), s: v.optional(v.array(v.string())) })),
    });
    const corpus = [
      '{"v":1,"l":"accounts","c":{}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":null}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","s":["a","b"]},"groups":{"c":40,"s":[]}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":1.5e3}}}',
      '{"v":1,"l":"accounts","c":[]}',
      '{"v":1,"l":"accounts","c":[{"c":"x"}]}',
      '{"v":1,"l":"accounts","c":{"__proto__":{"c":"x"},"users":{"c":"y"}}}',
      '{"v":1,"l":"accounts","c":{"constructor":{"bad":1},"prototype":5}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","__proto__":{}}}}',
      '{"v":1,"l":"accounts","c":{},"__proto__":{}}',
      '{"v":1,"l":"accounts","c":{"users":{}}}',
      '{"v":1,"l":"accounts","c":{"users":{"s":[]}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":true}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":{}}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","s":null}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","s":[1]}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","s":"a"}}}',
      '{"v":1,"l":"accounts","c":{"users":{"c":"x","x":1}}}',
      '{"v":1,"l":"accounts","c":{"users":null}}',
      '{"v":1,"l":"accounts","c":{"users":["x"]}}',
      '{"v":1,"l":"accounts","c":null}',
      '{"v":1,"l":"accounts","c":"x"}',
      '{"v":1,"l":"accounts"}',
      '{"v":1,"c":{}}',
      '{"l":"accounts","c":{}}',
      '{"v":"1","l":"accounts","c":{}}',
      '{"v":1,"l":7,"c":{}}',
      '{"v":1,"l":"accounts","c":{},"x":null}',
      '[1,2]',
      '[]',
      '"x"',
      'true',
    ];
    for (const json of corpus) {
      const token = Buffer.from(json).toString('base64url');
      const parsed = v.safeParse(TokenSchema, JSON.parse(json));
      const expected = parsed.success
        ? {
            list: parsed.output.l,
            cursors: Object.fromEntries(Object.entries(parsed.output.c).map(([name, entry]) => [name, { cursor: entry.c, seen: entry.s ?? [] }])),
          }
        : 'invalid_page_token';
      let got: unknown;
      try {
        got = decodePageToken(token, 'accounts');
      } catch (error) {
        got = (error as ConnectorError).code;
      }
      expect({ json, got }).toEqual({ json, got: expected });
    }
  });

  test('isBase64Url is /^[A-Za-z0-9_-]+$/', () => {
    const corpus = ['', 'a', 'AZaz09-_', 'abc=', 'a b', 'a+b', 'a/b', 'ſ', 'K', 'ａ', 'abc\n', '\u0000', 'é', '-_-'];
    for (const text of corpus) expect({ text, is: isBase64Url(text) }).toEqual({ text, is: /^[A-Za-z0-9_-]+$/.test(text) });
  });
});
