// The manager PIN that approves refunds (reliability.md 3.5): checked here in core, never in the
// renderer. Stored as a scrypt hash (a plain setting: it is not a secret in itself), with a lockout
// after MAX_TRIES wrong tries that survives a restart because it is persisted next to the hash. Each
// lockout lasts twice as long as the one before (capped at a day) until a correct PIN is entered, so
// guessing a 4-digit PIN cannot be done in days; each lockout is reported (onLockout -> an Alert).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { monotonicNow, type Clock } from '../../common/clock';
import { err, ok, type Result } from '../../common/result';
import type { SettingsStorage } from './storage';
import { MANAGER_PIN_PATTERN } from '../../common/settings-rules';
import { PERSON_NAME_MAX_CHARS } from '../../common/text-limits';

/**
 * scrypt cost. N = 2^15, r = 8, p = 1 (the OWASP minimum for scrypt is N=2^17 r=8 p=1 for login
 * passwords; a 4-8 digit PIN cannot be saved by cost alone, the lockout is what protects it, so we
 * pick ~50-100 ms on a till's CPU). 32 MiB of memory; maxmem is raised accordingly.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLen: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLen: 32 };
/** Cheap parameters for tests that hash many times; never used by startCore. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLen: 32 };

export const MAX_TRIES = 5;
export const DEFAULT_LOCKOUT_MS = 5 * 60_000;
export const MAX_LOCKOUT_MS = 24 * 3600_000;

export const PIN_HASH_KEY = 'managerPin.hash';
export const PIN_LOCK_KEY = 'managerPin.lockout';

interface PinRecord {
  readonly v: 1;
  readonly alg: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string; // base64
  readonly hash: string; // base64
}

interface LockState {
  readonly failures: number; // consecutive wrong tries since the last success or lockout
  readonly lockedUntil: number; // epoch ms, 0 when not locked
  readonly lockouts: number; // lockouts since the last correct PIN; only a correct PIN resets it
}

/** What the till is told when a lockout starts. */
export interface PinLockout {
  readonly actor: string;
  /** 1 for the first lockout since the last correct PIN, 2 for the next, ... */
  readonly lockouts: number;
  readonly durationMs: number;
  readonly lockedUntil: number;
}

/** Length of the n-th lockout (n >= 1): base, 2x base, 4x base, ..., at most MAX_LOCKOUT_MS. */
export function lockoutDuration(baseMs: number, n: number): number {
  const k = Math.max(0, Math.min(n - 1, 40)); // 2^40 x base is far past the cap; keeps it finite
  return Math.min(baseMs * 2 ** k, Math.max(baseMs, MAX_LOCKOUT_MS));
}

/** Plain words for the alert (no PIN in it). */
export function lockoutText(l: PinLockout): string {
  const mins = Math.round(l.durationMs / 60_000);
  return `Manager PIN locked for ${mins} minute(s) after too many wrong tries (lockout ${l.lockouts} in a row; last tried by "${l.actor}").`;
}

export interface ManagerPin {
  hasPin(): boolean;
  /** Requires the current PIN when one is set. actor is who changes it (for the audit log). */
  setPin(currentPin: string | null, newPin: string, actor?: string): Result<null>;
  /** The engine calls this before every refund; settings before protected changes (action names them in the audit log). */
  verify(approver: string, pin: string, action?: string): Result<null>;
}

export interface ManagerPinDeps {
  readonly storage: SettingsStorage;
  readonly clock: Clock;
  readonly scrypt?: ScryptParams;
  readonly lockoutMs?: number;
  readonly maxTries?: number;
  /** Told after a lockout has started and been stored (boot raises a PIN_LOCKOUT alert). */
  readonly onLockout?: (lockout: PinLockout) => void;
}

