import { ConnectorError, findCredential } from 'lumos-connector-sdk';
import { createHttpClient, type HttpClient, type HttpClientArgs, type HttpRequestOptions } from 'lumos-connector-sdk/http';
import type * as v from 'valibot';
import { scimError } from './scim-error.ts';
import { ServiceProviderConfig } from './service-provider-config.ts';
import type { ScimSettings } from './settings.ts';

/** The statuses a SCIM server explains with an Error body; the client turns them into mapped errors. 401, 403, 429 and 5xx keep the kit's handling. */
const explainedStatuses = [400, 404, 409, 412, 413, 501] as const;

/** An HTTP client for one SCIM server, with the server's configuration at hand. */
export interface ScimClient extends HttpClient {
  /** The server's /ServiceProviderConfig, fetched once per call. */
  serviceProviderConfig(): Promise<ServiceProviderConfig>;
}

/** The SCIM media type (RFC 7644 §3.1); servers also accept plain JSON. */
const scimJson = 'application/scim+json';

/**
 * The HTTP kit's client for the SCIM server of the settings: bearer auth from the `token`
 * credential, else basic auth from the `basic` one; SCIM Error bodies become ConnectorErrors
 * ({@link scimError}).
 */
export function scimClient(args: HttpClientArgs & { settings: ScimSettings; auth: HttpClientArgs['auth']; credentials: HttpClientArgs['credentials'] }): ScimClient {
  const carried = { auth: args.auth ?? null, credentials: args.credentials ?? null };
  const auth = findCredential(carried, 'token') ? ({ kind: 'bearer' } as const) : findCredential(carried, 'basic') ? ({ kind: 'basic' } as const) : undefined;
  if (auth === undefined) throw new ConnectorError('The request carries neither a token credential (bearer) nor a basic credential for the SCIM server.', 'unauthorized');
  const http = createHttpClient(args, { baseUrl: args.settings.base_url, auth, headers: { accept: `${scimJson}, application/json` } });

  const request: HttpClient['request'] = async <TSchema extends v.GenericSchema | undefined = undefined>(path: string, options: HttpRequestOptions<TSchema> = {}) => {
    const body = options.body === undefined ? {} : { headers: { 'content-type': scimJson, ...options.headers }, body: JSON.stringify(options.body) };
    const response = await http.request(path, { ...options, ...body, allowStatus: [...explainedStatuses, ...(options.allowStatus ?? [])] });
    if (response.status >= 400 && !options.allowStatus?.includes(response.status)) {
      const url = new URL(response.url);
      throw scimError(response.status, response.data, `${(options.method ?? 'GET').toUpperCase()} ${url.origin}${url.pathname}`);
    }
    return response;
  };
  const send =
    (method: string) =>
    async <TSchema extends v.GenericSchema | undefined = undefined>(path: string, init: Omit<HttpRequestOptions<TSchema>, 'method'> = {}) =>
      (await request(path, { ...init, method })).data;

  let config: Promise<ServiceProviderConfig> | undefined;
  return {
    ...http,
    request,
    get: send('GET'),
    post: send('POST'),
    put: send('PUT'),
    patch: send('PATCH'),
    delete: send('DELETE'),
    serviceProviderConfig: () => (config ??= send('GET')('/ServiceProviderConfig', { schema: ServiceProviderConfig })),
  };
}
