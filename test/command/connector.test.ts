import { describe, expect, test } from 'bun:test';
import packageJson from '../../package.json' with { type: 'json' };
import { connector } from './connector-command.ts';

describe('connector', () => {
  test('--version prints the SDK version', async () => {
    expect(await connector(['--version'])).toEqual({ exitCode: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  test('with no command, and with --help, prints the commands and exits 0', async () => {
    for (const args of [[], ['--help']]) {
      const printed = await connector(args);
      expect(printed.exitCode).toBe(0);
      for (const command of ['compile-on-prem', 'scaffold', 'spec']) expect(printed.stdout).toContain(command);
      expect(printed.stdout).not.toContain('\u001b[');
    }
  });

  test('compile-on-prem --help says what --connector-root-module-dir is', async () => {
    const printed = await connector(['compile-on-prem', '--help']);
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout.replace(/\s+/g, ' ')).toContain(
      'The connector\'s package folder, e.g. connectors/acme-hr: its package.json gives the version, and the entry point is package.json "module", else "bin", else src/main.ts',
    );
  });

  test('an unknown command is a usage error (2) with one line', async () => {
    const printed = await connector(['compile']);
    expect(printed).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: "connector: unknown command 'compile'. Commands: check, compile-on-prem, scaffold, spec. Run 'connector --help' for usage.\n",
    });
  });
});