function hashPin(pin: string, salt: Buffer, params: ScryptParams): Buffer {
  const { N, r, p, keyLen } = params;
  return scryptSync(pin.normalize('NFKC'), salt, keyLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

function parseRecord(text: string | null): PinRecord | null {
  if (!text) return null;
  try {
    const rec = JSON.parse(text) as Partial<PinRecord>;
    if (rec.v !== 1 || rec.alg !== 'scrypt' || !rec.salt || !rec.hash || !rec.N || !rec.r || !rec.p) return null;
    return rec as PinRecord;
  } catch {
    return null;
  }
}

function parseLock(text: string | null, now: number, lockoutMs: number): LockState {
  if (!text) return { failures: 0, lockedUntil: 0, lockouts: 0 };
  try {
    const s = JSON.parse(text) as Partial<LockState>;
    const until = Number.isSafeInteger(s.lockedUntil) ? (s.lockedUntil as number) : 0;
    // Records written before lockouts were counted have none: a lockout then counts as the first.
    const lockouts = Number.isSafeInteger(s.lockouts) && (s.lockouts as number) >= 0 ? (s.lockouts as number) : until > 0 ? 1 : 0;
    return {
      failures: Number.isSafeInteger(s.failures) ? (s.failures as number) : 0,
      // A clock set backwards must not stretch a lockout beyond its length.
      lockedUntil: Math.min(until, now + lockoutDuration(lockoutMs, Math.max(1, lockouts))),
      lockouts,
    };
  } catch {
    // A damaged lock record must not unlock: treat it as a fresh lockout.
    return { failures: 0, lockedUntil: now + lockoutMs, lockouts: 1 };
  }
}

/** Audit actors are names typed at the till; keep them short and printable. */
export function cleanActor(actor: string): string {
  // eslint-disable-next-line no-control-regex
  const s = actor.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, PERSON_NAME_MAX_CHARS);
  return s || 'unknown';
}

export function createManagerPin(deps: ManagerPinDeps): ManagerPin {
  const { storage, clock } = deps;
  const params = deps.scrypt ?? DEFAULT_SCRYPT;
  const lockoutMs = deps.lockoutMs ?? DEFAULT_LOCKOUT_MS;
  const maxTries = deps.maxTries ?? MAX_TRIES;

  const record = (): PinRecord | null => parseRecord(storage.get(PIN_HASH_KEY));
  const lock = (): LockState => parseLock(storage.get(PIN_LOCK_KEY), clock.now(), lockoutMs);
  const saveLock = (s: LockState): void => storage.set(PIN_LOCK_KEY, JSON.stringify(s));

  const matches = (rec: PinRecord, pin: string): boolean => {
    if (!MANAGER_PIN_PATTERN.test(pin)) return false; // still counts as a wrong try
    const expected = Buffer.from(rec.hash, 'base64');
    const got = hashPin(pin, Buffer.from(rec.salt, 'base64'), {
      N: rec.N,
      r: rec.r,
      p: rec.p,
      keyLen: expected.length,
    });
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const lockedMessage = (remainingMs: number): string => {
    const mins = Math.max(1, Math.ceil(remainingMs / 60_000));
    return `Too many wrong PINs: locked for about ${mins} more minute(s).`;
  };

  // A lockout started in this run is timed on the monotonic clock, so setting the wall clock neither
  // ends it early (forwards) nor stretches it (backwards). The stored lockedUntil (wall time) covers a
  // restart, clamped in parseLock. lockouts ties the in-memory timing to the stored lockout it times.
  let running: { readonly lockouts: number; readonly monoUntil: number } | null = null;
  /** Milliseconds of lockout left, 0 when not locked. */
  const remaining = (state: LockState, now: number): number => {
    if (running && running.lockouts === state.lockouts) return Math.max(0, running.monoUntil - monotonicNow(clock));
    return Math.max(0, state.lockedUntil - now);
  };

  /** Set by check when a lockout starts; reported once the transaction has committed. */
  let started: PinLockout | null = null;
  const inTransaction = <T>(fn: () => T): T => {
    started = null;
    const out = storage.transaction(fn);
    const l = started as PinLockout | null;
    started = null;
    if (l && deps.onLockout) {
      try {
        deps.onLockout(l);
      } catch {
        // The lockout itself is stored and audited; a failing listener must not undo or hide it.
      }
    }
    return out;
  };

  /** Checks pin against the stored hash, updating the lockout state and the audit log atomically. */
  const check = (actor: string, pin: string, action: string): Result<null> => {
    const who = cleanActor(actor);
    const rec = record();
    if (!rec) {
      storage.audit({ actor: who, action, subject: 'manager-pin', detail: 'refused: no PIN set' });
      return err('PIN_NOT_SET', 'No manager PIN is set: set one in Settings first.');
    }
    const now = clock.now();
    const state = lock();
    const left = state.lockedUntil > 0 ? remaining(state, now) : 0;
    if (left > 0) {
      saveLock(state); // keeps a lockout shortened after a backwards clock jump from sliding
      storage.audit({ actor: who, action, subject: 'manager-pin', detail: 'refused: locked' });
      return err('PIN_LOCKED', lockedMessage(left));
    }
    if (matches(rec, pin)) {
      saveLock({ failures: 0, lockedUntil: 0, lockouts: 0 });
      storage.audit({ actor: who, action, subject: 'manager-pin', detail: 'accepted' });
      return ok(null);
    }
    const failures = state.failures + 1;
    if (failures >= maxTries) {
      // failures restart at 0 but the lockout count does not: the next lockout is twice as long.
      const lockouts = state.lockouts + 1;
      const durationMs = lockoutDuration(lockoutMs, lockouts);
      const until = now + durationMs;
      saveLock({ failures: 0, lockedUntil: until, lockouts });
      running = { lockouts, monoUntil: monotonicNow(clock) + durationMs };
      storage.audit({
        actor: who,
        action,
        subject: 'manager-pin',
        detail: `wrong (${failures}/${maxTries}): locked (lockout ${lockouts}, ${Math.round(durationMs / 60_000)} min)`,
      });
      started = { actor: who, lockouts, durationMs, lockedUntil: until };
      return err('PIN_LOCKED', lockedMessage(durationMs));
    }
    saveLock({ failures, lockedUntil: 0, lockouts: state.lockouts });
    storage.audit({ actor: who, action, subject: 'manager-pin', detail: `wrong (${failures}/${maxTries})` });
    return err('PIN_WRONG', `Wrong manager PIN (${maxTries - failures} tries left before a lockout).`);
  };

  return {
    hasPin: () => record() !== null,

    setPin(currentPin, newPin, actor = 'settings') {
      if (!MANAGER_PIN_PATTERN.test(newPin)) return err('INVALID_PAYLOAD', 'The PIN must be 4 to 8 digits.');
      return inTransaction(() => {
        const first = record() === null;
        if (!first) {
          if (currentPin === null) return err('PIN_WRONG', 'Enter the current manager PIN to change it.');
          const checked = check(actor, currentPin, 'manager_pin.change');
          if (!checked.ok) return checked;
        }
        const salt = randomBytes(16);
        const rec: PinRecord = {
          v: 1,
          alg: 'scrypt',
          N: params.N,
          r: params.r,
          p: params.p,
          salt: salt.toString('base64'),
          hash: hashPin(newPin, salt, params).toString('base64'),
        };
        storage.set(PIN_HASH_KEY, JSON.stringify(rec));
        saveLock({ failures: 0, lockedUntil: 0, lockouts: 0 });
        // The very first PIN needs no approval (bootstrap); the audit log says so.
        const detail = first ? 'first PIN stored (no approval needed)' : 'new PIN stored';
        storage.audit({ actor: cleanActor(actor), action: 'manager_pin.set', subject: 'manager-pin', detail });
        return ok(null);
      });
    },

    verify(approver, pin, action = 'manager_pin.verify') {
      return inTransaction(() => check(approver, pin, action));
    },
  };
}
