import { describe, expect, test } from 'bun:test';
import { validate } from '@scalar/openapi-parser';
import { standardCapabilityNames } from '../../src/wire/generated/capabilities.ts';
import { connector } from './connector-command.ts';

describe('connector spec', () => {
  test('prints a valid OpenAPI 3.0 document with a path for each of the 43 capabilities', async () => {
    const printed = await connector(['spec']);
    expect(printed.exitCode).toBe(0);
    expect(printed.stderr).toBe('');
    const result = await validate(printed.stdout);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);

    const document = JSON.parse(printed.stdout);
    expect(document.openapi).toBe('3.0.0');
    expect(standardCapabilityNames).toHaveLength(43);
    expect(Object.keys(document.paths).sort()).toEqual(standardCapabilityNames.map((name) => `/${name}`).sort());
    // info takes no request: its path has an empty one, so that its response is described too.
    const info = document.paths['/info'].post;
    expect(info.requestBody.content['application/json'].schema.properties.request).toEqual({ type: 'object', properties: {} });
    // The request envelope carries the credentials and the response is the success or the error envelope.
    const list = document.paths['/list_accounts'].post;
    expect(Object.keys(list.requestBody.content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['request', 'settings', 'page', 'auth', 'credentials', 'include_raw_data']),
    );
    expect(list.responses['200'].content['application/json'].schema.anyOf[1]).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
  });

  test('--format yaml prints the same document as YAML, also valid', async () => {
    const [json, yaml] = await Promise.all([connector(['spec']), connector(['spec', '--format', 'yaml'])]);
    expect(yaml.exitCode).toBe(0);
    expect(Bun.YAML.parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect((await validate(yaml.stdout)).valid).toBe(true);
  });

  test('the validator is real: a dangling reference is caught', async () => {
    const document = JSON.parse((await connector(['spec'])).stdout);
    delete document.components.schemas.AuthCredential;
    const result = await validate(document);
    expect(result.valid).toBe(false);
    expect(result.errors?.[0]?.message).toContain('#/components/schemas/AuthCredential');
  });

  test('an unknown format is a usage error (2)', async () => {
    const printed = await connector(['spec', '--format', 'xml']);
    expect(printed).toMatchObject({ exitCode: 2, stdout: '' });
    expect(printed.stderr.trim()).toBe(
      "connector: Invalid value for argument: --format (xml). Expected one of: json, yaml. Run 'connector spec --help' for usage.",
    );
  });
});
