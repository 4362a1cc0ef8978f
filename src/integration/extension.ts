import type {
  CapabilityHandler,
  CapabilityMetadata,
  CredentialConfig,
  CredentialKind,
  IntegrationOptions,
  RegistrableCapabilityName,
} from '../integration/types.ts';

/** What an extension is told when `createIntegration` sets it up. */
export interface ExtensionContext {
  /** The integration's app id, trimmed. */
  readonly appId: string;
  /** The options the integration is created with. */
  readonly options: Readonly<IntegrationOptions>;
}

/** A standard capability an extension registers, with its metadata (`raisedIn` names the extension). */
export interface ExtensionCapability extends CapabilityMetadata {
  readonly name: RegistrableCapabilityName;
  readonly handler: CapabilityHandler<any, any, any>;
}

/**
 * What an extension adds to one integration. Every part is optional; the document parts are
 * functions, called only when `info` or `app_info` is built.
 */
export interface ExtensionParts {
  /** Standard capabilities to register, after `app_info` and before anything the connector registers. */
  capabilities?: readonly ExtensionCapability[];
  /** Top-level keys of the legacy `info` document (e.g. `oauth_scopes`). */
  info?: () => Record<string, unknown>;
  /** Keys added to one credential's entry of `info`'s `credentials_schema`. */
  credentialInfo?: (credential: CredentialConfig) => Record<string, unknown>;
  /** `x-…` keys of `app_info`'s OpenAPI `info` object, given the names of every registered capability. */
  openApiInfo?: (capabilityNames: readonly string[]) => Record<string, unknown>;
  /**
   * The OpenAPI security scheme of a credential of one of the extension's `credentialKinds`
   * (`credentialId` is undefined in the single-`auth` style); `undefined` keeps the default scheme.
   */
  securityScheme?: (kind: CredentialKind, credentialId: string | undefined) => Record<string, unknown> | undefined;
}

/**
 * A plug-in of the core: `createIntegration({ …, extensions: [oauth({ … })] })` calls `setup` once
 * and loops over what it returns. The core imports no extension; an extension imports the core.
 *
 * @example
 * const audit: IntegrationExtension = {
 *   name: 'audit',
 *   credentialKinds: [],
 *   setup: ({ appId }) => ({ info: () => ({ x_audited_by: appId }) }),
 * };
 */
export interface IntegrationExtension<TSettings = any> {
  /** A short name for messages, e.g. `oauth`. */
  readonly name: string;
  /** Type only: the parsed settings the extension's own functions receive (lets `oauth(…)` type them from the integration). */
  readonly settingsType?: ((settings: TSettings) => void) | undefined;
  /** The credential kinds whose security scheme this extension describes (`securityScheme`). */
  readonly credentialKinds: readonly CredentialKind[];
  /** Checks the extension's own settings against the integration (throwing a `RegistrationError`) and returns its parts. */
  setup(context: ExtensionContext): ExtensionParts;
}

/** An extension as set up on one integration: its name and kinds with its parts. */
export interface InstalledExtension extends ExtensionParts {
  readonly name: string;
  readonly credentialKinds: readonly CredentialKind[];
}
