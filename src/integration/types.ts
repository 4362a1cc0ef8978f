import type * as v from 'valibot';
import type { ExceptionHandler } from '../errors/exception-handler.ts';
import type { capabilityCatalog } from '../wire/generated/capabilities.ts';
import type { CapabilityEntry } from '../wire/generated/capability-table.ts';
import type { AppCategory, AuthCredential, AuthModel, EntitlementType, ExecutionSummary, Page, ResourceType } from '../wire/generated/models.ts';
import type { Logger } from '../logging/logger.ts';
import type { SecretSet } from '../logging/redact.ts';
import type { IntegrationExtension } from './extension.ts';

/** The standard capabilities a connector registers a handler for: every wire `StandardCapabilityName` but `info` and `app_info`, which the SDK answers. */
export type RegistrableCapabilityName = Exclude<keyof typeof capabilityCatalog, 'info' | 'app_info'>;

type Catalog = typeof capabilityCatalog;

/** Standard capabilities whose payloads a connector may extend with its own fields. */
export type CustomizableCapabilityName = {
  [TName in RegistrableCapabilityName]: Catalog[TName]['customizable'] extends true ? TName : never;
}[RegistrableCapabilityName];

/** The validated request payload of a standard capability. */
export type PayloadOf<TName extends RegistrableCapabilityName> = Catalog[TName]['request'] extends v.GenericSchema
  ? v.InferOutput<Catalog[TName]['request']>
  : Record<string, never>;

/** What a standard capability's handler returns as `response` (defaults may be left out). */
export type ResponseOf<TName extends RegistrableCapabilityName> = v.InferInput<Catalog[TName]['response']>;

/** A credential kind: `basic`, `token`, `oauth`, … */
export type CredentialKind = AuthModel;

/** Where a capability sits for Lumos: reading, writing or validating. */
export type CapabilityLevel = NonNullable<CapabilityEntry['level']>;

/** What a handler receives: the wire request envelope (snake_case), with settings parsed and typed. */
export interface CapabilityArgs<TPayload, TSettings> {
  /** The capability's payload, validated against its wire schema. */
  request: TPayload;
  /** The settings, parsed with the integration's settings schema. */
  settings: TSettings;
  /** The single credential (older `auth` style), if sent. */
  auth: AuthCredential | null;
  /** The credentials (multi-credential style), if sent. */
  credentials: AuthCredential[] | null;
  /** The page asked for; `token` is absent on the first page. */
  page: Page | null;
  /** Whether Lumos asked for the app's raw responses in `raw_data`. */
  include_raw_data: boolean;
}

/** What the SDK tells a handler beyond the request. */
export interface CapabilityContext {
  /** The integration's app id. */
  appId: string;
  /** The capability being run. */
  capability: string;
  /** The connector's logger: stderr or the log file, never stdout; secrets are masked. */
  log: Logger;
  /**
   * This request's secret values, worked out once by `dispatch` (credentials, secret settings,
   * redacted keys, whatever their JSON type). `mask(text)` hides them; `add(values)` registers
   * values derived from them (a fetched token) for every later log line and error of the request.
   * The HTTP kit's clients read the same set.
   */
  secrets: SecretSet;
}

/** What a handler returns: the wire response envelope without the parts the SDK fills in. */
export interface CapabilityResult<TResponse> {
  /** The capability's payload. */
  response: TResponse;
  /** The next page, for paginated capabilities; absent or `null` when there is no more data. */
  page?: Page | null | undefined;
  /** The app's raw responses, when `include_raw_data` was asked for. */
  raw_data?: unknown;
  /** What a write did: created, updated, deleted or nothing. */
  execution_summary?: v.InferInput<typeof ExecutionSummary> | null | undefined;
}

/** A capability's handler. */
export type CapabilityHandler<TPayload, TResponse, TSettings> = (
  args: CapabilityArgs<TPayload, TSettings>,
  context: CapabilityContext,
) => CapabilityResult<TResponse> | Promise<CapabilityResult<TResponse>>;

/** The handler of the standard capability `TName`. */
export type StandardHandler<TName extends RegistrableCapabilityName, TSettings> = CapabilityHandler<PayloadOf<TName>, ResponseOf<TName>, TSettings>;

/** Display metadata of a capability (shown in `info` and `app_info`). */
export interface CapabilityMetadata {
  /** Defaults to the name in title case, e.g. "List Accounts". */
  displayName?: string;
  /** A sentence for the Lumos UI. */
  description?: string;
  /** The stable `module:function` reported as `raised_in`; defaults to `<app_id>:<capability>`. */
  raisedIn?: string;
}

