import { describe, expect, test } from 'bun:test';
import { _scopeList, _settingsScopes } from './scopes.ts';

describe('_scopeList', () => {
  const settings = { list_accounts: 'users:read groups:read', get_account: 'users:read', create_account: null, delete_account: 'users:write' };

  test('takes every scope of the settings when the request names none, first occurrence first', () => {
    expect(_scopeList([], settings)).toEqual(['users:read', 'groups:read', 'users:write']);
  });

  test('is the same list every time for the same settings', () => {
    const runs = new Set(Array.from({ length: 20 }, () => _scopeList([], settings).join(' ')));
    expect(runs.size).toBe(1);
  });

  test("takes the request's scopes when it names any, split and deduplicated", () => {
    expect(_scopeList(['b', 'a b', '  c  ', 'a'], settings)).toEqual(['b', 'a', 'c']);
  });

  test('falls back to the settings when the request names only blanks', () => {
    expect(_scopeList(['', ' '], { list_accounts: 'x' })).toEqual(['x']);
  });

  test('is empty without scopes anywhere', () => {
    expect(_scopeList([], {})).toEqual([]);
  });
});

describe('_settingsScopes', () => {
  const args = { request: { credential_id: null }, settings: { edition: 'enterprise' } };

  test('calls a scopes function with the request and settings', () => {
    const scopes = _settingsScopes({ tokenUrl: 'https://t', scopes: ({ settings }) => ({ list_accounts: `read:${settings.edition}` }) }, args);
    expect(scopes).toEqual({ list_accounts: 'read:enterprise' });
  });

  test('is empty without scopes', () => {
    expect(_settingsScopes({ tokenUrl: 'https://t' }, args)).toEqual({});
  });
});
