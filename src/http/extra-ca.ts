import { ConnectorError } from '../errors/connector-error.ts';

/** Extra certificate authorities to trust, e.g. a corporate TLS-inspection CA. */
export interface ExtraCaOptions {
  /** PEM text of one or more CA certificates. */
  ca?: string | readonly string[] | undefined;
  /** A PEM file of one or more CA certificates. */
  caFile?: string | undefined;
}

const cache = new Map<string, string[]>();

/**
 * The `tls.ca` list for fetch when the SDK is given extra CAs, or undefined when it is not.
 * Bun itself already trusts `NODE_EXTRA_CA_CERTS` and `SSL_CERT_FILE`/`SSL_CERT_DIR` (from source
 * and in compiled binaries); an explicit `ca` replaces Bun's whole trust store, so the list is
 * Bun's default and system certificates plus the extra ones.
 */
export function extraCaList(options: ExtraCaOptions): string[] | undefined {
  const given = typeof options.ca === 'string' ? [options.ca] : [...(options.ca ?? [])];
  if (options.caFile !== undefined) given.push(readCaFile(options.caFile));
  if (given.length === 0) return undefined;
  const key = given.join('\n');
  let list = cache.get(key);
  if (list === undefined) {
    // node:tls loads only when extra CAs are configured: most connectors never pay for it.
    const tls = require('node:tls') as typeof import('node:tls');
    list = [...new Set([...tls.getCACertificates('default'), ...tls.getCACertificates('system'), ...given])];
    cache.set(key, list);
  }
  return list;
}

function readCaFile(path: string): string {
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConnectorError(`Cannot read the CA certificate file ${JSON.stringify(path)}: ${(error as Error).message}`, 'bad_request', { cause: error });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new ConnectorError(`The CA certificate file ${JSON.stringify(path)} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`, 'bad_request');
  }
  return text;
}