/** A handler, or a handler with its metadata, for bulk registration. */
export type HandlerEntry<TName extends RegistrableCapabilityName, TSettings> =
  | StandardHandler<TName, TSettings>
  | ({ handler: StandardHandler<TName, TSettings> } & CapabilityMetadata);

/** Standard handlers by capability name, for {@link Integration.registerAll}. */
export type StandardHandlers<TSettings> = { [TName in RegistrableCapabilityName]?: HandlerEntry<TName, TSettings> };

/** How a custom capability is declared. */
export interface CustomCapabilityOptions<TRequest extends v.GenericSchema, TResponse extends v.GenericSchema> extends CapabilityMetadata {
  /** The payload schema of `request`. */
  request: TRequest;
  /** The payload schema of `response`. */
  response: TResponse;
  /** Read, write or validation; defaults to `write` as in the reference. */
  level?: CapabilityLevel;
}

/** One credential a multi-credential integration accepts. */
export interface CredentialConfig {
  /** Unique within the app; requests name it in `credentials[].id`. */
  id: string;
  /** The credential's kind. */
  type: CredentialKind;
  /** Markdown shown to the person entering the credential. */
  description?: string;
  /** Whether the integration works without it. */
  optional?: boolean;
  /** Checks the credential against the app for `validate_credential_config`. */
  validate?: (credential: AuthCredential, context: CapabilityContext) => Promise<CredentialValidation> | CredentialValidation;
}

/** What a credential's own validation found. */
export interface CredentialValidation {
  valid: boolean;
  validation_errors?: string[];
}

/** Who the app is, for Lumos's catalogue. */
export interface DescriptionData {
  /** The app's name as a person reads it. */
  userFriendlyName: string;
  /** Catalogue categories. */
  categories: AppCategory[];
  /** A sentence or two about the app. */
  description?: string;
  /** A URL of the app's logo. */
  logoUrl?: string;
  /** The vendor's domain, e.g. `okta.com`. */
  appVendorDomain?: string;
}

/** Everything an integration is built from. */
export interface IntegrationOptions<TSettingsSchema extends v.GenericSchema | undefined = v.GenericSchema | undefined> {
  /** The app id, e.g. `acme-hr`; reported in every error and in `metadata.toml`. */
  appId: string;
  /** The connector's version, shown in `info`. */
  version: string;
  /** The app's catalogue entry. */
  description: DescriptionData;
  /** The single credential kind (older `auth` style). */
  auth?: CredentialKind;
  /** The credentials (multi-credential style). Give `auth` or `credentials`, not both. */
  credentials?: CredentialConfig[];
  /** The valibot schema of `settings`; parsed before a handler runs. */
  settings?: TSettingsSchema;
  /** Whether multi-credential integrations get the built-in `validate_credential_config` (default true). */
  credentialValidation?: boolean;
  /** Ordered exception handlers; defaults to `[httpStatusHandler]`. */
  exceptionHandlers?: ExceptionHandler[];
  /** Resource types the connector reports. */
  resourceTypes?: v.InferInput<typeof ResourceType>[];
  /** Entitlement types the connector reports. */
  entitlementTypes?: v.InferInput<typeof EntitlementType>[];
  /** Plug-ins such as `oauth(…)` from `lumos-connector-sdk/oauth`, set up in this order. */
  extensions?: readonly IntegrationExtension<SettingsOf<TSettingsSchema>>[];
}

/** The settings type a settings schema yields (an empty object without one). */
export type SettingsOf<TSettingsSchema> = TSettingsSchema extends v.GenericSchema ? v.InferOutput<TSettingsSchema> : Record<string, never>;

/** How a capability authenticates: `required` (auth or credentials), `optional`, `none`, or `in_payload`. */
export type AuthenticationMode = CapabilityEntry['authentication'];

/** A registered capability: everything dispatch needs, declared as properties. */
export interface CapabilityDefinition {
  readonly name: string;
  readonly request: v.GenericSchema;
  readonly response: v.GenericSchema;
  readonly paginated: boolean;
  readonly level: CapabilityLevel | null;
  readonly category: string | null;
  readonly authentication: AuthenticationMode;
  /** Whether `settings` is parsed with the integration's schema before the handler runs. */
  readonly validatesSettings: boolean;
  readonly custom: boolean;
  readonly displayName: string;
  readonly description: string | null;
  readonly raisedIn: string;
  readonly handler: CapabilityHandler<any, any, any>;
}
