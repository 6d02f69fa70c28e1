// Finding 2: each lockout since the last correct PIN lasts twice as long (5, 10, 20 min ... at most
// 24 h), the count survives a restart, only a correct PIN resets it, and every lockout is reported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import {
  DEFAULT_LOCKOUT_MS,
  MAX_LOCKOUT_MS,
  MAX_TRIES,
  PIN_LOCK_KEY,
  TEST_SCRYPT,
  createManagerPin,
  lockoutDuration,
  lockoutText,
  type PinLockout,
} from '../../../src/core/settings/manager-pin';
import { openStore, type Store } from '../../../src/core/store/open';

const MIN = 60_000;
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) if (s.db.open) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function rig() {
  const dir = mkdtempSync(join(tmpdir(), 'pin-esc-'));
  dirs.push(dir);
  const clock = new VirtualClock(Date.UTC(2026, 10, 27, 2, 0, 0));
  const file = join(dir, 'pos.sqlite');
  const reported: PinLockout[] = [];
  const open = () => {
    const store = openStore(file, { clock });
    stores.push(store);
    const pin = createManagerPin({ storage: store.kv, clock, scrypt: TEST_SCRYPT, onLockout: (l) => reported.push(l) });
    return { store, pin };
  };
  return { clock, reported, open };
}

const GOOD = '4826';
const BAD = '0000';

describe('escalating PIN lockout', () => {
  it('durations double from 5 minutes and stop at 24 hours', () => {
    expect([1, 2, 3, 4].map((n) => lockoutDuration(DEFAULT_LOCKOUT_MS, n) / MIN)).toEqual([5, 10, 20, 40]);
    expect(lockoutDuration(DEFAULT_LOCKOUT_MS, 9)).toBe(1280 * MIN);
    expect(lockoutDuration(DEFAULT_LOCKOUT_MS, 10)).toBe(MAX_LOCKOUT_MS);
    expect(lockoutDuration(DEFAULT_LOCKOUT_MS, 10_000)).toBe(MAX_LOCKOUT_MS);
    expect(MAX_LOCKOUT_MS).toBe(24 * 60 * MIN);
  });

  it('each lockout lasts twice the one before, measured on the injected clock, and each is reported', async () => {
    const { clock, reported, open } = rig();
    const { pin, store } = open();
    expect(pin.setPin(null, GOOD).ok).toBe(true);
    const expected = [5, 10, 20, 40, 80, 160, 320, 640, 1280, 1440, 1440];
    for (const [i, minutes] of expected.entries()) {
      for (let t = 1; t < MAX_TRIES; t++) expect(pin.verify('thief', BAD)).toMatchObject({ code: 'PIN_WRONG' });
      expect(reported).toHaveLength(i);
      expect(pin.verify('thief', BAD)).toMatchObject({ code: 'PIN_LOCKED' });
      expect(reported).toHaveLength(i + 1);
      expect(reported[i]).toMatchObject({ actor: 'thief', lockouts: i + 1, durationMs: minutes * MIN, lockedUntil: clock.now() + minutes * MIN });
      // Locked for exactly that long, even for the right PIN (tried only at the last moment here).
      await clock.advance(minutes * MIN - 1);
      expect(pin.verify('thief', BAD)).toMatchObject({ code: 'PIN_LOCKED' });
      await clock.advance(1);
    }
    // 11 lockouts take 3 days and 23 hours for 55 guesses: a 4-digit PIN is out of reach.
    expect(reported).toHaveLength(expected.length);
    expect(store.audit.recent(400).filter((a) => a.detail.includes(': locked (lockout')).length).toBe(expected.length);
    expect(lockoutText(reported.at(-1)!)).toMatch(/1440 minute\(s\).*lockout 11/);
    expect(lockoutText(reported.at(-1)!)).not.toContain(BAD);
  });

  it('only a correct PIN resets the count; a restart does not', async () => {
    const { clock, reported, open } = rig();
    let { pin, store } = open();
    pin.setPin(null, GOOD);
    const lockOut = (): void => {
      for (let t = 0; t < MAX_TRIES; t++) pin.verify('x', BAD);
    };
    lockOut();
    await clock.advance(5 * MIN);
    lockOut();
    expect(reported.map((r) => r.durationMs / MIN)).toEqual([5, 10]);
    store.close();
    ({ pin, store } = open()); // restart during the second lockout
    expect(pin.verify('x', GOOD)).toMatchObject({ code: 'PIN_LOCKED' });
    await clock.advance(10 * MIN);
    lockOut(); // the count was kept: 20 minutes
    expect(reported.at(-1)).toMatchObject({ lockouts: 3, durationMs: 20 * MIN });
    expect(JSON.parse(store.kv.get(PIN_LOCK_KEY)!)).toMatchObject({ lockouts: 3 });
    await clock.advance(20 * MIN);
    expect(pin.verify('mgr', GOOD)).toEqual({ ok: true, value: null });
    lockOut(); // back to 5 minutes after a correct PIN
    expect(reported.at(-1)).toMatchObject({ lockouts: 1, durationMs: 5 * MIN });
  });

  it('a clock set backwards cannot stretch an escalated lockout beyond its own length', async () => {
    const { clock, open } = rig();
    const { pin } = open();
    pin.setPin(null, GOOD);
    for (let t = 0; t < MAX_TRIES; t++) pin.verify('x', BAD);
    await clock.advance(5 * MIN);
    for (let t = 0; t < MAX_TRIES; t++) pin.verify('x', BAD); // 10-minute lockout
    clock.set(clock.now() - 24 * 60 * MIN);
    expect(pin.verify('x', GOOD)).toMatchObject({ code: 'PIN_LOCKED' });
    await clock.advance(10 * MIN);
    expect(pin.verify('x', GOOD).ok).toBe(true);
  });

  it('a lock record from before the count existed still locks, as a first lockout', async () => {
    const { clock, reported, open } = rig();
    const { pin, store } = open();
    pin.setPin(null, GOOD);
    store.kv.set(PIN_LOCK_KEY, JSON.stringify({ failures: 0, lockedUntil: clock.now() + 5 * MIN }));
    expect(pin.verify('x', GOOD)).toMatchObject({ code: 'PIN_LOCKED' });
    await clock.advance(5 * MIN);
    for (let t = 0; t < MAX_TRIES; t++) pin.verify('x', BAD);
    expect(reported.at(-1)).toMatchObject({ lockouts: 2, durationMs: 10 * MIN });
  });

  it('a failing listener does not undo the lockout', () => {
    const { clock } = rig();
    const dir = mkdtempSync(join(tmpdir(), 'pin-esc-'));
    dirs.push(dir);
    const store = openStore(join(dir, 'pos.sqlite'), { clock });
    stores.push(store);
    const pin = createManagerPin({
      storage: store.kv,
      clock,
      scrypt: TEST_SCRYPT,
      onLockout: () => {
        throw new Error('alert table gone');
      },
    });
    pin.setPin(null, GOOD);
    for (let t = 1; t < MAX_TRIES; t++) pin.verify('x', BAD);
    expect(pin.verify('x', BAD)).toMatchObject({ code: 'PIN_LOCKED' });
    expect(pin.verify('x', GOOD)).toMatchObject({ code: 'PIN_LOCKED' });
  });
});
