/** Why a capability could not be registered. */
export type RegistrationFailure = 'duplicate' | 'reserved' | 'invalid_name' | 'unknown_capability' | 'invalid_options';

/** Thrown while an integration is being defined (never while it runs): a programming mistake to fix. */
export class RegistrationError extends Error {
  override readonly name = 'RegistrationError';
  /** What was wrong. */
  readonly reason: RegistrationFailure;

  constructor(reason: RegistrationFailure, message: string) {
    super(message);
    this.reason = reason;
  }
}
