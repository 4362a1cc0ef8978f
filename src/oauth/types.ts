import type { capabilityCatalog } from '../wire/generated/capabilities.ts';

/** Which OAuth 2.0 grant the connector's app uses (the reference's `OAuthFlowType`). */
export type OAuthFlow = 'CODE_FLOW' | 'CLIENT_CREDENTIALS';

/** How the client id and secret reach the token endpoint: in the body, or as HTTP Basic. */
export type ClientAuthentication = 'CLIENT_SECRET_POST' | 'CLIENT_SECRET_BASIC';

/**
 * How `CLIENT_SECRET_BASIC` encodes the client id and secret before base64: `FORM_URLENCODED` as
 * RFC 6749 §2.3.1 says, or `RAW` for servers that compare the value as it is.
 */
export type ClientAuthEncoding = 'FORM_URLENCODED' | 'RAW';

/** The HTTP method of token requests. */
export type OAuthRequestMethod = 'POST' | 'GET';

/** How token request parameters are sent: a form body, a JSON body, or the query string. */
export type OAuthRequestData = 'FORMDATA' | 'JSON' | 'QUERY';

/** The shape of token requests; the default is a form POST, as RFC 6749 asks. */
export interface OAuthRequestType {
  /** Defaults to `POST`. With `GET`, the parameters always go in the query string. */
  method?: OAuthRequestMethod;
  /** Defaults to `FORMDATA`. */
  data?: OAuthRequestData;
}

type Catalog = typeof capabilityCatalog;

/** The capabilities the OAuth module can register: those of the wire catalog's `oauth` category. */
export type OAuthCapabilityName = { [TName in keyof Catalog]: Catalog[TName]['category'] extends 'oauth' ? TName : never }[keyof Catalog];

/** Per-capability switches: `false` leaves the capability to the connector (or out). All default to `true`. */
export type OAuthCapabilitySwitches = Partial<Record<OAuthCapabilityName, boolean>>;

/** What a URL or scopes function is given: the request payload and the parsed settings (never credentials). */
export interface OAuthSettingsArgs<TSettings = any> {
  /** The OAuth capability's payload (`client_id`, `credential_id`, …); `{}` when `app_info` asks. */
  request: { readonly credential_id?: string | null | undefined; readonly [key: string]: unknown };
  /** The integration's settings, e.g. a tenant's subdomain. */
  settings: TSettings;
}

/** A URL, or a function of the request for tenant-specific hosts. */
export type OAuthUrl<TSettings = any> = string | ((args: OAuthSettingsArgs<TSettings>) => string);

/** Space-separated scopes by capability name, e.g. `{ list_accounts: 'users:read groups:read' }`. */
export type OAuthScopes = { readonly [capability: string]: string | null | undefined };

/** OAuth settings of an integration (or of one of its credentials): the reference's `OAuthSettings`. */
export interface OAuthSettings<TSettings = any> {
  /** The authorization endpoint; needed by `get_authorization_url` in the code flow. */
  authorizationUrl?: OAuthUrl<TSettings>;
  /** The token endpoint. */
  tokenUrl: OAuthUrl<TSettings>;
  /** Scopes by capability, or a function returning them. */
  scopes?: OAuthScopes | ((args: OAuthSettingsArgs<TSettings>) => OAuthScopes);
  /** Defaults to `CODE_FLOW`. */
  flow?: OAuthFlow;
  /** Defaults to `CLIENT_SECRET_POST`. */
  clientAuth?: ClientAuthentication;
  /** How `CLIENT_SECRET_BASIC` encodes the id and secret; defaults to `FORM_URLENCODED` (RFC 6749 §2.3.1). */
  clientAuthEncoding?: ClientAuthEncoding;
  /** Defaults to `{ method: 'POST', data: 'FORMDATA' }`. */
  requestType?: OAuthRequestType;
  /** Adds an S256 PKCE challenge to the authorization URL and returns the verifier. Defaults to `false`. */
  pkce?: boolean;
  /** Switches single capabilities off so the connector can register its own. */
  capabilities?: OAuthCapabilitySwitches;
}

/**
 * What `oauth(…)` takes: one settings object for the integration (older single-`auth` style), or
 * settings per credential id (multi-credential style).
 */
export type OAuthOptions<TSettings = any> = OAuthSettings<TSettings> | { credentials: { readonly [credentialId: string]: OAuthSettings<TSettings> } };
