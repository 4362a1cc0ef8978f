/**
 * The Lumos connector SDK for TypeScript and Bun: define an integration, register capabilities,
 * and run it as the executable the Lumos on-premise agent calls.
 *
 * @module
 */
export { createIntegration } from './integration/create-integration.ts';
export type { Integration } from './integration/create-integration.ts';
export { RegistrationError } from './integration/registration-error.ts';
export type { RegistrationFailure } from './integration/registration-error.ts';
export { secret, hidden } from './integration/field-markers.ts';
export type {
  AuthenticationMode,
  CapabilityArgs,
  CapabilityContext,
  CapabilityDefinition,
  CapabilityHandler,
  CapabilityLevel,
  CapabilityMetadata,
  CapabilityResult,
  CredentialConfig,
  CredentialKind,
  CredentialValidation,
  CustomCapabilityOptions,
  DescriptionData,
  HandlerEntry,
  IntegrationOptions,
  PayloadOf,
  ResponseOf,
  SettingsOf,
  RegistrableCapabilityName,
  StandardHandler,
  StandardHandlers,
} from './integration/types.ts';
export { ConnectorError } from './errors/connector-error.ts';
export type { ConnectorErrorOptions } from './errors/connector-error.ts';
export { errorCodes, isErrorCode } from './errors/error-codes.ts';
export type { ErrorCode } from './errors/error-codes.ts';
export type { ExceptionContext, ExceptionHandler } from './errors/exception-handler.ts';
export { errorCodeForStatus, httpStatusHandler, statusOf } from './errors/http-status.ts';
export { toWireError } from './errors/to-wire-error.ts';
export type { RaiseSite } from './errors/to-wire-error.ts';
export type { ErrorEnvelope, WireError } from './errors/wire-error.ts';
export {
  findCredential,
  getAccessToken,
  getBasicAuth,
  getCredential,
  getJwtAuth,
  getKeyPairAuth,
  getOAuth,
  getOAuth1,
  getOAuthClientCredentials,
  getServiceAccountAuth,
  getTokenAuth,
} from './credentials/get-credential.ts';
export type { CarriesCredentials, CredentialOf } from './credentials/get-credential.ts';
export { dispatch } from './dispatch/dispatch.ts';
export type { DispatchResult, SuccessEnvelope } from './dispatch/dispatch.ts';
export { runConnector, exitCodes } from './cli/run-connector.ts';
export { log } from './logging/logger.ts';
export type { Logger } from './logging/logger.ts';
export type { SecretSet } from './logging/redact.ts';
export { executionSummary, requestFingerprint } from './write/execution-summary.ts';
export type { Effect, ExecutionSummaryInput, ExecutionSummaryOptions } from './write/execution-summary.ts';
export type { ExtensionCapability, ExtensionContext, ExtensionParts, InstalledExtension, IntegrationExtension } from './integration/extension.ts';
