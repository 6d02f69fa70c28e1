// Issue 13: a Day whose shift is open, for unit tests that build createPosApi from fakes (a working till
// always has an open shift; the shift guard itself is tested in test/unit/day/).
import { ok } from '../../src/common/result';
import type { Day } from '../../src/core/day';

export function openShiftDay(): Day {
  const refuse = (): never => {
    throw new Error('openShiftDay: only the shift guard is faked');
  };
  return {
    shifts: {
      requireOpenShift: () => ok({ shiftId: 'shift_test', who: { staffId: 'st_test', name: 'amy', role: 'cashier' } }),
      state: refuse,
      open: refuse,
      move: refuse,
      close: refuse,
      get: refuse,
    },
    cash: { sale: refuse, refund: refuse },
    z: { x: refuse, close: refuse, list: refuse, get: refuse, todayClosed: refuse },
    settings: refuse,
    saveSettings: refuse,
    split: { owed: refuse, confirmReturned: refuse }, // issue 13.1 split tender (i13-split)
  };
}
