import { createIntegration } from 'lumos-connector-sdk';
import { oauth } from 'lumos-connector-sdk/oauth';
import packageJson from '../package.json' with { type: 'json' };
import { capabilities } from './capabilities.ts';
import { ExampleSettings, tenantUrl } from './settings.ts';

/**
 * The OAuth example: a person signs in with the code flow (PKCE on) for the `user` credential, and
 * a service client uses the client credentials flow for the `service` credential. The OAuth
 * extension registers get_authorization_url, handle_authorization_callback,
 * handle_client_credentials_request and refresh_access_token from these settings; each request
 * picks its settings by credential_id.
 */
export const integration = createIntegration({
  appId: 'oauth-example',
  version: packageJson.version,
  description: {
    userFriendlyName: 'OAuth Example',
    categories: ['DEVELOPERS'],
    description: 'Signs in to a tenant with OAuth 2.0 and reads who signed in.',
    appVendorDomain: 'example.com',
  },
  settings: ExampleSettings,
  credentials: [
    { id: 'user', type: 'oauth', description: 'Sign in as an administrator of the tenant.' },
    { id: 'service', type: 'oauth_client_credentials', description: 'A service client of the tenant, for unattended reads.', optional: true },
  ],
  extensions: [
    oauth({
      credentials: {
        user: {
          // Each customer has their own tenant, so the endpoints are functions of the settings.
          authorizationUrl: ({ settings }) => `${tenantUrl(settings)}/auth`,
          tokenUrl: ({ settings }) => `${tenantUrl(settings)}/token`,
          scopes: {
            validate_credentials: 'openid',
            list_accounts: 'openid offline_access',
          },
          pkce: true,
        },
        service: {
          flow: 'CLIENT_CREDENTIALS',
          tokenUrl: ({ settings }) => `${tenantUrl(settings)}/token`,
          scopes: { list_accounts: 'api:read' },
          clientAuth: 'CLIENT_SECRET_BASIC',
        },
      },
    }),
  ],
}).registerAll(capabilities);
