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

/** Shift close (交班单, issue 13). All amounts integer fen. */
export interface ShiftCloseDoc {
  readonly kind: 'shift-close';
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly shiftNo: number;
  readonly cashierName: string;
  readonly openedAt: number;
  readonly closedAt: number;
  readonly salesCount: number;
  readonly byTender: readonly TenderTotal[];
  readonly refundsFen: number;
  readonly openingFloatFen: number;
  readonly expectedCashFen: number;
  readonly countedCashFen: number;
}

/** Z report (closes the business day, numbered, issue 13). */
export interface ZReportDoc {
  readonly kind: 'z-report';
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly zNo: number;
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
