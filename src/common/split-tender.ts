// Split tender (issue 13 point 1): a sale paid partly in cash and the rest by WeChat (Native QR or the
// customer's payment code). The cash part is taken first and stays PENDING until the WeChat part is
// paid; it is counted in the drawer only once that payment is PAID, and is VOID (given back to the
// customer) when the payment ends unpaid. Amounts are integer fen.

/** PENDING: the WeChat part is not final; PAID: cash counted in the drawer; VOID: give the cash back. */
export type SplitCashState = 'PENDING' | 'PAID' | 'VOID';

export interface SplitTenderView {
  readonly saleId: string;
  readonly attemptId: string;
  /** The sale's total: cash part + WeChat part. */
  readonly saleTotalFen: number;
  readonly cashFen: number;
  /** What WeChat is asked for: the attempt's total_fee. */
  readonly wechatFen: number;
  readonly tenderedFen: number;
  readonly changeFen: number;
  readonly state: SplitCashState;
  readonly takenAt: number;
  /** When the cashier confirmed the void cash part was given back (null while it is still owed). */
  readonly returnedAt: number | null;
}

/** A split sale as History and the receipt show it (both parts, and what is refunded of the cash part). */
export interface SplitPartsView {
  readonly saleTotalFen: number;
  readonly cashFen: number;
  readonly wechatFen: number;
  readonly cashRefundedFen: number;
}

/** Which part of a split sale a refund returns (the WeChat part through WeChat, the cash part in cash). */
export type SplitRefundPart = 'WECHAT' | 'CASH';
