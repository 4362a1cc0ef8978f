import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envelope, fail, succeed } from './helpers.ts';
import { postgresInstalls, startPostgres, superuser, type PostgresServer } from './postgres-server.ts';

// The server's certificate names only `localhost` and is signed by a CA of the test's own.
for (const install of postgresInstalls('test/postgres/tls')) {
  describe.skipIf(install.bin === undefined)(`postgres connector: TLS modes against a server with TLS on (${install.label})`, () => {
    let server: PostgresServer;
    /** An envelope with these settings; without a tls_mode, the connector's default (verify-full) applies. */
    const connect = (settings: Record<string, unknown>) => {
      const request = envelope(server, superuser, { settings });
      if (!('tls_mode' in settings)) delete (request.settings as { tls_mode?: unknown }).tls_mode;
      return request;
    };

    beforeAll(async () => {
      server = await startPostgres(install, { tls: true });
    }, 60_000);
    afterAll(() => server?.stop());

    /** Runs validate_credentials and reads the server's log of that connection: whether it used TLS. */
    async function connectsOverTls(settings: Record<string, unknown>): Promise<boolean> {
      const log = join(server.directory, 'server.log');
      const before = readFileSync(log, 'utf8').length;
      const result = await succeed('validate_credentials', connect(settings));
      expect(result.response.valid).toBe(true);
      const authorized = readFileSync(log, 'utf8')
        .slice(before)
        .split('\n')
        .filter((line) => line.includes('connection authorized') && line.includes('application_name=lumos-connector'));
      expect(authorized).toHaveLength(1);
      return authorized[0]!.includes('SSL enabled');
    }

    test("verify-full (the default) with ca_file and the certificate's host name connects over TLS", async () => {
      expect(await connectsOverTls({ host: 'localhost', tls_mode: 'verify-full', ca_file: server.caFile })).toBe(true);
    });

    test('require connects over TLS without checking the certificate; disable connects in clear', async () => {
      expect(await connectsOverTls({ tls_mode: 'require' })).toBe(true);
      expect(await connectsOverTls({ tls_mode: 'disable' })).toBe(false);
    });

    test('verify-full without ca_file cannot check a private CA: api_error telling to set ca_file', async () => {
      const error = await fail('validate_credentials', connect({ host: 'localhost' }));
      expect(error).toMatchObject({ error_code: 'api_error', app_error_code: 'postgres.tls_certificate' });
      expect(error.message).toContain("Set ca_file to the PEM file of the CA that signed the server's certificate");
    });

    test('verify-full with a CA that did not sign the certificate is api_error naming ca_file', async () => {
      const error = await fail('validate_credentials', connect({ host: 'localhost', ca_file: server.otherCaFile }));
      expect(error).toMatchObject({ error_code: 'api_error', app_error_code: 'postgres.tls_certificate' });
      expect(error.message).toContain(`The certificate was not signed by the CA in ca_file (${server.otherCaFile})`);
    });

    test('verify-full with a host name the certificate does not list is api_error saying which name to use', async () => {
      const error = await fail('validate_credentials', connect({ host: '127.0.0.1', ca_file: server.caFile }));
      expect(error).toMatchObject({ error_code: 'api_error', app_error_code: 'postgres.tls_certificate' });
      expect(error.message).toContain("The host setting (127.0.0.1) must be a name the server's certificate lists");
    });

    test('a ca_file that cannot be read, or that holds no certificate, or ca_file without verify-full, is bad_request', async () => {
      expect(await fail('validate_credentials', connect({ host: 'localhost', ca_file: join(server.directory, 'missing.pem') }))).toMatchObject({
        error_code: 'bad_request',
      });
      expect(await fail('validate_credentials', connect({ host: 'localhost', ca_file: join(server.directory, 'server.ext') }))).toMatchObject({
        error_code: 'bad_request',
      });
      const mixed = await fail('validate_credentials', connect({ tls_mode: 'require', ca_file: server.caFile }));
      expect(mixed).toMatchObject({
        error_code: 'bad_request',
        message: 'ca_file is only used with tls_mode verify-full (tls_mode is require): set tls_mode to verify-full, or remove ca_file.',
      });
    });
  });
}
