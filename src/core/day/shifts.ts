// Shifts (交班, issue 13 point 2): open with a float, pay-ins/outs with a reason, close by counting
// cash. The difference (长短款) above the configured limit needs a manager; no close while a payment,
// quick pay or refund is unresolved. requireOpenShift is the guard every way of taking money calls.
import type { CashCountLine, ShiftMoveKind, ShiftState, ShiftView } from '../../common/day';
import { CASH_DENOMINATIONS_FEN, countedFen } from '../../common/day';
import { err, ok, type Result } from '../../common/result';
import type { StaffRef } from '../../common/staff';
import type { DayDeps } from './day-deps';
import { readDaySettings } from './day-settings';
import { dayText } from './day-texts';
import { listSplitCashOwed } from '../store/repos/split-tender-repo';
import { closeShiftRow, insertMove, insertShift, openShiftRow, shiftCashSales, shiftRow, shiftView } from './shift-repo';

export interface OpenShiftRef {
  readonly shiftId: string;
  readonly who: StaffRef;
}

export interface Shifts {
  state(): ShiftState;
  /** ok when someone is signed in and a shift is open at this till. */
  requireOpenShift(): Result<OpenShiftRef>;
  open(input: { readonly floatFen: number }): Result<ShiftView>;
  move(input: { readonly kind: ShiftMoveKind; readonly amountFen: number; readonly reason: string }): Result<ShiftView>;
  close(input: {
    readonly counts: readonly CashCountLine[];
    readonly approver?: string;
    readonly managerPin?: string;
  }): Result<ShiftView>;
  /** Any shift by id, open or closed (issue 14: the shift-close slip); null when unknown. */
  get(shiftId: string): ShiftView | null;
}

export function createShifts(deps: DayDeps): Shifts {
  const db = deps.store.db;
  const who = (): Result<StaffRef> => {
    const p = deps.session.current();
    return p ? ok(p) : err('SHIFT_NO_STAFF', dayText.notSignedIn);
  };
  const current = () => openShiftRow(db);

  const requireOpenShift = (): Result<OpenShiftRef> => {
    const p = who();
    if (!p.ok) return p;
    const row = current();
    return row ? ok({ shiftId: row.id, who: p.value }) : err('SHIFT_NOT_OPEN', dayText.noShift);
  };

  return {
    state() {
      const row = current();
      return {
        open: row ? shiftView(db, row) : null,
        diffLimitFen: readDaySettings(db).diffLimitFen,
        unresolved: deps.openWork(),
        cashSales: row ? shiftCashSales(db, row.id) : [],
      };
    },
    requireOpenShift,
    get(shiftId) {
      const row = shiftRow(db, shiftId);
      return row ? shiftView(db, row) : null;
    },
    open({ floatFen }) {
      const p = who();
      if (!p.ok) return p;
      const at = deps.clock.now();
      const id = deps.ids.id('shift');
      const done = deps.store.transaction(() => {
        if (current()) return false;
        insertShift(db, { id, tillId: deps.tillId(), mode: deps.mode(), staffId: p.value.staffId, by: p.value.name, at, floatFen });
        deps.store.audit.append({ actor: p.value.name, action: 'shift.open', subject: id, detail: JSON.stringify({ floatFen }) });
        return true;
      });
      if (!done) return err('SHIFT_ALREADY_OPEN', dayText.shiftOpen);
      return ok(shiftView(db, shiftRow(db, id)!));
    },
    move({ kind, amountFen, reason }) {
      const g = requireOpenShift();
      if (!g.ok) return g;
      const row = shiftRow(db, g.value.shiftId)!;
      if (kind === 'PAY_OUT') {
        const inDrawer = shiftView(db, row).expectedFen;
        if (amountFen > inDrawer) return err('INVALID_AMOUNT', dayText.payOutTooMuch(inDrawer));
      }
      const id = deps.ids.id('move');
      deps.store.transaction(() => {
        insertMove(db, { id, shiftId: row.id, kind, amountFen, reason, by: g.value.who.name, at: deps.clock.now() });
        deps.store.audit.append({ actor: g.value.who.name, action: `shift.${kind.toLowerCase()}`, subject: row.id, detail: JSON.stringify({ amountFen, reason }) });
      });
      return ok(shiftView(db, row));
    },
    close({ counts, approver, managerPin }) {
      const g = requireOpenShift();
      if (!g.ok) return g;
      const open = deps.openWork();
      if (open > 0) return err('SHIFT_WORK_UNRESOLVED', dayText.unresolved(open));
      // issue 13.1: cash owed back to customers (void split cash parts) is in the drawer but not expected
      const owed = listSplitCashOwed(db, deps.mode());
      if (owed.length > 0) return err('SHIFT_CASH_OWED', dayText.cashOwed(owed.length, owed.reduce((s, o) => s + o.cashFen, 0)));
      const row = shiftRow(db, g.value.shiftId)!;
      const view = shiftView(db, row);
      const counted = countedFen(normaliseCounts(counts));
      const diff = counted - view.expectedFen;
      const limit = readDaySettings(db).diffLimitFen;
      let acceptedBy: string | null = null;
      if (Math.abs(diff) > limit) {
        if (!approver || !managerPin) return err('SHIFT_DIFF_NEEDS_MANAGER', dayText.needsManager(diff, limit));
        const v = deps.verifyManagerPin(approver, managerPin, 'shift.accept_difference');
        if (!v.ok) return v;
        acceptedBy = approver;
      }
      const at = deps.clock.now();
      const closed = deps.store.transaction(() => {
        // Work that became open between the check and here (another window) still blocks the close.
        if (deps.openWork() > 0) return false;
        const done = closeShiftRow(db, {
          id: row.id,
          at,
          by: g.value.who.name,
          expectedFen: view.expectedFen,
          countedFen: counted,
          counts: JSON.stringify(normaliseCounts(counts)),
          acceptedBy,
        });
        if (done) {
          deps.store.audit.append({
            actor: g.value.who.name,
            action: 'shift.close',
            subject: row.id,
            detail: JSON.stringify({ expectedFen: view.expectedFen, countedFen: counted, diffFen: diff, acceptedBy }),
          });
        }
        return done;
      });
      if (!closed) return err('SHIFT_WORK_UNRESOLVED', dayText.unresolved(Math.max(1, deps.openWork())));
      return ok(shiftView(db, shiftRow(db, row.id)!));
    },
  };
}

/** One line per denomination, in the counter's order, pieces summed (the schema already refused unknown ones). */
export function normaliseCounts(counts: readonly CashCountLine[]): CashCountLine[] {
  return CASH_DENOMINATIONS_FEN.map((d) => ({
    denominationFen: d,
    pieces: counts.filter((c) => c.denominationFen === d).reduce((s, c) => s + c.pieces, 0),
  }));
}
