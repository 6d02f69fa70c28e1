// One Result for the whole house. Across the bridge the failure is a plain { code, message } value
// (never a thrown exception); inside core a module may carry its own failure shape E, as long as it is
// a discriminated object — e.g. Result<Receipt, { kind: 'mismatch'; reason: string }>.
import type { ErrorCode } from './errors';

export type Ok<T> = { readonly ok: true; readonly value: T };
/** The failure that crosses the bridge: an error code the renderer can put into plain words. */
export type BridgeError = {
  readonly code: ErrorCode;
  readonly message: string;
  /** PIN_WRONG only: tries left before a lockout, so the renderer can say it in the chosen language (any PIN form). */
  readonly triesLeft?: number;
};
export type Fail<E> = { readonly ok: false } & E;
/** The bridge's failure (the default E). */
export type Err = Fail<BridgeError>;
export type Result<T, E extends object = BridgeError> = Ok<T> | Fail<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** A bridge failure: an error code and a message in plain words. */
export function err(code: ErrorCode, message: string): Err {
  return { ok: false, code, message };
}

/** A failure of a module's own shape (core-internal outcomes). */
export function fail<E extends object>(error: E): Fail<E> {
  return { ok: false, ...error };
}
