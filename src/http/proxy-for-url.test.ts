import { describe, expect, test } from 'bun:test';
import { bypassesProxy, displayProxy, proxyForUrl, proxySecrets } from './proxy-for-url.ts';

const url = (text: string) => new URL(text);

describe('proxyForUrl', () => {
  test('HTTPS_PROXY for https, HTTP_PROXY for http, lower case first, ALL_PROXY last', () => {
    const env = { HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2' };
    expect(proxyForUrl(url('https://api.acme.test'), env)).toBe('http://secure:1');
    expect(proxyForUrl(url('http://api.acme.test'), env)).toBe('http://plain:2');
    expect(proxyForUrl(url('https://a.test'), { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:1' })).toBe('http://lower:1');
    expect(proxyForUrl(url('https://a.test'), { ALL_PROXY: 'http://all:3' })).toBe('http://all:3');
    expect(proxyForUrl(url('https://a.test'), {})).toBeUndefined();
  });

  test('the explicit option wins; false means direct', () => {
    const env = { HTTPS_PROXY: 'http://env:1' };
    expect(proxyForUrl(url('https://a.test'), env, 'http://mine:9')).toBe('http://mine:9');
    expect(proxyForUrl(url('https://a.test'), env, false)).toBeUndefined();
  });

  test('NO_PROXY sends listed hosts direct, for the env and the option alike', () => {
    const env = { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'internal.acme.test, .corp.test,10.0.0.0/8 localhost:8443' };
    expect(proxyForUrl(url('https://internal.acme.test/x'), env)).toBeUndefined();
    expect(proxyForUrl(url('https://api.internal.acme.test/x'), env)).toBeUndefined();
    expect(proxyForUrl(url('https://hr.corp.test/x'), env, 'http://mine:9')).toBeUndefined();
    expect(proxyForUrl(url('https://10.2.3.4/x'), env)).toBeUndefined();
    expect(proxyForUrl(url('https://localhost:8443/x'), env)).toBeUndefined();
    expect(proxyForUrl(url('https://localhost:9443/x'), env)).toBe('http://env:1');
    expect(proxyForUrl(url('https://acme.test/x'), env)).toBe('http://env:1');
    expect(proxyForUrl(url('https://notinternal.acme.test.evil/x'), env)).toBe('http://env:1');
    expect(proxyForUrl(url('https://a.test'), { HTTPS_PROXY: 'http://env:1', no_proxy: '*' })).toBeUndefined();
  });
});

describe('bypassesProxy', () => {
  test.each([
    ['https://a.example.com', '*.example.com', true],
    ['https://example.com', '.example.com', true],
    ['https://badexample.com', 'example.com', false],
    ['http://127.0.0.1:8080', '127.0.0.1', true],
    ['http://[::1]:8080', '::1', true],
    ['http://[::1]:8080', '[::1]:8080', true],
    ['http://[::1]:8080', '[::1]:9090', false],
    ['http://192.168.1.7', '192.168.0.0/16', true],
    ['http://192.169.1.7', '192.168.0.0/16', false],
    ['https://example.com', 'example.com:443', true],
    ['https://example.com', '', false],
  ])('%s against NO_PROXY=%s', (target, noProxy, expected) => {
    expect(bypassesProxy(url(target), noProxy)).toBe(expected);
  });
});

describe('proxy credentials', () => {
  test('are masked for display and listed as secrets (decoded and as Basic credentials)', () => {
    expect(displayProxy('http://user:p%40ss@proxy.corp:3128')).toBe('http://user:REDACTED@proxy.corp:3128');
    expect(displayProxy('http://proxy.corp:3128/')).toBe('http://proxy.corp:3128');
    expect(proxySecrets('http://user:p%40ss@proxy.corp:3128')).toEqual(['p@ss', 'p%40ss', Buffer.from('user:p@ss').toString('base64')]);
    expect(proxySecrets('http://proxy.corp:3128')).toEqual([]);
  });
});
