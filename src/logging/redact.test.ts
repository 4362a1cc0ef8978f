import { describe, expect, test } from 'bun:test';
import { additionalRedactedKeys, collectSecrets, redactByKey, redactedKeys, redactText } from './redact.ts';

const keys = new Set(redactedKeys);

describe('redaction', () => {
  test('redactByKey masks strings under secret keys at any depth, case-insensitively', () => {
    const input = { auth: { basic: { username: 'ada', Password: 'hunter22' } }, settings: { api_key: ['k1k1k1'], host: 'x' } };
    expect(redactByKey(input, keys)).toEqual({
      auth: { basic: { username: 'ada', Password: 'REDACTED' } },
      settings: { api_key: ['REDACTED'], host: 'x' },
    });
  });

  test('collectSecrets gathers values long enough to mask by value', () => {
    const secrets = collectSecrets(
      { auth: { token: { token: 'tok-123456' } }, credentials: [{ basic: { password: 'p@ss word' } }], other: { password: 'ab' } },
      keys,
    );
    expect([...secrets].sort()).toEqual(['p@ss word', 'tok-123456']);
  });

  test('redactText masks raw, JSON-escaped and URL-encoded forms', () => {
    const secrets = new Set(['p@ss word"x']);
    const text = 'raw p@ss word"x json "p@ss word\\"x" url p%40ss%20word%22x form p%40ss+word%22x';
    expect(redactText(text, secrets)).toBe('raw REDACTED json "REDACTED" url REDACTED form REDACTED');
  });

  test('LUMOS_ADDITIONAL_REDACTED_LOG_KEYS adds keys', () => {
    expect(additionalRedactedKeys({ LUMOS_ADDITIONAL_REDACTED_LOG_KEYS: ' Tenant_Secret , pin,' })).toEqual(['tenant_secret', 'pin']);
  });
});

test('a secret holding a lone surrogate is masked in every form and never throws', () => {
  const secret = 'pass\ud800word-1234';
  const masked = redactText(`raw ${secret} json ${JSON.stringify(secret)} url ${encodeURIComponent(secret.toWellFormed())}`, new Set([secret]));
  expect(masked).not.toContain('word-1234');
});
