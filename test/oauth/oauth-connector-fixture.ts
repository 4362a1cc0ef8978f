#!/usr/bin/env bun
// A connector in the older single-`auth` style whose OAuth settings come from the environment, so
// the tests can run every token request variant through a real connector process.
// OAUTH_FIXTURE_SETTINGS is JSON: { flow?, clientAuth?, requestType?, pkce?, tokenPath? }.
import * as v from 'valibot';
import { createIntegration, runConnector } from '../../src/index.ts';
import { oauth, type OAuthSettings } from '../../src/oauth/index.ts';

const variant = JSON.parse(process.env['OAUTH_FIXTURE_SETTINGS'] ?? '{}') as Partial<OAuthSettings> & { tokenPath?: string };
const { tokenPath = '/token', ...rest } = variant;

const integration = createIntegration({
  appId: 'oauth-fixture',
  version: '0.0.0',
  description: { userFriendlyName: 'OAuth fixture', categories: ['DEVELOPERS'] },
  auth: variant.flow === 'CLIENT_CREDENTIALS' ? 'oauth_client_credentials' : 'oauth',
  settings: v.object({ issuer: v.pipe(v.string(), v.url()) }),
  extensions: [
    oauth({
      authorizationUrl: ({ settings }) => `${settings.issuer}/auth`,
      tokenUrl: ({ settings }) => `${settings.issuer}${tokenPath}`,
      scopes: { list_accounts: 'openid offline_access', get_account: 'openid' },
      ...rest,
    }),
  ],
});

await runConnector(integration);
