/** A platform `compile-on-prem` builds for, and what its archive looks like. */
export interface CompileTarget {
  /** Bun's `--target` for `bun build --compile`. */
  readonly bunTarget: Bun.Build.CompileTarget;
  /** The executable's name at the archive root. */
  readonly executable: 'main' | 'main.exe';
  /** The archive format the agent on that platform unpacks. */
  readonly archive: 'tar.gz' | 'zip';
  /** `process.platform` and `process.arch` of a host that can run the executable. */
  readonly platform: NodeJS.Platform;
  readonly arch: string;
}

/** The targets `compile-on-prem` accepts, by the name given to `--target`. */
export const compileTargets = {
  'linux-x64': { bunTarget: 'bun-linux-x64', executable: 'main', archive: 'tar.gz', platform: 'linux', arch: 'x64' },
  'linux-arm64': { bunTarget: 'bun-linux-arm64', executable: 'main', archive: 'tar.gz', platform: 'linux', arch: 'arm64' },
  'windows-x64': { bunTarget: 'bun-windows-x64', executable: 'main.exe', archive: 'zip', platform: 'win32', arch: 'x64' },
  'darwin-x64': { bunTarget: 'bun-darwin-x64', executable: 'main', archive: 'tar.gz', platform: 'darwin', arch: 'x64' },
  'darwin-arm64': { bunTarget: 'bun-darwin-arm64', executable: 'main', archive: 'tar.gz', platform: 'darwin', arch: 'arm64' },
} as const satisfies Record<string, CompileTarget>;

/** A target name: `linux-x64`, `windows-x64`, … */
export type CompileTargetName = keyof typeof compileTargets;

/** The target names, default (the agent's x86-64 Linux) first. */
export const compileTargetNames = Object.keys(compileTargets) as CompileTargetName[];

/** Whether a name is a known target. */
export function isCompileTargetName(name: string): name is CompileTargetName {
  return Object.hasOwn(compileTargets, name);
}

/** Whether this machine can run what the target builds (so the archive can be checked here). */
export function runsOnHost(target: CompileTarget, host: { platform: string; arch: string } = process): boolean {
  return target.platform === host.platform && target.arch === host.arch;
}
