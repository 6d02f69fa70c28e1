// Issue 13.1 split tender: the real engine (engine harness: fake gateway or the simulator, virtual clock)
// with the shop's day on the same store file, a signed-in cashier and an open shift.
import { err, ok } from '../../../src/common/result';
import type { StaffRef } from '../../../src/common/staff';
import type { PaymentView } from '../../../src/common/api';
import { fixedSession } from '../../../src/core/auth/staff-session';
import { createDay, type Day } from '../../../src/core/day';
import { createSequentialIdSource } from '../../../src/core/ids';
import { openWorkCount } from '../../../src/core/store';
import type { Harness } from '../engine/harness';

export const AMY: StaffRef = { staffId: 'st_amy', name: 'amy', role: 'cashier' };
export const LINES = [
  { name: 'Tea', quantity: 2, unitFen: 350 },
  { name: 'Cake', quantity: 1, unitFen: 1200 },
]; // 1900 fen
export const FLOAT = 10_000;

let generation = 0;

/** The day over the harness's current store (call again after h.restart(): the store is reopened). */
export function dayOf(h: Harness): Day {
  generation++;
  return createDay({
    store: h.store,
    clock: h.clock,
    ids: createSequentialIdSource(`D${generation}`),
    session: fixedSession(AMY),
    tillId: () => 'till-1',
    mode: () => 'LIVE',
    verifyManagerPin: (approver, pin) => (approver && pin === '1234' ? ok(null) : err('PIN_WRONG', 'wrong PIN')),
    openWork: () => openWorkCount(h.store.db),
  });
}

export function openShift(day: Day): string {
  const s = day.shifts.open({ floatFen: FLOAT });
  if (!s.ok) throw new Error(s.message);
  return s.value.shiftId;
}

/** Advances the virtual clock until pred holds (at most maxMs of virtual time). */
export async function until(h: Harness, pred: () => boolean, stepMs = 500, maxMs = 20 * 60_000): Promise<void> {
  for (let t = 0; t <= maxMs && !pred(); t += stepMs) await h.clock.advance(stepMs);
  if (!pred()) throw new Error('condition not reached in virtual time');
}

export const lastView = (h: Harness, attemptId: string): PaymentView | undefined => h.events.payments.filter((p) => p.attemptId === attemptId).at(-1);
