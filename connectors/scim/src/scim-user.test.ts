import { describe, expect, test } from 'bun:test';
import * as v from 'valibot';
import { directGroupIds, ScimUserGroups } from './scim-user.ts';

describe('directGroupIds', () => {
  test('keeps direct memberships and those without a type, drops indirect ones and entries without a string value', () => {
    const user = v.parse(ScimUserGroups, {
      id: 'u1',
      groups: [
        { value: 'g-direct', type: 'direct' },
        { value: 'g-untyped' },
        { value: 'g-nested', type: 'Indirect' },
        { display: 'no value' },
        { value: 42, type: 'direct' },
      ],
    });
    expect(directGroupIds(user)).toEqual(['g-direct', 'g-untyped']);
  });

  test('a User without groups is in none', () => {
    expect(directGroupIds(v.parse(ScimUserGroups, { id: 'u2' }))).toEqual([]);
  });
});
