import { ConnectorError, type StandardHandlers } from 'lumos-connector-sdk';
import { createHttpClient, type HttpClientArgs } from 'lumos-connector-sdk/http';
import * as v from 'valibot';
import { tenantUrl, type ExampleSettings } from './settings.ts';

/** The signed-in person, as the tenant's userinfo endpoint describes them. */
const Me = v.object({ sub: v.string(), email: v.optional(v.string()), name: v.optional(v.string()) });

/** Reads the person the `user` credential's access token belongs to, through the SDK's HTTP kit. */
async function me(args: HttpClientArgs & { settings: ExampleSettings }) {
  const client = createHttpClient(args, { baseUrl: tenantUrl(args.settings), auth: { kind: 'oauth', credentialId: 'user' } });
  return { person: await client.get('/me', { schema: Me }), rawData: client.rawData() };
}

/** The example's capabilities beyond the ones the OAuth module registers. */
export const capabilities: StandardHandlers<ExampleSettings> = {
  validate_credentials: async (args) => {
    const { rawData } = await me(args);
    return { response: { valid: true, unique_tenant_id: new URL(args.settings.tenant_url).host }, raw_data: rawData };
  },
  list_accounts: async (args) => {
    // The list is one page and hands out no token, so any token is forged or from another list.
    if (args.page?.token != null)
      throw new ConnectorError('Invalid page token: list_accounts is a single page and hands out no page token.', 'invalid_page_token');
    const { person, rawData } = await me(args);
    return {
      raw_data: rawData,
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
