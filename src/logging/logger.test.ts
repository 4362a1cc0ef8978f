import { expect, test } from 'bun:test';
import { resolveLevel } from './logger.ts';

test('LUMOS_LOG_LEVEL maps to levels, defaulting to ERROR', () => {
  expect(resolveLevel(undefined)).toEqual({ level: 0 });
  expect(resolveLevel('DEBUG')).toEqual({ level: 4 });
  expect(resolveLevel('info')).toEqual({ level: 3 });
  expect(resolveLevel('WARNING')).toEqual({ level: 1 });
  expect(resolveLevel('CRITICAL')).toEqual({ level: 0 });
});

test('an unknown LUMOS_LOG_LEVEL falls back to ERROR with a warning instead of crashing', () => {
  const resolved = resolveLevel('LOUD');
  expect(resolved.level).toBe(0);
  expect(resolved.warning).toContain('"LOUD"');
});
