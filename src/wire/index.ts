/**
 * The wire schemas of the Lumos Connector API (connector-sdk-types 0.37.0) as valibot schemas,
 * each with its inferred type of the same name.
 *
 * @module
 */
// The generated module is the public surface of this subpath: re-exporting it whole keeps one list.
export * from './generated/models.ts';
export { capabilityCatalog, standardCapabilityNames } from './generated/capabilities.ts';
export type { WireCapability } from './generated/capabilities.ts';
