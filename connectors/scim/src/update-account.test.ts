import { expect, test } from 'bun:test';
import { withPrimaryEmail } from './update-account.ts';

test("a new address replaces the primary one's value and keeps its type, so no type appears twice", () => {
  const emails = [
    { value: 'home@example.test', type: 'home' },
    { value: 'old@example.test', type: 'work', primary: true },
  ];
  expect(withPrimaryEmail(emails, 'new@example.test')).toEqual([
    { value: 'new@example.test', type: 'work', primary: true },
    { value: 'home@example.test', type: 'home' },
  ]);
});

test('without a primary the first address is replaced; without any, the new one is a primary work address', () => {
  expect(withPrimaryEmail([{ value: 'a@example.test', type: 'other' }, { value: 'b@example.test' }], 'n@example.test')).toEqual([
    { value: 'n@example.test', type: 'other', primary: true },
    { value: 'b@example.test' },
  ]);
  expect(withPrimaryEmail([], 'n@example.test')).toEqual([{ value: 'n@example.test', type: 'work', primary: true }]);
});

test('an address the User already has becomes primary as it is; the old primary stays, no longer primary', () => {
  const emails = [
    { value: 'w@example.test', type: 'work', primary: true },
    { value: 'h@example.test', type: 'home' },
  ];
  expect(withPrimaryEmail(emails, 'h@example.test')).toEqual([
    { value: 'w@example.test', type: 'work', primary: false },
    { value: 'h@example.test', type: 'home', primary: true },
  ]);
});
