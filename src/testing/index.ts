/**
 * The testing kit (`lumos-connector-sdk/testing`): a typed harness over a connector (in-process or
 * the compiled executable), HTTP record and replay with scrubbed cassettes, and the conformance check.
 *
 * @module
 */
export { connectorHarness } from './connector-harness.ts';
export type {
  ConnectorHarness,
  EnvelopeParts,
  HarnessCapability,
  HarnessOptions,
  HarnessRequest,
  HarnessResponse,
  HarnessResult,
  HarnessSuccessEnvelope,
  PaginatedCapability,
  WalkOptions,
  WalkResult,
} from './connector-harness.ts';
export type { BinaryOptions, ConnectorRun, LogOptions } from './connector-runner.ts';
export { HarnessError } from './harness-error.ts';
export { recordHttp, withHttpCassette } from './record-http.ts';
export type { Cassette, CassetteInteraction, HttpRecording, RecordHttpOptions } from './record-http.ts';
export { requestSecrets } from './request-secrets.ts';
export { checkConnector } from '../check/check-connector.ts';
export type { CheckFixture, CheckOptions, CheckOutcome, CheckReport } from '../check/check-connector.ts';
