// Issue 13 → issue 14: the shift close (ShiftView) and X/Z report (DayReport) as printable docs.
// Pure mapping, no arithmetic of its own beyond what the slip shows (the difference is counted − expected).
import type { Mode } from '../../common/api';
import type { DayReport, ShiftView } from '../../common/day';
import type { ShiftCloseDoc, ZReportDoc } from './print-doc';

export interface ShopInfo {
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
}

/** null while the shift is still open: only a closed, counted shift has a shift-close slip. */
export function shiftCloseDoc(shop: ShopInfo, v: ShiftView): ShiftCloseDoc | null {
  if (v.closedAt === null || v.countedFen === null) return null;
  return {
    kind: 'shift-close',
    ...shop,
    shiftId: v.shiftId,
    cashierName: v.openedBy,
    closedBy: v.closedBy ?? v.openedBy,
    openedAt: v.openedAt,
    closedAt: v.closedAt,
    openingFloatFen: v.floatFen,
    cashSalesFen: v.cashSalesFen,
    cashRefundsFen: v.cashRefundsFen,
    payInFen: v.payInFen,
    payOutFen: v.payOutFen,
    expectedCashFen: v.expectedFen,
    countedCashFen: v.countedFen,
    acceptedBy: v.acceptedBy,
  };
}

/** The report's own mode (a SANDBOX report stays stamped whatever the till is in now). */
export function dayReportDoc(shop: Omit<ShopInfo, 'mode'>, r: DayReport): ZReportDoc {
  return {
    kind: 'z-report',
    ...shop,
    mode: r.mode,
    zNo: r.kind === 'Z' ? r.seq : null,
    businessDay: r.businessDay,
    printedAt: r.generatedAt,
    salesCount: r.total.count,
    grossFen: r.total.grossFen,
    refundsFen: r.total.refundsFen,
    byTender: [
      { kind: 'WECHAT', count: r.wechat.count, fen: r.wechat.grossFen },
      { kind: 'CASH', count: r.cash.count, fen: r.cash.grossFen },
    ],
  };
}
