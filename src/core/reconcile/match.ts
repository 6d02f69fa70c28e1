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
 * Matches rows one at a time (so a bill need never be held whole): begin with the bill's layout, add
 * each row, finish with the bill's checked summary. A SUCCESS bill checks payments only, a REFUND
 * bill refunds only; 'no-bill' ("No Bill Exist") makes every local record short.
 */
export class DayMatcher {
  private readonly differences: Difference[] = [];
  private readonly feesByOrder = new Map<string, number>();
  private feeTotal = 0;
  private readonly byTradeNo = new Map<string, LocalReceipt>();
  private readonly byRefundNo = new Map<string, LocalRefund>();
  // The fallback indexes are built on the first miss only: on an agreeing day they are never needed.
  private byTransaction: Map<string, LocalReceipt> | null = null;
  private byRefundId: Map<string, LocalRefund> | null = null;
  private readonly seenReceipts = new Set<LocalReceipt>();
  private readonly seenRefunds = new Set<LocalRefund>();
  private matchedPayments = 0;
  private matchedRefunds = 0;
  private checkPayments = true;
  private checkRefunds = true;

  constructor(private readonly local: LocalDay) {
    for (const r of local.receipts) this.byTradeNo.set(r.outTradeNo, r);
    for (const f of local.refunds) this.byRefundNo.set(f.outRefundNo, f);
  }

  private receiptByTransaction(id: string): LocalReceipt | undefined {
    if (this.byTransaction === null) {
      this.byTransaction = new Map();
      for (const r of this.local.receipts) if (r.transactionId) this.byTransaction.set(r.transactionId, r);
    }
    return this.byTransaction.get(id);
  }

  private refundByRefundId(id: string): LocalRefund | undefined {
    if (this.byRefundId === null) {
      this.byRefundId = new Map();
      for (const f of this.local.refunds) if (f.refundId) this.byRefundId.set(f.refundId, f);
    }
    return this.byRefundId.get(id);
  }

  begin(layout: ParsedBill['layout'] | 'no-bill'): void {
    this.checkPayments = layout !== 'REFUND';
    this.checkRefunds = layout !== 'SUCCESS';
  }

  row(row: BillRow): void {
    this.feeTotal += row.feeMilliFen;
    this.feesByOrder.set(row.outTradeNo, (this.feesByOrder.get(row.outTradeNo) ?? 0) + row.feeMilliFen);
    if (row.tradeState === 'REFUND') {
      if (this.checkRefunds) this.refundRow(row);
    } else if (this.checkPayments) this.paymentRow(row);
  }

  private refundRow(row: BillRow): void {
    let mine = row.outRefundNo !== null ? this.byRefundNo.get(row.outRefundNo) : undefined;
    if (!mine && row.refundId !== null) mine = this.refundByRefundId(row.refundId);
    if (!mine || this.seenRefunds.has(mine)) {
      this.differences.push({ kind: 'refund-long', outRefundNo: row.outRefundNo ?? '', outTradeNo: row.outTradeNo, refundId: row.refundId, billFen: row.appliedRefundFen, line: row.line });
      return;
    }
    this.seenRefunds.add(mine);
    if (mine.amountFen !== row.appliedRefundFen) {
      this.differences.push({ kind: 'refund-amount', outRefundNo: mine.outRefundNo, outTradeNo: row.outTradeNo, localFen: mine.amountFen, billFen: row.appliedRefundFen, line: row.line });
    } else if (!refundAgrees(mine.state, row.refundStatus)) {
      this.differences.push({ kind: 'refund-status', outRefundNo: mine.outRefundNo, outTradeNo: row.outTradeNo, local: mine.state, bill: row.refundStatus, line: row.line });
    } else this.matchedRefunds++;
  }

  private paymentRow(row: BillRow): void {
    let mine = this.byTradeNo.get(row.outTradeNo);
    if (!mine && row.transactionId !== '') mine = this.receiptByTransaction(row.transactionId);
    if (!mine || this.seenReceipts.has(mine)) {
      this.differences.push({ kind: 'long', outTradeNo: row.outTradeNo, transactionId: row.transactionId, billFen: row.orderFen, line: row.line });
      return;
    }
    this.seenReceipts.add(mine);
    if (mine.totalFen !== row.orderFen) {
      this.differences.push({ kind: 'amount', outTradeNo: mine.outTradeNo, transactionId: row.transactionId, localFen: mine.totalFen, billFen: row.orderFen, line: row.line });
    } else if (!paymentAgrees(mine.state, row.tradeState)) {
      this.differences.push({ kind: 'status', outTradeNo: mine.outTradeNo, transactionId: row.transactionId, local: mine.state, bill: row.tradeState, line: row.line });
    } else this.matchedPayments++;
  }

  /** The report; billTotals is the bill's checked summary, or null on a "No Bill Exist" day. */
  finish(billTotals: BillSummary | null): ReconcileReport {
    const differences = [...this.differences];
    if (this.checkPayments) {
      for (const r of this.local.receipts) {
        if (!this.seenReceipts.has(r)) differences.push({ kind: 'short', outTradeNo: r.outTradeNo, transactionId: r.transactionId, localFen: r.totalFen });
      }
    }
    if (this.checkRefunds) {
      for (const f of this.local.refunds) {
        // A refund WeChat closed before accepting it never reaches a bill; only accepted ones must appear.
        if (!this.seenRefunds.has(f) && f.state !== 'failed') differences.push({ kind: 'refund-short', outRefundNo: f.outRefundNo, outTradeNo: f.outTradeNo, localFen: f.amountFen });
      }
    }
    return { matchedPayments: this.matchedPayments, matchedRefunds: this.matchedRefunds, differences, feesByOrder: this.feesByOrder, feeTotalMilliFen: this.feeTotal, billTotals };
  }
}

/** Reconciles a parsed bill (or 'no-bill' for "No Bill Exist") against the till's day. */
export function reconcileDay(bill: ParsedBill | 'no-bill', local: LocalDay): ReconcileReport {
  const m = new DayMatcher(local);
  if (bill === 'no-bill') {
    m.begin('no-bill');
    return m.finish(null);
  }
  m.begin(bill.layout);
  for (const row of bill.rows) m.row(row);
  return m.finish(bill.summary);
}
