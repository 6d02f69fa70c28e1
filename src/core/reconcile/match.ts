// Matches a parsed bill against the till's records of the same day: payments by out_trade_no, then by
// transaction_id; refunds by out_refund_no, then by refund_id. Pure and linear in the number of rows.
import type { BillRow, BillSummary, ParsedBill } from './bill-records';
import type { Difference } from './differences';
import type { LocalDay, LocalReceipt, LocalRefund } from './local-records';

export interface ReconcileReport {
  /** Payment rows that agree with a receipt exactly. */
  readonly matchedPayments: number;
  /** Refund rows that agree with a local refund exactly. */
  readonly matchedRefunds: number;
  /** In bill order (long, amount, status, refund-*), then short and refund-short in local order. */
  readonly differences: readonly Difference[];
  /** WeChat's fee per out_trade_no in thousandths of a fen (refund rows hand part of it back). */
  readonly feesByOrder: ReadonlyMap<string, number>;
  readonly feeTotalMilliFen: number;
  /** The bill's (checked) summary; null on a "No Bill Exist" day. */
  readonly billTotals: BillSummary | null;
}

export function isClean(r: ReconcileReport): boolean {
  return r.differences.length === 0;
}

/** The bill refund status that agrees with a local refund state. */
function refundAgrees(local: LocalRefund['state'], bill: string): boolean {
  // A refund row is written when WeChat accepts the refund and never updated: PROCESSING says nothing
  // about the final outcome, so it agrees with every local state.
  if (bill === 'PROCESSING') return true;
  if (bill === 'SUCCESS') return local === 'success';
  if (bill === 'REFUNDCLOSE') return local === 'failed';
  return false; // CHANGE (bank account abnormal) and anything unknown always need a look
}

function paymentAgrees(local: LocalReceipt['state'], bill: string): boolean {
  return (local === 'paid' && bill === 'SUCCESS') || (local === 'reversed' && bill === 'REVOKED');
}

/**
 * bill: the parsed bill, or 'no-bill' when WeChat answered "No Bill Exist" (then every local record
 * is short; a day without sales is a clean match). A SUCCESS bill checks payments only, a REFUND bill
 * refunds only.
 */
export function reconcileDay(bill: ParsedBill | 'no-bill', local: LocalDay): ReconcileReport {
  const rows: readonly BillRow[] = bill === 'no-bill' ? [] : bill.rows;
  const checkPayments = bill === 'no-bill' || bill.layout !== 'REFUND';
  const checkRefunds = bill === 'no-bill' || bill.layout !== 'SUCCESS';
  const differences: Difference[] = [];
  const feesByOrder = new Map<string, number>();
  let feeTotal = 0;

  const byTradeNo = new Map<string, LocalReceipt>();
  const byTransaction = new Map<string, LocalReceipt>();
  for (const r of local.receipts) {
    byTradeNo.set(r.outTradeNo, r);
    if (r.transactionId) byTransaction.set(r.transactionId, r);
  }
  const byRefundNo = new Map<string, LocalRefund>();
  const byRefundId = new Map<string, LocalRefund>();
  for (const f of local.refunds) {
    byRefundNo.set(f.outRefundNo, f);
    if (f.refundId) byRefundId.set(f.refundId, f);
  }
  const seenReceipts = new Set<LocalReceipt>();
  const seenRefunds = new Set<LocalRefund>();
  let matchedPayments = 0;
  let matchedRefunds = 0;

  for (const row of rows) {
    feeTotal += row.feeMilliFen;
    feesByOrder.set(row.outTradeNo, (feesByOrder.get(row.outTradeNo) ?? 0) + row.feeMilliFen);
    if (row.tradeState === 'REFUND') {
      if (!checkRefunds) continue;
      const outRefundNo = row.outRefundNo ?? '';
      let mine = row.outRefundNo !== null ? byRefundNo.get(row.outRefundNo) : undefined;
      if (!mine && row.refundId !== null) mine = byRefundId.get(row.refundId);
      if (!mine || seenRefunds.has(mine)) {
        differences.push({ kind: 'refund-long', outRefundNo, outTradeNo: row.outTradeNo, refundId: row.refundId, billFen: row.appliedRefundFen, line: row.line });
        continue;
      }
      seenRefunds.add(mine);
      if (mine.amountFen !== row.appliedRefundFen) {
        differences.push({ kind: 'refund-amount', outRefundNo: mine.outRefundNo, outTradeNo: row.outTradeNo, localFen: mine.amountFen, billFen: row.appliedRefundFen, line: row.line });
      } else if (!refundAgrees(mine.state, row.refundStatus)) {
        differences.push({ kind: 'refund-status', outRefundNo: mine.outRefundNo, outTradeNo: row.outTradeNo, local: mine.state, bill: row.refundStatus, line: row.line });
      } else matchedRefunds++;
      continue;
    }
    if (!checkPayments) continue;
    let mine = byTradeNo.get(row.outTradeNo);
    if (!mine && row.transactionId !== '') mine = byTransaction.get(row.transactionId);
    if (!mine || seenReceipts.has(mine)) {
      differences.push({ kind: 'long', outTradeNo: row.outTradeNo, transactionId: row.transactionId, billFen: row.orderFen, line: row.line });
      continue;
    }
    seenReceipts.add(mine);
    if (mine.totalFen !== row.orderFen) {
      differences.push({ kind: 'amount', outTradeNo: mine.outTradeNo, transactionId: row.transactionId, localFen: mine.totalFen, billFen: row.orderFen, line: row.line });
    } else if (!paymentAgrees(mine.state, row.tradeState)) {
      differences.push({ kind: 'status', outTradeNo: mine.outTradeNo, transactionId: row.transactionId, local: mine.state, bill: row.tradeState, line: row.line });
    } else matchedPayments++;
  }

  if (checkPayments) {
    for (const r of local.receipts) {
      if (!seenReceipts.has(r)) differences.push({ kind: 'short', outTradeNo: r.outTradeNo, transactionId: r.transactionId, localFen: r.totalFen });
    }
  }
  if (checkRefunds) {
    for (const f of local.refunds) {
      // A refund WeChat closed before accepting it never reaches a bill; only accepted ones must appear.
      if (!seenRefunds.has(f) && f.state !== 'failed') differences.push({ kind: 'refund-short', outRefundNo: f.outRefundNo, outTradeNo: f.outTradeNo, localFen: f.amountFen });
    }
  }
  return {
    matchedPayments,
    matchedRefunds,
    differences,
    feesByOrder,
    feeTotalMilliFen: feeTotal,
    billTotals: bill === 'no-bill' ? null : bill.summary,
  };
}
