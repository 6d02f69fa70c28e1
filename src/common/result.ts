// Errors cross the bridge as values, never as thrown exceptions (architecture.md).
import type { ErrorCode } from './errors';

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err = { readonly ok: false; readonly code: ErrorCode; readonly message: string };
export type Result<T> = Ok<T> | Err;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err(code: ErrorCode, message: string): Err {
  return { ok: false, code, message };
}
