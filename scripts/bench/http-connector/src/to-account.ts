import type { FoundAccountData } from 'lumos-connector-sdk/wire';
import type { ApiUser } from './api-user.ts';

/** A fake-API user as a Lumos account. */
export function toAccount(user: ApiUser): FoundAccountData {
  return {
    integration_specific_id: user.id,
    email: user.email,
    given_name: user.first_name ?? null,
    family_name: user.last_name ?? null,
    username: user.username ?? null,
    user_status: user.active ? 'ACTIVE' : 'SUSPENDED',
    account_type: 'user',
  };
}
