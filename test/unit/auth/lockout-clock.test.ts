// Issue 11 point 5: the attack was to move the wall clock forward a day after each lockout. Lockouts now
// run on the till's persisted uptime (last stored value + monotonic time elapsed), so neither a jump of
// the wall clock nor a restart shortens them; after MAX_LOCKOUTS only the owner can unlock.
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffView } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { MAX_LOCKOUTS, MAX_TRIES } from '../../../src/core/auth/lockout';
import { TEST_OWNER } from '../../support/signed-in-core';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
});

const LOCK_MS = 5 * 60_000;
const DAY = 24 * 3600_000;

async function guessUntilLocked(t: TillRig, staffId: string): Promise<string[]> {
  const codes: string[] = [];
  for (let i = 0; i < MAX_TRIES; i++) {
    const r = await t.call('signIn', { staffId, pin: `00000${i}` });
    codes.push(r.ok ? 'OK' : r.code);
  }
  return codes;
}

describe('lockouts survive clock changes and restarts (issue 11 point 5)', () => {
  it('attack: jumping the wall clock a day forward, and restarting, does not end a lockout', async () => {
    till = await bootTill({ lockoutMs: LOCK_MS });
    const amy = await till.call<StaffView>('addStaff', { name: 'Amy', role: 'cashier', pin: '135790' });
    if (!amy.ok) throw new Error(amy.message);
    const id = amy.value.staffId;
    await till.call('lockTill');
    expect(await guessUntilLocked(till, id)).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED']);

    till.clock.set(till.clock.now() + DAY); // the attack
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ code: 'PIN_LOCKED' });

    // restart with the wall clock another day ahead: a new process, monotonic time starts again at 0
    const { dir, box } = till;
    await till.close();
    till = await bootTill({ dir, box, clock: new VirtualClock(till.clock.now() + DAY), lockoutMs: LOCK_MS });
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ code: 'PIN_LOCKED' });

    // real running time is what ends it
    await till.clock.advance(LOCK_MS - 1000);
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ code: 'PIN_LOCKED' });
    await till.clock.advance(1000);
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ ok: true, value: { name: 'Amy' } });
  });

  it(`after ${MAX_LOCKOUTS} lockouts in a row only the owner can unlock; waiting does not help`, async () => {
    till = await bootTill({ lockoutMs: LOCK_MS });
    const amy = await till.call<StaffView>('addStaff', { name: 'Amy', role: 'cashier', pin: '135790' });
    if (!amy.ok) throw new Error(amy.message);
    const id = amy.value.staffId;
    await till.call('lockTill');
    for (let n = 1; n <= MAX_LOCKOUTS; n++) {
      const codes = await guessUntilLocked(till, id);
      expect(codes.at(-1)).toBe(n === MAX_LOCKOUTS ? 'OWNER_UNLOCK_REQUIRED' : 'PIN_LOCKED');
      await till.clock.advance(LOCK_MS * 2 ** (n - 1)); // each lockout doubles
    }
    await till.clock.advance(7 * DAY);
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ code: 'OWNER_UNLOCK_REQUIRED' });
    expect(till.alerts().filter((a) => a.kind === 'PIN_LOCKOUT')).toHaveLength(MAX_LOCKOUTS);
    // a cashier cannot unlock; the owner can
    expect(await till.call('unlockStaff', { staffId: id })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect((await till.call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect(await till.call('unlockStaff', { staffId: id })).toEqual({ ok: true, value: null });
    expect(await till.call('signIn', { staffId: id, pin: '135790' })).toMatchObject({ ok: true });
  });

  it('PIN-alone guessing has its own till-wide lockout', async () => {
    till = await bootTill({ lockoutMs: LOCK_MS });
    await till.call('lockTill');
    const codes: string[] = [];
    for (let i = 0; i < MAX_TRIES + 1; i++) {
      const r = await till.call('signIn', { pin: `99999${i}` });
      codes.push(r.ok ? 'OK' : r.code);
    }
    expect(codes).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED', 'PIN_LOCKED']);
    expect(await till.call('signIn', { pin: TEST_OWNER.pin })).toMatchObject({ code: 'PIN_LOCKED' });
    // the owner can still sign in by name (their own count is clean) and lift the till-wide lock
    const ownerId = (await till.call<{ people: { staffId: string }[] }>('getStaffSession')) as { ok: true; value: { people: { staffId: string }[] } };
    expect((await till.call('signIn', { staffId: ownerId.value.people[0]!.staffId, pin: TEST_OWNER.pin })).ok).toBe(true);
    expect((await till.call('unlockStaff', { staffId: '*' })).ok).toBe(true);
  });
});
