import { describe, expect, test } from 'bun:test';
import { summarize } from './stats.ts';

describe('summarize', () => {
  test('takes the middle sample of an odd count', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
  });

  test('averages the two middle samples of an even count', () => {
    expect(summarize([4, 1, 2, 10])).toEqual({ median: 3, min: 1, max: 10, n: 4 });
  });

  test('refuses an empty set', () => {
    expect(() => summarize([])).toThrow(RangeError);
  });
});
