import { describe, expect, test } from 'bun:test';
import { nextLink, parseLinkHeader } from './link-header.ts';

describe('Link headers (RFC 8288)', () => {
  test('finds rel="next" among several links', () => {
    const header = '<https://acme.okta.com/api/v1/users?limit=2>; rel="self", <https://acme.okta.com/api/v1/users?after=00u2&limit=2>; rel="next"';
    expect(nextLink(header)).toBe('https://acme.okta.com/api/v1/users?after=00u2&limit=2');
  });

  test('reads unquoted and multi-valued rel, and other parameters', () => {
    const links = parseLinkHeader('<https://api.github.com/x?page=2>; rel=next; title="a, b", <https://api.github.com/x?page=9>; rel="last prev"');
    expect(links).toEqual([
      { url: 'https://api.github.com/x?page=2', rel: ['next'], params: { rel: 'next', title: 'a, b' } },
      { url: 'https://api.github.com/x?page=9', rel: ['last', 'prev'], params: { rel: 'last prev' } },
    ]);
  });

  test('resolves relative targets against the base', () => {
    expect(nextLink('</users?cursor=abc>; rel="next"', 'https://api.acme.test/v1/users')).toBe('https://api.acme.test/users?cursor=abc');
    expect(nextLink('<?page=3>; REL="NEXT"', 'https://api.acme.test/v1/users?page=2')).toBe('https://api.acme.test/v1/users?page=3');
  });

  test('no header, no next, or garbage gives undefined, never a throw', () => {
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('<https://a.test/x>; rel="prev"')).toBeUndefined();
    expect(nextLink('garbage; rel=next')).toBeUndefined();
    expect(nextLink('<not a url>; rel="next"')).toBeUndefined();
    expect(nextLink('<https://a.test/x')).toBeUndefined();
  });
});
