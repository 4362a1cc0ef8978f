import { describe, expect, test } from 'bun:test';
import { buildUrl, normaliseBaseUrl } from './build-url.ts';

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
