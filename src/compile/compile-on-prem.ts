import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { CompileError } from './compile-error.ts';
import { readConnectorPackage } from './connector-package.ts';
import { dataFileMembers, resolveDataFiles } from './data-files.ts';
import { entrySource } from './entry-source.ts';
import { sdkFastCheckModule, staticConnectorModules, writeChecksModules, writeConnectorChecks } from './connector-checks.ts';
import { metadataToml } from './metadata-toml.ts';
import { runOnSource, uncaughtErrorLine } from './source-process.ts';
import { stockConnectorId } from './stock-connector-id.ts';
import { compileTargetNames, compileTargets, isCompileTargetName, runsOnHost, type CompileTargetName } from './targets.ts';
import { bundledPackages, thirdPartyLicensesText, type BundledPackage } from './third-party-licenses.ts';
import { verifyArchive, type Verification } from './verify-archive.ts';
import { writeArchive, type ArchiveMember } from './write-archive.ts';

/** What `compile-on-prem` is asked to build. */
export interface CompileOnPremOptions {
  /**
   * The connector's app id (default: the integration's own, from `info`); the archive is
   * `<appId>-<version>`, `metadata.toml` says `<appId>_on_prem`. A different id is an error.
   */
  appId?: string | undefined;
  /** The connector's package folder: the one holding package.json and the entry point. */
  connectorDirectory: string;
  /** Where the archive goes; defaults to `build/` in the working directory. */
  outputDirectory?: string | undefined;
  /** Files to ship beside the executable, relative to the connector's folder. */
  dataFiles?: readonly string[] | undefined;
  /** The platform to build for; defaults to `linux-x64`, the agent's. */
  target?: string | undefined;
  /** Whether to unpack the archive and run `main info` when the host can run it (default true). */
  verify?: boolean | undefined;
  /** Where progress goes (stderr in the CLI); silent by default. */
  log?: ProgressLog | undefined;
}

/** The progress messages `compile-on-prem` and `scaffold` report (consola's instance fits). */
export interface ProgressLog {
  start(message: string): void;
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
}

const silent: ProgressLog = { start() {}, info() {}, success() {}, warn() {} };

/** What `compile-on-prem` built. */
export interface CompileOnPremResult {
  archivePath: string;
  version: string;
  target: CompileTargetName;
  /** Archive members in archive order. */
  members: string[];
  packages: BundledPackage[];
  executableBytes: number;
  archiveBytes: number;
  /** What `main info` answered, or undefined when the check was skipped or not possible on this host. */
  verification: Verification | undefined;
}

const appIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The Bun options built into every executable `compile-on-prem` makes (its `process.execArgv`). */
const compiledExecArgv = ['--use-system-ca'] as const;

/** Runs the connector's `info` from source, as the compiled executable will print it. */
async function precomputeInfo(entryPoint: string, directory: string): Promise<string> {
  const { stdout, stderr, exitCode } = await runOnSource([entryPoint, 'info'], directory);
  const text = stdout.trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (exitCode !== 0 || typeof (parsed as { response?: unknown } | undefined)?.response !== 'object') {
    const reason = uncaughtErrorLine(stderr, exitCode);
    throw new CompileError(`the connector does not answer info from source (${oneLine(reason)}): fix it before compiling.`);
  }
  return text;
}

/**
 * Writes the checks of the schemas the connector's modules export (an app's answers are checked
 * against them on every page) into the build, and returns the module to load in place of the
 * connector's entry point; or undefined when there are none or they could not be written, in which
 * case the executable generates them at run time as before.
 */
async function connectorChecksModule(entryPoint: string, directory: string, stage: string, log: ProgressLog): Promise<string | undefined> {
  const fastCheckModule = sdkFastCheckModule(directory);
  if (fastCheckModule === undefined) return undefined;
  const { checks, problem } = await writeConnectorChecks(await staticConnectorModules(entryPoint, directory), directory);
  if (problem !== undefined) log.info(`Not writing the checks of the connector's schemas ahead of time (${oneLine(problem)}).`);
  if (checks.length === 0) return undefined;
  const path = writeChecksModules(stage, entryPoint, checks, fastCheckModule);
  log.info(
    `Wrote the checks of ${checks.length} exported schema${checks.length === 1 ? '' : 's'} ahead of time (${checks.map((check) => check.name).join(', ')}).`,
  );
  return path;
}

