// The matcher on hand-made days: each difference kind alone, the transaction_id fallback, fees per
// order, "No Bill Exist", bill types that cover only payments or refunds, and the settle step.
import { describe, expect, it } from 'vitest';
import {
  differenceKey,
  isClean,
  parseBillText,
  reconcileDay,
  settleDifferences,
  type Difference,
  type LocalDay,
  type ParsedBill,
} from '../../../src/core/reconcile';
import type { BillEntry } from '../../../src/sim/bill-writer';
import { billText, DAY, emptyDay, localRefund, MCH, order, receipt, refundEntry } from './day-builder';

function bill(entries: readonly BillEntry[], type: 'ALL' | 'SUCCESS' | 'REFUND' = 'ALL'): ParsedBill {
  const r = parseBillText(billText(entries, type), MCH);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const o1 = order(1, 1999);
const o2 = order(2, 1, 'MICROPAY');
const r1 = localRefund(o1, 1, 500, 'success');
const pay = (o: typeof o1, state: 'SUCCESS' | 'REVOKED' = 'SUCCESS'): BillEntry => ({ kind: 'payment', order: o, at: DAY + 3_600_000, state });
const cleanEntries = [pay(o1), pay(o2), refundEntry(o1, r1, DAY + 7_200_000, 500, 'SUCCESS')];
const cleanLocal: LocalDay = { receipts: [receipt(o1, { refundedFen: 500 }), receipt(o2)], refunds: [r1] };
const keys = (ds: readonly Difference[]): string[] => ds.map(differenceKey).sort();

describe('reconcileDay', () => {
  it('a clean day: every row matched, fee per order net of the refund', () => {
    const rep = reconcileDay(bill(cleanEntries), cleanLocal);
    expect(isClean(rep)).toBe(true);
    expect(rep.matchedPayments).toBe(2);
    expect(rep.matchedRefunds).toBe(1);
    expect(rep.feesByOrder.get(o1.outTradeNo)).toBe(1999 * 6 - 500 * 6); // 0.6 % in 1/1000 fen
    expect(rep.feesByOrder.get(o2.outTradeNo)).toBe(6);
    expect(rep.feeTotalMilliFen).toBe(rep.billTotals?.feeMilliFen);
  });

  it('long, short, amount, status', () => {
    const o3 = order(3, 880, 'MICROPAY');
    const rep = reconcileDay(bill([pay(o1), pay({ ...o2, totalFen: 2 }), pay(o3, 'REVOKED'), pay(order(9, 100))]), {
      receipts: [receipt(o1, { state: 'reversed' }), receipt(o2), receipt(o3), receipt(order(4, 300))],
      refunds: [],
    });
    expect(rep.differences).toEqual([
      { kind: 'status', outTradeNo: o1.outTradeNo, transactionId: o1.transactionId, local: 'reversed', bill: 'SUCCESS', line: 2 },
      { kind: 'amount', outTradeNo: o2.outTradeNo, transactionId: o2.transactionId, localFen: 1, billFen: 2, line: 3 },
      { kind: 'status', outTradeNo: o3.outTradeNo, transactionId: o3.transactionId, local: 'paid', bill: 'REVOKED', line: 4 },
      { kind: 'long', outTradeNo: 'T00000009', transactionId: order(9, 1).transactionId, billFen: 100, line: 5 },
      { kind: 'short', outTradeNo: 'T00000004', transactionId: order(4, 1).transactionId, localFen: 300 },
    ]);
    expect(rep.matchedPayments).toBe(0);
  });

  it('refund differences: long, short, amount, status; a PROCESSING row agrees with any local state', () => {
    const r2 = localRefund(o2, 2, 1, 'pending');
    const r3 = localRefund(o1, 3, 100, 'failed');
    const r4 = localRefund(o1, 4, 200, 'success');
    const r5 = localRefund(o1, 5, 300, 'success');
    const rep = reconcileDay(
      bill([refundEntry(o1, r1, DAY + 1, 499, 'SUCCESS'), refundEntry(o2, r2, DAY + 2, 1, 'PROCESSING'), refundEntry(o1, r3, DAY + 3, 100, 'SUCCESS'), refundEntry(o1, localRefund(o1, 6, 50, 'success'), DAY + 4, 50, 'SUCCESS'), refundEntry(o1, r5, DAY + 5, 300, 'CHANGE')], 'REFUND'),
      { receipts: [], refunds: [r1, r2, r3, r4, r5] },
    );
    expect(keys(rep.differences)).toEqual(['refund-amount:R00000001', 'refund-long:R00000006', 'refund-short:R00000004', 'refund-status:R00000003', 'refund-status:R00000005'].sort());
    expect(rep.matchedRefunds).toBe(1);
  });

  it('matches by transaction_id when out_trade_no differs', () => {
    const rep = reconcileDay(bill([pay(o1)]), { receipts: [receipt(o1, { outTradeNo: 'RENUMBERED' })], refunds: [] });
    expect(isClean(rep)).toBe(true);
    expect(rep.matchedPayments).toBe(1);
    // without a transaction_id there is nothing to match on: long and short
    const blind = reconcileDay(bill([pay(o1)]), { receipts: [receipt(o1, { outTradeNo: 'RENUMBERED', transactionId: null })], refunds: [] });
    expect(keys(blind.differences)).toEqual(['long:T00000001', 'short:RENUMBERED']);
  });

  it('matches a refund by refund_id when out_refund_no differs', () => {
    const rep = reconcileDay(bill([refundEntry(o1, r1, DAY, 500, 'SUCCESS')], 'REFUND'), { receipts: [], refunds: [{ ...r1, outRefundNo: 'RENUMBERED' }] });
    expect(isClean(rep)).toBe(true);
    expect(rep.matchedRefunds).toBe(1);
    const blind = reconcileDay(bill([refundEntry(o1, r1, DAY, 500, 'SUCCESS')], 'REFUND'), { receipts: [], refunds: [{ ...r1, outRefundNo: 'RENUMBERED', refundId: null }] });
    expect(keys(blind.differences)).toEqual(['refund-long:R00000001', 'refund-short:RENUMBERED']);
  });

  it('a duplicated payment row is long the second time', () => {
    const rep = reconcileDay(bill([pay(o1), { ...pay(o1), at: DAY + 9_000_000 }]), { receipts: [receipt(o1)], refunds: [] });
    expect(rep.differences.map((d) => d.kind)).toEqual(['long']);
  });

  it('"No Bill Exist" with no local sales is a clean match; with sales, every sale is short', () => {
    expect(isClean(reconcileDay('no-bill', emptyDay))).toBe(true);
    const rep = reconcileDay('no-bill', cleanLocal);
    expect(keys(rep.differences)).toEqual(['refund-short:R00000001', 'short:T00000001', 'short:T00000002']);
    expect(rep.billTotals).toBeNull();
  });

  it('a SUCCESS bill checks payments only, a REFUND bill refunds only', () => {
    expect(isClean(reconcileDay(bill([pay(o1), pay(o2)], 'SUCCESS'), cleanLocal))).toBe(true);
    expect(isClean(reconcileDay(bill([refundEntry(o1, r1, DAY, 500, 'SUCCESS')], 'REFUND'), cleanLocal))).toBe(true);
    expect(keys(reconcileDay(bill([pay(o1)], 'SUCCESS'), cleanLocal).differences)).toEqual(['short:T00000002']);
  });
});

describe('settleDifferences', () => {
  const rep = reconcileDay(bill([pay(o1), pay(order(9, 100))]), { receipts: [receipt(o1, { totalFen: 2000 }), receipt(o2)], refunds: [] });

  it('drops what the settle step resolves, keeps the rest in order, never hides a throw', async () => {
    expect(keys(rep.differences)).toEqual(['amount:T00000001', 'long:T00000009', 'short:T00000002']);
    const asked: string[] = [];
    const settled = await settleDifferences(rep, async (d) => {
      asked.push(differenceKey(d));
      if (d.kind === 'short') throw new Error('orderquery timed out');
      return d.kind === 'long' ? 'resolved' : 'still-different';
    });
    expect(asked.sort()).toEqual(keys(rep.differences));
    expect(settled.differences.map(differenceKey)).toEqual(['amount:T00000001', 'short:T00000002']);
    expect(settled.resolved.map(differenceKey)).toEqual(['long:T00000009']);
    expect(settled.matchedPayments).toBe(rep.matchedPayments);
  });

  it('runs at most `concurrency` settles at once', async () => {
    let running = 0;
    let peak = 0;
    const many = { ...rep, differences: [...rep.differences, ...rep.differences, ...rep.differences] };
    const settled = await settleDifferences(
      many,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await Promise.resolve();
        running--;
        return 'resolved';
      },
      2,
    );
    expect(peak).toBe(2);
    expect(settled.differences).toEqual([]);
    expect(settled.resolved).toHaveLength(9);
  });
});
