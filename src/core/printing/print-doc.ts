// The one receipt model (issue 14 point 1): every printed slip is a PrintDoc, laid out once by
// layout.ts and then encoded for ESC/POS (escpos.ts) or HTML (html.ts). Cashier names, tenders,
// shift-close and Z-report figures come from other modules (issues 11 and 13) as plain typed inputs,
// so this model depends only on the bridge's Receipt/RefundView.
import type { Locale, Mode, Receipt, RefundView } from '../../common/api';

import type { PaperWidth } from '../../common/printing';

export type { PaperWidth };
export const PAPER_WIDTHS: readonly PaperWidth[] = [58, 80];

/** How a sale or a shift was paid: WeChat (Native or quick pay) or cash (issue 13). */
export type TenderKind = 'WECHAT' | 'CASH';

export interface TenderLine {
  readonly kind: TenderKind;
  readonly amountFen: number;
  /** Cash handed over and change given (cash only). */
  readonly givenFen?: number;
  readonly changeFen?: number;
}

export interface ReceiptDoc {
  readonly kind: 'receipt';
  readonly receipt: Receipt;
  readonly refunds: readonly RefundView[];
  /** Display name of the cashier (issue 11); Receipt.cashier (an id) when absent. */
  readonly cashierName?: string;
  /** Absent: the whole total paid by WeChat (what main has today). */
  readonly tenders?: readonly TenderLine[];
  readonly reprint?: boolean;
}

export interface RefundSlipDoc {
  readonly kind: 'refund';
  readonly receipt: Receipt;
  readonly refund: RefundView;
}

export interface TenderTotal {
  readonly kind: TenderKind;
  readonly count: number;
  readonly fen: number;
}

/** Shift close (交班单, issue 13): the drawer arithmetic of one closed shift (ShiftView). Integer fen. */
export interface ShiftCloseDoc {
  readonly kind: 'shift-close';
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly shiftId: string;
  /** Who opened the shift. */
  readonly cashierName: string;
  readonly closedBy: string;
  readonly openedAt: number;
  readonly closedAt: number;
  readonly openingFloatFen: number;
  readonly cashSalesFen: number;
  readonly cashRefundsFen: number;
  readonly payInFen: number;
  readonly payOutFen: number;
  readonly expectedCashFen: number;
  readonly countedCashFen: number;
  /** The manager who accepted a difference above the limit, if one had to. */
  readonly acceptedBy: string | null;
}

/** X report (the day so far, zNo null) or Z report (closes the business day, numbered, issue 13). */
export interface ZReportDoc {
  readonly kind: 'z-report';
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly zNo: number | null;
  /** yyyyMMdd Beijing business day. */
  readonly businessDay: string;
  readonly printedAt: number;
  readonly salesCount: number;
  readonly grossFen: number;
  readonly refundsFen: number;
  readonly byTender: readonly TenderTotal[];
}

export interface TestPageDoc {
  readonly kind: 'test-page';
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly printedAt: number;
}

export type PrintDoc = ReceiptDoc | RefundSlipDoc | ShiftCloseDoc | ZReportDoc | TestPageDoc;
export type PrintDocKind = PrintDoc['kind'];

export interface RenderOptions {
  readonly width: PaperWidth;
  readonly locale: Locale;
}