/**
 * Builds a connector into the archive the on-premise agent installs: `bun build --compile` (minified,
 * bytecode) to `main`, plus `metadata.toml`, `THIRD_PARTY_LICENSES.txt` and the data files, packed as
 * `<app_id>-<version>.tar.gz` (`.zip` holding `main.exe` for Windows). Throws a {@link CompileError}.
 */
export async function compileOnPrem(options: CompileOnPremOptions): Promise<CompileOnPremResult> {
  const log = options.log ?? silent;
  const targetName = options.target ?? 'linux-x64';
  if (!isCompileTargetName(targetName)) {
    throw new CompileError(`unknown --target ${JSON.stringify(targetName)}: use one of ${compileTargetNames.join(', ')}.`, 2);
  }
  const target = compileTargets[targetName];
  if (options.appId !== undefined && !appIdPattern.test(options.appId.trim())) {
    throw new CompileError(`--app-id ${JSON.stringify(options.appId)} cannot name an archive: use letters, digits, '.', '_' and '-' (e.g. acme-hr).`, 2);
  }
  const dataMembers = dataFileMembers(options.dataFiles ?? [], [target.executable, 'metadata.toml', 'THIRD_PARTY_LICENSES.txt']);
  const connector = readConnectorPackage(options.connectorDirectory);
  const dataFiles = resolveDataFiles(connector.directory, dataMembers);
  const outputDirectory = resolve(options.outputDirectory ?? 'build');
  const info = await precomputeInfo(connector.entryPoint, connector.directory);
  const appId = chooseAppId(options.appId, info);
  const stock = stockConnectorId(appId);
  if (stock !== undefined) {
    log.warn(
      `the app id ${appId} is the id of the on-premise agent's stock ${stock} connector (${stock}_on_prem): the agent's auto-update may take this connector for it and replace it. Choose an id of your own in createIntegration (e.g. acme-${stock}) unless you mean to.`,
    );
  }
  const archivePath = join(outputDirectory, `${appId}-${connector.version}.${target.archive}`);

  const stage = mkdtempSync(join(tmpdir(), `connector-compile-${appId}-`));
  try {
    log.start(`Compiling ${relative(process.cwd(), connector.entryPoint)} for ${targetName} (${target.bunTarget}, minified, bytecode)…`);
    const started = performance.now();
    const entry = join(stage, 'entry.ts');
    const withChecks = await connectorChecksModule(connector.entryPoint, connector.directory, stage, log);
    writeFileSync(entry, entrySource(withChecks ?? connector.entryPoint));
    const build = await Bun.build({
      entrypoints: [entry],
      target: 'bun',
      format: 'esm',
      minify: true,
      bytecode: true,
      // Dynamic imports become chunks loaded when first used: the generated entry's bare `info` then loads
      // nothing of the connector, and a capability call skips the dev server, OAuth and JSON Schema code.
      splitting: true,
      metafile: true,
      throw: false,
      // `info` depends only on the integration's definition: answer it from the build, not at every call.
      define: { LUMOS_PRECOMPUTED_INFO: JSON.stringify(info), LUMOS_REGISTRATION_CHECKED: 'true' },
      compile: {
        target: target.bunTarget,
        outfile: join(stage, 'main'),
        // The agent's working directory is not the connector's: do not pick up a stray .env or bunfig.toml there.
        autoloadDotenv: false,
        autoloadBunfig: false,
        // Trust the operating system's CA store as well as Bun's bundled roots, with no flag from whoever runs it:
        // on-premise networks inspect TLS with private CAs installed there (the Windows store, the macOS keychain,
        // /etc/ssl/certs). NODE_EXTRA_CA_CERTS and SSL_CERT_FILE still add to it.
        execArgv: [...compiledExecArgv],
        // A call is a short-lived process: tier-up thresholds 8× higher keep run-once start-up code in the
        // interpreter instead of compiling it on a second core; measured 14–17 % less CPU per call (docs/bench.md).
        jitPolicy: 8,
      },
    });
    if (!build.success) {
      const first = build.logs.find((entry) => entry.level === 'error') ?? build.logs[0];
      throw new CompileError(
        `bun build failed: ${oneLine(first ? String(first.message ?? first) : 'no reason given')}${build.logs.length > 1 ? ` (and ${build.logs.length - 1} more)` : ''}`,
      );
    }
    const executablePath = join(stage, target.executable);
    const executableBytes = statSync(executablePath).size;
    log.info(`Compiled ${target.executable} (${megabytes(executableBytes)}) in ${Math.round(performance.now() - started)} ms.`);

    const inputs = Object.keys((build.metafile as { inputs?: Record<string, unknown> } | undefined)?.inputs ?? {});
    const packages = bundledPackages(inputs, connector.directory);
    writeFileSync(join(stage, 'THIRD_PARTY_LICENSES.txt'), thirdPartyLicensesText({ appId, version: connector.version, packages }));
    writeFileSync(join(stage, 'metadata.toml'), metadataToml(appId, connector.version));
    for (const file of dataFiles) {
      mkdirSync(dirname(join(stage, file.member)), { recursive: true });
      copyFileSync(file.source, join(stage, file.member));
    }
    const archiveMembers: ArchiveMember[] = [
      { path: target.executable, mode: 0o770 },
      { path: 'metadata.toml', mode: 0o644 },
      { path: 'THIRD_PARTY_LICENSES.txt', mode: 0o644 },
      ...dataFiles.map((file) => ({ path: file.member, mode: 0o644 })),
    ];
    mkdirSync(outputDirectory, { recursive: true });
    log.info(
      `Packing ${archiveMembers.length} files; licences of ${[...new Set(packages.map((pkg) => pkg.name))].join(', ') || 'no packages'} and the Bun runtime.`,
    );
    await writeArchive(target.archive, stage, archiveMembers, archivePath);
    const archiveBytes = statSync(archivePath).size;
    log.success(`Bundled into ${relative(process.cwd(), archivePath)} (${megabytes(archiveBytes)}).`);

    let verification: Verification | undefined;
    if (options.verify === false) log.info('Not checking the archive (--no-verify).');
    else if (!runsOnHost(target))
      log.info(`Not checking the archive: a ${targetName} executable does not run on this ${process.platform}-${process.arch} machine.`);
    else {
      try {
        verification = await verifyArchive(archivePath, target.executable, connector.version);
      } catch (error) {
        rmSync(archivePath, { force: true });
        throw error;
      }
      log.success(
        `Checked: the unpacked ${target.executable} answers info (version ${verification.version}, ${verification.capabilities.length} capabilities) in ${Math.round(verification.milliseconds)} ms.`,
      );
    }
    return {
      archivePath,
      version: connector.version,
      target: targetName,
      members: archiveMembers.map((member) => member.path),
      packages,
      executableBytes,
      archiveBytes,
      verification,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The `--app-id` given, or the integration's own from `info`; one that differs from the integration's (but for `_on_prem`) is a usage error. */
function chooseAppId(given: string | undefined, info: string): string {
  const own = String((JSON.parse(info) as { response: { app_id?: unknown } }).response.app_id ?? '');
  if (given === undefined) {
    if (!appIdPattern.test(own))
      throw new CompileError(`the integration's app id ${JSON.stringify(own)} cannot name an archive: use letters, digits, '.', '_' and '-' (e.g. acme-hr).`);
    return own;
  }
  const appId = given.trim();
  if (appId.replace(/_on_prem$/, '') !== own) {
    throw new CompileError(
      `--app-id ${appId} is not the integration's app id ${JSON.stringify(own)}: leave --app-id out, or change appId in createIntegration.`,
      2,
    );
  }
  return appId;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
