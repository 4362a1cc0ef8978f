import { getAccessToken, type StandardHandlers } from 'lumos-connector-sdk';
import { ofetch } from 'ofetch';
import { tenantUrl, type ExampleSettings } from './settings.ts';

/** The signed-in person, as the tenant's userinfo endpoint describes them. */
interface Me {
  sub: string;
  email?: string;
  name?: string;
}

/** Reads the person the `user` credential's access token belongs to. */
function me(settings: ExampleSettings, accessToken: string): Promise<Me> {
  return ofetch<Me>(`${tenantUrl(settings)}/me`, { headers: { authorization: `Bearer ${accessToken}` } });
}

/** The example's capabilities beyond the ones the OAuth module registers. */
export const capabilities: StandardHandlers<ExampleSettings> = {
  validate_credentials: async (args) => {
    const person = await me(args.settings, getAccessToken(args, 'user'));
    return { response: { valid: true, unique_tenant_id: new URL(args.settings.tenant_url).host }, raw_data: args.include_raw_data ? person : null };
  },
  list_accounts: async (args) => {
    const person = await me(args.settings, getAccessToken(args, 'user'));
    return {
      response: [
        {
          integration_specific_id: person.sub,
          email: person.email ?? null,
          given_name: null,
          family_name: null,
          username: person.sub,
          user_status: 'ACTIVE',
          extra_data: {},
          custom_attributes: {},
        },
      ],
    };
  },
};
