// Reconciliation (对账) of WeChat's daily bill against the till: parse exactly, match, settle.
export { parseBillText, parseBillResult, readBillText, sumRows, type BillSink, type BillHead } from './parse-bill';
export { reconcileBillText } from './reconcile-text';
export { reconcileDay, isClean, DayMatcher, type ReconcileReport } from './match';
export { settleDifferences, type Settle, type SettleVerdict, type SettledReport } from './settle';
export { differenceKey, type Difference, type DifferenceKind, type PaymentDifference, type RefundDifference } from './differences';
export type { BillRow, BillSummary, ParsedBill } from './bill-records';
export { isRefundRow } from './bill-records';
export type { BillError, BillErrorReason } from './bill-error';
export type { LocalDay, LocalReceipt, LocalRefund } from './local-records';
export { BILL_COLUMNS, SUMMARY_COLUMNS, layoutOf, type BillType } from './bill-layout';
export { readYuan, writeYuan, type AmountProblem } from './yuan';
