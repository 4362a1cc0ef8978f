import { ConnectorError, findCredential } from 'lumos-connector-sdk';
import { createHttpClient, type HttpClient, type HttpClientArgs, type HttpErrorAnswer } from 'lumos-connector-sdk/http';
import { scimError } from './scim-error.ts';
import { ServiceProviderConfig } from './service-provider-config.ts';
import type { ScimSettings } from './settings.ts';

/** An HTTP client for one SCIM server, with the server's configuration at hand. */
export interface ScimClient extends HttpClient {
  /** The server's /ServiceProviderConfig, fetched once per call. */
  serviceProviderConfig(): Promise<ServiceProviderConfig>;
}

/** The SCIM media type (RFC 7644 §3.1); servers also accept plain JSON. */
const scimJson = 'application/scim+json';

/**
 * The SCIM server's explanation of a refusal ({@link scimError}); 407, 429 and 5xx other than 501
 * fall through to the kit, which retries them and says how often it tried.
 */
function explainScimError({ status, body, endpoint }: HttpErrorAnswer): ConnectorError | undefined {
  if (status === 407 || status === 429 || (status >= 500 && status !== 501)) return undefined;
  return scimError(status, body, endpoint);
}

/**
 * The HTTP kit's client for the SCIM server of the settings: bearer auth from the `token`
 * credential, else basic auth from the `basic` one; bodies go out as `application/scim+json`, and
 * SCIM Error answers become ConnectorErrors through the kit's error hook.
 */
export function scimClient(
  args: HttpClientArgs & { settings: ScimSettings; auth: HttpClientArgs['auth']; credentials: HttpClientArgs['credentials'] },
): ScimClient {
  const carried = { auth: args.auth ?? null, credentials: args.credentials ?? null };
  const auth = findCredential(carried, 'token') ? ({ kind: 'bearer' } as const) : findCredential(carried, 'basic') ? ({ kind: 'basic' } as const) : undefined;
  if (auth === undefined)
    throw new ConnectorError('The request carries neither a token credential (bearer) nor a basic credential for the SCIM server.', 'unauthorized');
  const http = createHttpClient(args, {
    baseUrl: args.settings.base_url,
    auth,
    headers: { accept: `${scimJson}, application/json` },
    requestBody: { contentType: scimJson },
    onResponseError: explainScimError,
  });
  let config: Promise<ServiceProviderConfig> | undefined;
  return { ...http, serviceProviderConfig: () => (config ??= http.get('/ServiceProviderConfig', { schema: ServiceProviderConfig })) };
}
