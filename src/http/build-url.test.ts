import { describe, expect, test } from 'bun:test';
import { buildUrl, hasScheme, isHttpUrl, normaliseBaseUrl, trimSlashes } from './build-url.ts';

describe('buildUrl', () => {
  test('joins base and path with one slash, keeping the base path', () => {
    expect(buildUrl('https://a.test/api/v1/', '/users')).toBe('https://a.test/api/v1/users');
    expect(buildUrl('https://a.test/api/v1', 'users')).toBe('https://a.test/api/v1/users');
  });

  test('an absolute URL is used as it is (next-page links)', () => {
    expect(buildUrl('https://a.test/api', 'https://a.test/api/users?after=x')).toBe('https://a.test/api/users?after=x');
  });

  test('appends the query: arrays repeat, null and undefined are left out', () => {
    expect(buildUrl('https://a.test', '/u', { a: [1, 2], b: null, c: undefined, d: true, e: 'x y' })).toBe('https://a.test/u?a=1&a=2&d=true&e=x+y');
    expect(buildUrl('https://a.test', '/u?fixed=1', { n: 2 })).toBe('https://a.test/u?fixed=1&n=2');
    expect(buildUrl('https://a.test', '/u', { gone: undefined })).toBe('https://a.test/u');
  });

  test('a relative path without a base URL is a bad_request', () => {
    expect(() => buildUrl(undefined, '/users')).toThrow('has no baseUrl');
  });
});

describe('normaliseBaseUrl', () => {
  test('assumes https for a bare host and rejects other schemes', () => {
    expect(normaliseBaseUrl(' acme.okta.com ')).toBe('https://acme.okta.com');
    expect(normaliseBaseUrl('http://localhost:8080/api')).toBe('http://localhost:8080/api');
    expect(() => normaliseBaseUrl('ftp://a.test')).toThrow('is not an http(s) URL');
    expect(() => normaliseBaseUrl('https://')).toThrow('is not a URL');
  });
});

describe('the string scans that replaced regexes', () => {
  // Non-ASCII letters that case-fold near ASCII ones (ſ, K, İ, ﬀ), full-width and empty inputs.
  const corpus = [
    '',
    '/',
    '//',
    'http://a',
    'HTTP://a',
    'HtTpS://a',
    'https:/a',
    'http:',
    'https',
    'httpſ://a',
    'hTTp://',
    'ftp://x',
    'a+b.c-d://x',
    '1a://x',
    '+a://x',
    'a://',
    'a:/',
    'a:',
    'ſ://x',
    'K://x',
    'İ://x',
    'ｈttp://x',
    'x_y://z',
    'users',
    '/users/',
    '///a///',
    'a/',
    ' http://a',
  ];

  test('isHttpUrl is /^https?:\\/\\//i', () => {
    for (const text of corpus) expect({ text, is: isHttpUrl(text) }).toEqual({ text, is: /^https?:\/\//i.test(text) });
  });

  test('hasScheme is /^[a-z][a-z0-9+.-]*:\\/\\//i', () => {
    for (const text of corpus) expect({ text, is: hasScheme(text) }).toEqual({ text, is: /^[a-z][a-z0-9+.-]*:\/\//i.test(text) });
  });

  test('trimSlashes is replace(/^\\/+/) and replace(/\\/+$/)', () => {
    for (const text of corpus) {
      expect({ text, start: trimSlashes(text, 'start'), end: trimSlashes(text, 'end') }).toEqual({
        text,
        start: text.replace(/^\/+/, ''),
        end: text.replace(/\/+$/, ''),
      });
    }
  });
});
