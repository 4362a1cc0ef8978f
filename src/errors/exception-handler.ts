import type { WireError } from './wire-error.ts';

/** What an exception handler learns about where the error was raised. */
export interface ExceptionContext {
  /** The capability whose handler threw. */
  capability: string;
}

/**
 * Adjusts the wire error for thrown values it matches. Every matching handler applies, in order
 * (as in the reference SDK); a `ConnectorError` skips them all.
 */
export interface ExceptionHandler {
  /** Applies to instances of this class. */
  error?: abstract new (
    ...args: never[]
  ) => unknown;
  /** Applies when this returns true (checked after `error`, when both are given). */
  when?: (error: unknown) => boolean;
  /** Returns the adjusted wire error, or nothing to keep it as it is. */
  // biome-ignore lint/suspicious/noConfusingVoidType: a handler that only inspects the error returns nothing, which `undefined` would refuse.
  handle: (error: unknown, wireError: WireError, context: ExceptionContext) => WireError | void;
}

/** Whether a handler applies to a thrown value. */
export function handlerMatches(handler: ExceptionHandler, error: unknown): boolean {
  if (handler.error !== undefined && !(error instanceof handler.error)) return false;
  if (handler.when !== undefined && !handler.when(error)) return false;
  return handler.error !== undefined || handler.when !== undefined;
}
