import { describe, expect, test } from 'bun:test';
import { redactText } from '../logging/redact.ts';
import { httpRedactedKeys, redactBody, redactEncoded, redactHeaders, redactUrl, withoutQuery } from './redact-http.ts';

const keys = httpRedactedKeys(['x-okta-key']);
const maskText = (text: string) => redactText(text, new Set(['s3cr3t-value', 'Pass!word "q"']));

describe('HTTP redaction', () => {
  test('secret query values are masked by name, or because they hold a secret', () => {
    expect(redactUrl('https://a.test/u?api_key=k1&limit=5&access_token=t&sig=zz&q=s3cr3t-value&p=Pass%21word+%22q%22', keys, maskText)).toBe(
      'https://a.test/u?api_key=REDACTED&limit=5&access_token=REDACTED&sig=REDACTED&q=REDACTED&p=REDACTED',
    );
    expect(redactUrl('https://user:pw@a.test/', keys, maskText)).toBe('https://user:REDACTED@a.test/');
    expect(redactUrl('https://a.test/x?limit=5', keys, maskText)).toBe('https://a.test/x?limit=5');
  });

  test('form-encoded secrets are found and masked', () => {
    expect(redactEncoded('search=?p=Pass%21word+%22q%22&n=1', maskText)).toBe('search=?p=REDACTED&n=1');
    expect(redactEncoded('note=a+Pass%21word+%22q%22+b', maskText)).toBe('note=a+REDACTED+b');
    expect(redactEncoded('nothing%20here', maskText)).toBe('nothing%20here');
    expect(redactEncoded('broken %E0%A4%A', maskText)).toBe('broken %E0%A4%A');
  });

  test('headers are masked by name and by value', () => {
    const headers = new Headers({
      authorization: 'Bearer x',
      cookie: 'a=b',
      'x-api-key': 'k',
      'x-auth-token': 't',
      'x-okta-key': 'o',
      'Proxy-Authorization': 'Basic y',
      'x-tenant': 'is s3cr3t-value',
      accept: 'application/json',
    });
    expect(redactHeaders(headers, keys, maskText)).toEqual({
      accept: 'application/json',
      authorization: 'REDACTED',
      cookie: 'REDACTED',
      'proxy-authorization': 'REDACTED',
      'x-api-key': 'REDACTED',
      'x-auth-token': 'REDACTED',
      'x-okta-key': 'REDACTED',
      'x-tenant': 'is REDACTED',
    });
  });

  test('JSON bodies are masked by key and by value, JSON nested in strings too', () => {
    const body = { user: 'ann', password: 'pw', nested: { client_secret: 'cs', refreshToken: 'rt', note: 'has s3cr3t-value inside' } };
    expect(JSON.parse(redactBody(body, keys, maskText))).toEqual({
      user: 'ann',
      password: 'REDACTED',
      nested: { client_secret: 'REDACTED', refreshToken: 'REDACTED', note: 'has REDACTED inside' },
    });
    expect(redactBody(JSON.stringify(body), keys, maskText)).toContain('"password":"REDACTED"');
    const echoed = JSON.stringify({ body: JSON.stringify({ pw: 'Pass!word "q"' }) });
    expect(JSON.parse(JSON.parse(redactBody(echoed, keys, maskText)).body)).toEqual({ pw: 'REDACTED' });
    expect(redactBody(new URLSearchParams({ grant_type: 'x', client_secret: 'cs' }), keys, maskText)).toBe('grant_type=x&client_secret=REDACTED');
    expect(redactBody('not json s3cr3t-value', keys, maskText)).toBe('not json REDACTED');
  });

  test('long bodies keep their head and tail', () => {
    const long = redactBody('a'.repeat(5000), keys, maskText, 100);
    expect(long.length).toBeLessThan(130);
    expect(long).toContain('<4900 characters>');
  });

  test('an endpoint is named without query, fragment or userinfo', () => {
    expect(withoutQuery('https://u:p@a.test/users?token=x#frag')).toBe('https://a.test/users');
  });
});
