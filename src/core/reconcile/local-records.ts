// What the till knows about one business day, as plain values: the caller (the Z report, a scheduler)
// reads them from the store; reconciliation never touches the store itself.

export interface LocalReceipt {
  readonly outTradeNo: string;
  /** WeChat's transaction_id when the till learned it. */
  readonly transactionId: string | null;
  readonly totalFen: number;
  readonly paidAt: number;
  /** paid: the money stayed (refunds are separate records); reversed: a paid quick pay was reversed (撤销). */
  readonly state: 'paid' | 'reversed';
  /** Sum of successful refunds the till knows of (for the manager's list; refunds are matched one by one). */
  readonly refundedFen: number;
  readonly mode: 'native' | 'quickpay';
}

export interface LocalRefund {
  readonly outRefundNo: string;
  readonly outTradeNo: string;
  readonly refundId: string | null;
  readonly amountFen: number;
  /** pending: accepted by WeChat, final result unknown; success; failed (REFUNDCLOSE). */
  readonly state: 'pending' | 'success' | 'failed';
}

export interface LocalDay {
  /** Receipts paid on that Beijing day (the bill lists payments by payment time). */
  readonly receipts: readonly LocalReceipt[];
  /** Refunds accepted on that day (the bill lists a refund on the day it was accepted). */
  readonly refunds: readonly LocalRefund[];
}
