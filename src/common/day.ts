// The shop's day (issue 13): shifts with counted cash, cash as a second tender, X/Z reports and the
// reconciliation attached to them. Plain data models shared by core, the bridge, the renderer and
// printing (issue 14 renders these as they are). Amounts are integer fen.
import type { Mode } from './api';

/** The denomination counter, largest first: ¥100 … ¥0.1 in fen. */
export const CASH_DENOMINATIONS_FEN = [10000, 5000, 2000, 1000, 500, 100, 50, 10] as const;
export type CashDenomination = (typeof CASH_DENOMINATIONS_FEN)[number];

export interface CashCountLine {
  readonly denominationFen: CashDenomination;
  readonly pieces: number;
}

/** The counted total of a denomination count (integer fen). */
export function countedFen(lines: readonly CashCountLine[]): number {
  return lines.reduce((sum, l) => sum + l.denominationFen * l.pieces, 0);
}

export type ShiftMoveKind = 'PAY_IN' | 'PAY_OUT';

export interface ShiftMove {
  readonly moveId: string;
  readonly kind: ShiftMoveKind;
  readonly amountFen: number;
  readonly reason: string;
  readonly by: string;
  readonly at: number;
}

export interface ShiftView {
  readonly shiftId: string;
  readonly openedBy: string;
  readonly openedAt: number;
  readonly floatFen: number;
  readonly cashSalesFen: number;
  readonly cashRefundsFen: number;
  readonly payInFen: number;
  readonly payOutFen: number;
  /** float + cash sales − cash refunds + pay-ins − pay-outs */
  readonly expectedFen: number;
  readonly moves: readonly ShiftMove[];
  readonly closedAt: number | null;
  readonly closedBy: string | null;
  readonly countedFen: number | null;
  /** counted − expected: positive = over (长款), negative = short (短款). */
  readonly diffFen: number | null;
  readonly acceptedBy: string | null;
}

export interface ShiftState {
  readonly open: ShiftView | null;
  /** A difference larger than this (either way) needs a manager to accept it. */
  readonly diffLimitFen: number;
  /** Payments, quick pays and refunds not yet final: the shift cannot close while any remain. */
  readonly unresolved: number;
  /** The open shift's cash sales, newest first (the tender shown; refund from here). */
  readonly cashSales: readonly (CashSaleView & { readonly refundedFen: number })[];
}

export interface DaySettings {
  /** Beijing hour (0–23) at which the business day turns. */
  readonly cutoffHour: number;
  /** 抹零: round cash sales down to the jiao. */
  readonly roundCashToJiao: boolean;
  readonly diffLimitFen: number;
}

export interface CashSaleView {
  readonly saleId: string;
  readonly totalFen: number;
  readonly roundingFen: number;
  readonly dueFen: number;
  readonly tenderedFen: number;
  readonly changeFen: number;
  readonly paidAt: number;
  readonly cashier: string;
}

export interface CashRefundView {
  readonly refundId: string;
  readonly saleId: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly approver: string;
  readonly at: number;
}

export type Tender = 'WECHAT' | 'CASH';
export const TENDERS: readonly Tender[] = ['WECHAT', 'CASH'];

export interface TenderTotals {
  readonly count: number;
  readonly grossFen: number;
  readonly refundsFen: number;
  readonly netFen: number;
}

export interface CashierTotals extends TenderTotals {
  readonly cashier: string;
}

export interface HourTotals {
  /** Hour since the business day started (0–23). */
  readonly hour: number;
  readonly wechatFen: number;
  readonly cashFen: number;
  readonly count: number;
}

export interface ReconcileLine {
  readonly kind: string;
  readonly outTradeNo: string | null;
  readonly localFen: number | null;
  readonly billFen: number | null;
  readonly note: string;
}

export interface ReconcileSummary {
  readonly billDate: string;
  readonly ranAt: number;
  readonly clean: boolean;
  readonly feeFen: number | null;
  /** 'matched' | 'differences' | 'not-yet' (bill creating / before 10:00) | 'failed' */
  readonly outcome: 'matched' | 'differences' | 'not-yet' | 'failed';
  readonly message: string;
  readonly lines: readonly ReconcileLine[];
}

export interface DayReport {
  readonly kind: 'X' | 'Z';
  /** Z number (per mode, no gaps); null for X. */
  readonly seq: number | null;
  /** yyyyMMdd, the Beijing business day. */
  readonly businessDay: string;
  readonly dayStart: number;
  readonly dayEnd: number;
  readonly mode: Mode;
  readonly generatedAt: number;
  readonly closedBy: string | null;
  readonly total: TenderTotals;
  readonly wechat: TenderTotals;
  readonly cash: TenderTotals & { readonly roundingFen: number };
  readonly cashiers: readonly CashierTotals[];
  readonly hours: readonly HourTotals[];
  readonly drawer: {
    readonly shiftsClosed: number;
    readonly shiftsOpen: number;
    readonly floatFen: number;
    readonly expectedFen: number;
    readonly countedFen: number;
    readonly diffFen: number;
  };
  readonly voids: {
    readonly cancelled: number;
    readonly expiredOrClosed: number;
    readonly failed: number;
    readonly paidAfterCancel: number;
  };
  /** WeChat's fees for the day, from the reconciliation when one has run. */
  readonly feeFen: number | null;
  readonly reconciliation: ReconcileSummary | null;
}
