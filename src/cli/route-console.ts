import type { Logger } from '../logging/logger.ts';

/**
 * Sends `console.*` to the connector's logger, so an author's stray `console.log` can never
 * corrupt the one JSON document on stdout.
 */
export function routeConsole(logger: Logger): void {
  const line = (args: unknown[]): string =>
    args.map((arg) => (typeof arg === 'string' ? arg : arg instanceof Error ? `${arg.name}: ${arg.message}` : safeJson(arg))).join(' ');
  const target = console as unknown as Record<string, unknown>;
  target['log'] = (...args: unknown[]) => logger.info(line(args));
  target['info'] = (...args: unknown[]) => logger.info(line(args));
  target['debug'] = (...args: unknown[]) => logger.debug(line(args));
  target['trace'] = (...args: unknown[]) => logger.debug(line(args));
  target['warn'] = (...args: unknown[]) => logger.warn(line(args));
  target['error'] = (...args: unknown[]) => logger.error(line(args));
  target['dir'] = (...args: unknown[]) => logger.info(line(args));
  target['table'] = (...args: unknown[]) => logger.info(line(args));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
