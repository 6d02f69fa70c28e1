// Time for lockouts (issue 11 point 5): the till's own running time, persisted, that setting the wall
// clock cannot move. It is the last value stored plus the monotonic time elapsed in this run; time while
// the till is switched off does not count (a restart never shortens a lockout, it may lengthen one).
import { monotonicNow, type Clock } from '../../common/clock';
import type { SettingsStorage } from '../settings/storage';

export const UPTIME_KEY = 'auth.uptimeMs';

export interface UptimeClock {
  /** Milliseconds of till running time since the first start; only ever grows. */
  now(): number;
  /** Stores now() so the next start continues from it (called with every lockout write and at close). */
  persist(): void;
}

export function createUptimeClock(storage: SettingsStorage, clock: Clock): UptimeClock {
  const stored = Number(storage.get(UPTIME_KEY) ?? '0');
  // A damaged value restarts at 0; lock records hold absolute uptimes, and parseLock caps what is left
  // of a lockout at its full length, so this never unlocks early.
  const base = Number.isSafeInteger(stored) && stored >= 0 ? stored : 0;
  const mono0 = monotonicNow(clock);
  const now = (): number => base + Math.max(0, monotonicNow(clock) - mono0);
  return {
    now,
    persist: () => storage.set(UPTIME_KEY, String(Math.floor(now()))),
  };
}
