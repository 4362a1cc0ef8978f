import { expect, test } from 'bun:test';
import { toAccount } from './to-account.ts';

test('a User becomes an account: primary e-mail, names, status from active, extra data under SCIM names', () => {
  const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
  expect(
    toAccount({
      id: 'u1',
      userName: 'ada',
      active: false,
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      emails: [{ value: 'home@example.test' }, { value: 'work@example.test', primary: true }],
      externalId: 'hr-7',
      [enterprise]: { department: 'Math' },
    }),
  ).toEqual({
    integration_specific_id: 'u1',
    email: 'work@example.test',
    given_name: 'Ada',
    family_name: 'Lovelace',
    username: 'ada',
    user_status: 'INACTIVE',
    extra_data: { externalId: 'hr-7', [enterprise]: { department: 'Math' } },
    account_type: 'user',
  });
  // A server that leaves active out says nothing about the status; the first e-mail stands in for a primary one.
  expect(toAccount({ id: 'u2', userName: 'b', emails: [{ value: 'b@example.test' }] })).toMatchObject({
    user_status: null,
    email: 'b@example.test',
    given_name: null,
  });
});
