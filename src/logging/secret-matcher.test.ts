import { expect, test } from 'bun:test';
import { createSecretSet, redactText } from './redact.ts';
import { secretMatcher } from './secret-matcher.ts';

test('masks every occurrence, overlapping and nested patterns as one run', () => {
  const matcher = secretMatcher(['abcd', 'bcde', 'cd', 'xyz0']);
  expect(matcher.replace('..abcde..cd..xyz0xyz0..', '#')).toBe('..#..#..#..');
  expect(matcher.replace('nothing here', '#')).toBe('nothing here');
  expect(secretMatcher([]).replace('abc', '#')).toBe('abc');
});

test('agrees with a naive search on random texts', () => {
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const word = (length: number) => Array.from({ length }, () => 'ab'[Math.floor(next() * 2)]).join('');
  for (let round = 0; round < 200; round++) {
    const patterns = Array.from({ length: 1 + Math.floor(next() * 4) }, () => word(1 + Math.floor(next() * 4)));
    const text = word(30);
    const covered = new Array<boolean>(text.length).fill(false);
    for (const pattern of patterns) {
      for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) covered.fill(true, at, at + pattern.length);
    }
    let expected = '';
    for (let index = 0; index < text.length; index++) {
      if (!covered[index]) expected += text[index];
      else if (index === 0 || !covered[index - 1]) expected += '#';
    }
    expect(secretMatcher(patterns).replace(text, '#')).toBe(expected);
  }
});

test('10,000 secrets over a 10 MB text take time linear in the text', () => {
  const secrets = createSecretSet(Array.from({ length: 10_000 }, (_, index) => `secret-value-${index}`));
  const text = `${'x'.repeat(10 * 1024 * 1024)} secret-value-9999 "secret-value-42"`;
  const started = performance.now();
  const masked = secrets.mask(text);
  expect(masked.endsWith(' REDACTED "REDACTED"')).toBe(true);
  // A generous bound for a loaded machine; one split per secret took minutes.
  expect(performance.now() - started).toBeLessThan(10_000);
});

test('redactText keeps its forms: raw, JSON-escaped, URL- and form-encoded, query-encoded', () => {
  expect(redactText('a tok!1234 b tok%211234', new Set(['tok!1234']))).toBe('a REDACTED b REDACTED');
});
