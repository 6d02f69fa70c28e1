// Wrong-PIN lockouts (issue 11 points 1 and 5), per person (sign-in by name, second approver) and one
// for the till (sign-in by PIN alone). MAX_TRIES wrong tries start a lockout; each lockout is twice the
// one before; after MAX_LOCKOUTS in a row only an owner can lift it (waiting no longer helps).
// Measured on the persisted uptime clock, so moving the wall clock does not shorten a lockout; stored in
// settings so a restart does not lift it. A damaged record counts as locked.
import type { SettingsStorage } from '../settings/storage';
import type { UptimeClock } from './uptime-clock';

export const MAX_TRIES = 5;
export const BASE_LOCKOUT_MS = 5 * 60_000;
export const MAX_LOCKOUT_MS = 24 * 3600_000;
/** After this many lockouts in a row the lock waits for an owner. */
export const MAX_LOCKOUTS = 3;

/** The subject of PIN-alone sign-in (no name picked). */
export const TILL_SUBJECT = '*';

interface LockState {
  readonly failures: number;
  readonly lockouts: number;
  /** Uptime ms (UptimeClock) the lockout ends at; 0 when not locked. */
  readonly until: number;
  readonly ownerRequired: boolean;
}

export type LockCheck =
  | { readonly locked: false; readonly triesLeft: number }
  | { readonly locked: true; readonly remainingMs: number; readonly ownerRequired: boolean };

export type FailOutcome =
  | { readonly locked: false; readonly triesLeft: number }
  | { readonly locked: true; readonly lockouts: number; readonly durationMs: number; readonly ownerRequired: boolean };

export interface LockoutPolicy {
  readonly maxTries?: number;
  readonly baseMs?: number;
  readonly maxLockouts?: number;
}

export function lockoutDuration(baseMs: number, n: number): number {
  const k = Math.max(0, Math.min(n - 1, 40));
  return Math.min(baseMs * 2 ** k, Math.max(baseMs, MAX_LOCKOUT_MS));
}

export interface Lockouts {
  check(subject: string): LockCheck;
  fail(subject: string): FailOutcome;
  succeed(subject: string): void;
  /** An owner lifts the lock (and the count of lockouts). */
  lift(subject: string): void;
}

const FREE: LockState = { failures: 0, lockouts: 0, until: 0, ownerRequired: false };

export function createLockouts(storage: SettingsStorage, uptime: UptimeClock, policy: LockoutPolicy = {}): Lockouts {
  const maxTries = policy.maxTries ?? MAX_TRIES;
  const baseMs = policy.baseMs ?? BASE_LOCKOUT_MS;
  const maxLockouts = policy.maxLockouts ?? MAX_LOCKOUTS;
  const key = (subject: string): string => `auth.lock.${subject}`;

  const read = (subject: string): LockState => {
    const text = storage.get(key(subject));
    if (text === null) return FREE;
    const now = uptime.now();
    try {
      const s = JSON.parse(text) as Partial<LockState>;
      const int = (n: unknown): number => (Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : -1);
      const failures = int(s.failures);
      const lockouts = int(s.lockouts);
      const until = int(s.until);
      if (failures < 0 || lockouts < 0 || until < 0 || typeof s.ownerRequired !== 'boolean') throw new Error('damaged');
      // A lockout never lasts longer than its own length from now (an uptime reset after damage).
      const capped = until > 0 ? Math.min(until, now + lockoutDuration(baseMs, Math.max(1, lockouts))) : 0;
      return { failures, lockouts, until: capped, ownerRequired: s.ownerRequired };
    } catch {
      // Damaged: locked, and an owner must look at it.
      return { failures: 0, lockouts: maxLockouts, until: now + lockoutDuration(baseMs, 1), ownerRequired: true };
    }
  };
  const write = (subject: string, s: LockState): void => {
    if (s.failures === 0 && s.lockouts === 0 && s.until === 0 && !s.ownerRequired) storage.delete(key(subject));
    else storage.set(key(subject), JSON.stringify(s));
    uptime.persist();
  };

  const check = (subject: string): LockCheck => {
    const s = read(subject);
    if (s.ownerRequired) return { locked: true, remainingMs: Math.max(0, s.until - uptime.now()), ownerRequired: true };
    const left = s.until - uptime.now();
    if (s.until > 0 && left > 0) return { locked: true, remainingMs: left, ownerRequired: false };
    return { locked: false, triesLeft: maxTries - s.failures };
  };

  return {
    check,
    fail(subject) {
      const s = read(subject);
      const failures = s.failures + 1;
      if (failures < maxTries) {
        write(subject, { ...s, failures, until: 0 });
        return { locked: false, triesLeft: maxTries - failures };
      }
      const lockouts = s.lockouts + 1;
      const durationMs = lockoutDuration(baseMs, lockouts);
      const ownerRequired = lockouts >= maxLockouts;
      write(subject, { failures: 0, lockouts, until: uptime.now() + durationMs, ownerRequired });
      return { locked: true, lockouts, durationMs, ownerRequired };
    },
    succeed: (subject) => write(subject, FREE),
    lift: (subject) => write(subject, FREE),
  };
}
