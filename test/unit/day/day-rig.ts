// Issue 13: a real store file with the day's parts over a virtual clock, a fixed signed-in person and a
// manager PIN of 1234; openWork is a counter the test sets.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Mode } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { err, ok } from '../../../src/common/result';
import type { StaffRef } from '../../../src/common/staff';
import { fixedSession } from '../../../src/core/auth/staff-session';
import { createDay, type Day, type ZCrashPoint } from '../../../src/core/day';
import { createSequentialIdSource } from '../../../src/core/ids';
import { openStore, type Store } from '../../../src/core/store';

export const AMY: StaffRef = { staffId: 'st_amy', name: 'amy', role: 'cashier' };
// 2026-11-28 10:00 Beijing
export const T0 = Date.UTC(2026, 10, 28, 2, 0, 0);

export interface DayRig {
  readonly store: Store;
  readonly clock: VirtualClock;
  readonly day: Day;
  readonly dir: string;
  openWork: number;
  who: StaffRef | null;
  mode: Mode;
  close(): void;
}

export function dayRig(opts: { dir?: string; crash?: (p: ZCrashPoint) => void; clockAt?: number } = {}): DayRig {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'day-'));
  const clock = new VirtualClock(opts.clockAt ?? T0);
  const store = openStore(join(dir, 'pos.sqlite'), { clock });
  const rig: DayRig = {
    store,
    clock,
    dir,
    openWork: 0,
    who: AMY,
    mode: 'LIVE',
    day: undefined as unknown as Day,
    close() {
      store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  (rig as { day: Day }).day = createDay(
    {
      store,
      clock,
      ids: createSequentialIdSource('D'),
      session: { current: () => fixedSession(rig.who).current() },
      tillId: () => 'T01',
      mode: () => rig.mode,
      verifyManagerPin: (approver, pin) => (approver && pin === '1234' ? ok(null) : err('PIN_WRONG', 'wrong PIN')),
      openWork: () => rig.openWork,
    },
    opts.crash,
  );
  return rig;
}
