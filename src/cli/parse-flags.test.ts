import { describe, expect, test } from 'bun:test';
import type { ArgsDef } from 'citty';
import { CliError } from './cli-error.ts';
import { describeArgument, parseFlags } from './parse-flags.ts';

const defs = {
  json: { type: 'string' },
  'use-proxy': { type: 'boolean', alias: ['sip'] },
  port: { type: 'string', alias: ['p'] },
} as const satisfies ArgsDef;

function usageError(argv: string[]): string {
  try {
    parseFlags(argv, defs);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message;
  }
  throw new Error(`parseFlags accepted ${JSON.stringify(argv)}`);
}

describe('parseFlags', () => {
  test('reads value flags with a space or =, boolean flags and aliases', () => {
    expect(parseFlags(['--json', '{}', '--sip', '-p=80'], defs)).toEqual({ json: '{}', 'use-proxy': true, port: '80' });
    expect(parseFlags(['--json={"a":1}'], defs)).toEqual({ json: '{"a":1}' });
  });

  test('an unknown option, a repeat, a missing value, a value on a boolean and a stray word are usage errors', () => {
    expect(usageError(['--jsonn'])).toBe('unknown option --jsonn.');
    expect(usageError(['--json', 'a', '--json', 'b'])).toBe('--json was given more than once.');
    expect(usageError(['--json'])).toBe('--json needs a value.');
    expect(usageError(['--json', '--port'])).toBe('--json needs a value.');
    expect(usageError(['--use-proxy=yes'])).toBe('--use-proxy takes no value.');
    expect(usageError(['extra'])).toBe("unexpected argument 'extra'.");
  });

  test('a stray request is named by its kind, never echoed', () => {
    const request = '{"auth":{"basic":{"password":"hunter2-secret"}}}';
    const message = usageError([request]);
    expect(message).toBe(`unexpected argument (a JSON document of ${request.length} characters — did you forget --json?).`);
    expect(message).not.toContain('hunter2');
  });
});

describe('parseFlags for the connector command', () => {
  const commandDefs = {
    name: { type: 'positional' },
    'app-id': { type: 'string' },
    force: { type: 'boolean', alias: ['f'] },
    format: { type: 'enum', options: ['json', 'yaml'] },
  } as const satisfies ArgsDef;
  const options = { repeatable: true, cittyNames: true };

  test('takes positionals, camelCase names, --no- booleans, repeats and stops at --', () => {
    expect(parseFlags(['acme', '--appId', 'a', '--app-id', 'b', '--no-force', '--format=yaml', '--', '--anything'], commandDefs, undefined, options)).toEqual({
      name: 'acme',
      'app-id': 'b',
      force: true,
      format: 'yaml',
    });
  });

  test("a surplus positional and an unknown option are usage errors (enum values are citty's to check)", () => {
    const error = (argv: string[]) => {
      try {
        parseFlags(argv, commandDefs, undefined, options);
      } catch (caught) {
        return (caught as CliError).message;
      }
      return 'accepted';
    };
    expect(error(['acme', 'extra'])).toBe("unexpected argument 'extra'.");
    expect(error(['--out', 'x'])).toBe('unknown option --out.');
  });
});

describe('describeArgument', () => {
  test('quotes plain words and shows two characters of anything else', () => {
    expect(describeArgument('list_accounts')).toBe("'list_accounts'");
    expect(describeArgument(' [1,2]')).toBe('(a JSON document of 6 characters — did you forget --json?)');
    expect(describeArgument('password=hunter2 x')).toBe('(18 characters starting "pa…")');
  });
});
