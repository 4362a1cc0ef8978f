import { expect, test } from 'bun:test';
import { scramVerifier } from './scram-verifier.ts';

test("scramVerifier builds PostgreSQL's SCRAM-SHA-256 verifier: iterations, salt, StoredKey and ServerKey", () => {
  const salt = Buffer.from('0123456789abcdef');
  const verifier = scramVerifier('pencil', salt);
  expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:MDEyMzQ1Njc4OWFiY2RlZg==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
  expect(scramVerifier('pencil', salt)).toBe(verifier);
  expect(scramVerifier('pencil2', salt)).not.toBe(verifier);
  expect(scramVerifier('pencil')).not.toBe(verifier);
});

test('scramVerifier takes printable ASCII only, so the verifier matches what PostgreSQL checks at sign-in', () => {
  expect(() => scramVerifier('pässword')).toThrow('printable ASCII');
  expect(() => scramVerifier('tab\there')).toThrow('printable ASCII');
  expect(() => scramVerifier('')).toThrow('printable ASCII');
  expect(scramVerifier(' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toStartWith('SCRAM-SHA-256$4096:');
});
