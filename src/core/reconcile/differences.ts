// The kinds of difference between WeChat's bill and the till (docs/reconciliation.md). "long" = on the bill but
// not here (money we did not record), "short" = here but not on the bill (money we think we have).

export type PaymentDifference =
  | { readonly kind: 'long'; readonly outTradeNo: string; readonly transactionId: string; readonly billFen: number; readonly line: number }
  | { readonly kind: 'short'; readonly outTradeNo: string; readonly transactionId: string | null; readonly localFen: number }
  | { readonly kind: 'amount'; readonly outTradeNo: string; readonly transactionId: string; readonly localFen: number; readonly billFen: number; readonly line: number }
  | { readonly kind: 'status'; readonly outTradeNo: string; readonly transactionId: string; readonly local: 'paid' | 'reversed'; readonly bill: string; readonly line: number };

export type RefundDifference =
  | { readonly kind: 'refund-long'; readonly outRefundNo: string; readonly outTradeNo: string; readonly refundId: string | null; readonly billFen: number; readonly line: number }
  | { readonly kind: 'refund-short'; readonly outRefundNo: string; readonly outTradeNo: string; readonly localFen: number }
  | { readonly kind: 'refund-amount'; readonly outRefundNo: string; readonly outTradeNo: string; readonly localFen: number; readonly billFen: number; readonly line: number }
  | { readonly kind: 'refund-status'; readonly outRefundNo: string; readonly outTradeNo: string; readonly local: 'pending' | 'success' | 'failed'; readonly bill: string; readonly line: number };

export type Difference = PaymentDifference | RefundDifference;
export type DifferenceKind = Difference['kind'];

/** A stable identity for a difference: its kind and the order or refund number it is about. */
export function differenceKey(d: Difference): string {
  switch (d.kind) {
    case 'long':
    case 'short':
    case 'amount':
    case 'status':
      return `${d.kind}:${d.outTradeNo}`;
    case 'refund-long':
    case 'refund-short':
    case 'refund-amount':
    case 'refund-status':
      return `${d.kind}:${d.outRefundNo}`;
    default: {
      const never: never = d;
      return never;
    }
  }
}
