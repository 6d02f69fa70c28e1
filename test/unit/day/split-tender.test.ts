// Issue 13 point 1: split tender, cash + WeChat. The cash part is taken first and written with the sale;
// WeChat is asked for the rest only; the cash part joins the drawer only in the transaction that writes
// the receipt, and is void (to be given back, said plainly) when the WeChat part ends unpaid. History
// shows one row with both parts; each part is refunded its own way within its own amount; the X report
// and day totals count the sale once and each part under its tender.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { buildDayReport } from '../../../src/core/day';
import { dayTotals, getReceiptDetail, listReceipts } from '../../../src/core/store';
import { getAttempt } from '../../../src/core/store/repos/attempt-repo';
import { layoutDoc } from '../../../src/core/printing/layout';
import { checkInvariants, gatewayFacts, makeHarness, MANAGER, type Harness } from '../engine/harness';
import { dayOf, FLOAT, LINES, lastView, openShift, until } from './split-rig';

const BOUND = 5 * 60_000 + 60_000;
let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

async function splitCharge(hh: Harness, shiftId: string, cashFen = 500, tenderedFen = 1000): Promise<PaymentView> {
  const r = await hh.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen, tenderedFen, shiftId } });
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.value;
}

const xReport = (hh: Harness) => buildDayReport(hh.store.db, { mode: 'LIVE', start: hh.clock.now() - 12 * 3_600_000, end: hh.clock.now() + 12 * 3_600_000, now: hh.clock.now() });
const invariantsHold = (hh: Harness): void =>
  expect(checkInvariants(hh.store, gatewayFacts(hh.gw), { settled: true, now: hh.clock.now(), boundMs: BOUND })).toEqual([]);

describe('split tender: cash part first, the rest by WeChat', () => {
  it('asks WeChat for the rest only; the cash part is pending until PAID, then in the drawer, the X report and History as one sale', async () => {
    h = await makeHarness();
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 500, 1000);
    expect(v.totalFen).toBe(1400);
    expect(v.split).toMatchObject({ saleTotalFen: 1900, cashFen: 500, wechatFen: 1400, tenderedFen: 1000, changeFen: 500, state: 'PENDING', returnedAt: null });
    expect([...h.gw.orders.values()].map((o) => o.req.totalFee)).toEqual([1400]);
    // pending: not in the drawer, and the shift cannot close
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT);
    expect(day.shifts.close({ counts: [] })).toMatchObject({ ok: false, code: 'SHIFT_WORK_UNRESOLVED' });

    expect(h.gw.pay(v.codeUrl!)).toBe(true);
    await until(h, () => lastView(h!, v.attemptId)?.status === 'paid');
    const paid = lastView(h, v.attemptId)!;
    expect(paid.split?.state).toBe('PAID');
    expect(paid.receipt).toMatchObject({ totalFen: 1400, split: { saleTotalFen: 1900, cashFen: 500, wechatFen: 1400 } });
    expect(day.shifts.state().open).toMatchObject({ cashSalesFen: 500, expectedFen: FLOAT + 500 });

    // History: one row for the sale, its tender split, both parts in the detail
    const rows = listReceipts(h.store.db, { limit: 50, mode: 'LIVE' }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ saleId: v.saleId, kind: 'NATIVE', totalFen: 1400, split: { saleTotalFen: 1900, cashFen: 500, wechatFen: 1400, cashRefundedFen: 0 } });
    const d = getReceiptDetail(h.store.db, v.saleId, 'Shop');
    expect(d).toMatchObject({ refundableFen: 1400, split: { cashFen: 500, wechatFen: 1400, cashRefundableFen: 500, cashRefunds: [] } });

    // X report / day totals: one sale; cash 500 under cash, 1400 under WeChat
    const x = xReport(h);
    expect(x.total).toMatchObject({ count: 1, grossFen: 1900 });
    expect(x.cash).toMatchObject({ count: 1, grossFen: 500 });
    expect(x.wechat).toMatchObject({ count: 1, grossFen: 1400 });
    expect(x.cashiers).toEqual([expect.objectContaining({ cashier: 'amy', count: 1, grossFen: 1900 })]);
    expect(x.hours.reduce((s, hr) => s + hr.count, 0)).toBe(1);
    expect(dayTotals(h.store.db, h.clock.now() - 3_600_000, h.clock.now() + 3_600_000, 'LIVE')).toMatchObject({ count: 1, paidFen: 1900 });

    // the slip shows the sale's total and both tenders
    const slip = layoutDoc({ kind: 'receipt', receipt: d!.receipt, refunds: [] }, { width: 80, locale: 'en' })
      .blocks.flatMap((b) => (b.t === 'line' ? [b.text] : []))
      .join('\n');
    expect(slip).toMatch(/TOTAL CNY\s+19\.00/);
    expect(slip).toMatch(/Cash\s+5\.00/);
    expect(slip).toMatch(/WeChat Pay\s+14\.00/);
    // the shift closes once counted (nothing unresolved)
    expect(day.shifts.close({ counts: [{ denominationFen: 10000, pieces: 1 }, { denominationFen: 500, pieces: 1 }] })).toMatchObject({ ok: true, value: { expectedFen: 10_500, diffFen: 0 } });
    invariantsHold(h);
  });

  it('refuses a cash part of 0 or the whole total, and a tender below the cash part, before anything is written', async () => {
    h = await makeHarness();
    const shiftId = openShift(dayOf(h));
    for (const cashFen of [0, 1900, 2500]) {
      const r = await h.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen, tenderedFen: 5000, shiftId } });
      expect(r).toMatchObject({ ok: false, code: 'SPLIT_CASH_INVALID' });
      if (!r.ok) expect(r.message).toMatch(/cash part.*现金部分/s);
    }
    expect(await h.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen: 500, tenderedFen: 499, shiftId } })).toMatchObject({ ok: false, code: 'CASH_TENDER_SHORT' });
    expect(h.store.db.prepare('SELECT (SELECT count(*) FROM sales) + (SELECT count(*) FROM split_tenders) AS n').get()).toEqual({ n: 0 });
    expect(h.gw.calls.unifiedOrder).toBe(0);
  });

  it('cancelled and closed: the cash part is void, owed back to the customer in plain words, never in the drawer', async () => {
    h = await makeHarness();
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 700, 700);
    await h.clock.advance(10_000);
    const c = await h.engine.cancelPayment({ attemptId: v.attemptId });
    // cancelling is not the end: the payment may still land, the cash part stays pending
    expect(c.ok && c.value.split?.state).toBe('PENDING');
    expect(day.split.owed()).toEqual([]);
    await until(h, () => getAttempt(h!.store.db, v.attemptId)?.state === 'CLOSED');
    expect(lastView(h, v.attemptId)).toMatchObject({ status: 'cancelled', split: { state: 'VOID', cashFen: 700 } });
    expect(day.split.owed()).toEqual([expect.objectContaining({ saleId: v.saleId, cashFen: 700, state: 'VOID', returnedAt: null })]);
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT);
    // the shift cannot close while the cash is owed back (it is in the drawer, not expected there)
    const counts = [{ denominationFen: 10_000, pieces: FLOAT / 10_000 }] as const;
    const refused = day.shifts.close({ counts });
    expect(refused).toMatchObject({ ok: false, code: 'SHIFT_CASH_OWED' });
    if (!refused.ok) expect(refused.message).toMatch(/¥7\.00.*退还/s);
    // the void cash part is no cash sale: it cannot be refunded, and History has no row for the sale
    expect(day.cash.refund({ saleId: v.saleId, amountFen: 100, reason: 'x', approver: 'boss', managerPin: '1234' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(listReceipts(h.store.db, { limit: 50, mode: 'LIVE' }).rows).toEqual([]);
    expect(xReport(h).total.count).toBe(0);
    // the cashier gives it back (audited), once
    expect(day.split.confirmReturned(v.saleId)).toMatchObject({ ok: true, value: { state: 'VOID', returnedAt: h.clock.now() } });
    expect(day.split.owed()).toEqual([]);
    const again = day.split.confirmReturned(v.saleId);
    expect(again).toMatchObject({ ok: false, code: 'SPLIT_NOT_OWED' });
    if (!again.ok) expect(again.message).toMatch(/given back.*退还/s);
    expect(h.store.db.prepare("SELECT actor FROM audit_log WHERE action = 'split.cash.returned'").all()).toEqual([{ actor: 'amy' }]);
    // given back: the drawer holds the float alone, and the shift closes with no difference
    expect(day.shifts.close({ counts })).toMatchObject({ ok: true, value: { expectedFen: FLOAT, countedFen: FLOAT } });
    // the next sale starts clean
    const next = await splitCharge(h, openShift(day), 100, 100);
    expect(next.split).toMatchObject({ state: 'PENDING', cashFen: 100 });
    invariantsHold(h);
  });

  it('expired unpaid: void as well; a paid split is never owed back', async () => {
    h = await makeHarness();
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 300, 300);
    await until(h, () => getAttempt(h!.store.db, v.attemptId)?.state === 'CLOSED', 1000, 30 * 60_000);
    expect(lastView(h, v.attemptId)).toMatchObject({ status: 'expired', split: { state: 'VOID' } });
    expect(day.split.owed().map((s) => s.saleId)).toEqual([v.saleId]);
    expect(day.split.confirmReturned(v.saleId).ok).toBe(true);
    const w = await splitCharge(h, shiftId, 300, 300);
    h.gw.pay(w.codeUrl!);
    await until(h, () => lastView(h!, w.attemptId)?.status === 'paid');
    expect(day.split.owed()).toEqual([]);
    expect(day.split.confirmReturned(w.saleId)).toMatchObject({ ok: false, code: 'SPLIT_NOT_OWED' });
  });

  it('paid after cancel: the late payment is a receipt, so the cash part is counted (not owed back)', async () => {
    h = await makeHarness();
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 400, 500);
    await h.engine.cancelPayment({ attemptId: v.attemptId });
    await h.clock.advance(30_000);
    expect(h.gw.pay(v.codeUrl!)).toBe(true);
    await until(h, () => lastView(h!, v.attemptId)?.status === 'paid');
    expect(lastView(h, v.attemptId)).toMatchObject({ receipt: { paidAfterCancel: true }, split: { state: 'PAID' } });
    expect(day.split.owed()).toEqual([]);
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT + 400);
    invariantsHold(h);
  });

  it('refunds: the WeChat part through WeChat up to its amount, the cash part in cash up to its amount (both checked in core)', async () => {
    h = await makeHarness({ engine: { refundSpacingMs: 0 } });
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 500, 500);
    h.gw.pay(v.codeUrl!);
    await until(h, () => lastView(h!, v.attemptId)?.status === 'paid');
    const base = { saleId: v.saleId, reason: 'return', approver: MANAGER.approver, managerPin: MANAGER.pin };
    expect(await h.engine.requestRefund({ ...base, amountFen: 1401 })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_REFUNDABLE' });
    expect(day.cash.refund({ ...base, amountFen: 501, approver: 'boss', managerPin: '1234' })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_REFUNDABLE' });
    expect(day.cash.refund({ ...base, amountFen: 200, approver: 'boss', managerPin: '1234' }).ok).toBe(true);
    expect(day.cash.refund({ ...base, amountFen: 301, approver: 'boss', managerPin: '1234' })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_REFUNDABLE' });
    const wx = await h.engine.requestRefund({ ...base, amountFen: 1400 });
    expect(wx.ok).toBe(true);
    await until(h, () => (getReceiptDetail(h!.store.db, v.saleId, 'Shop')?.receipt.refundedFen ?? 0) === 1400);
    const d = getReceiptDetail(h.store.db, v.saleId, 'Shop')!;
    expect(d).toMatchObject({ refundableFen: 0, split: { cashRefundedFen: 200, cashRefundableFen: 300, cashRefunds: [expect.objectContaining({ amountFen: 200 })] } });
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT + 500 - 200);
    const x = xReport(h);
    expect(x.cash).toMatchObject({ grossFen: 500, refundsFen: 200 });
    expect(x.wechat).toMatchObject({ grossFen: 1400, refundsFen: 1400 });
    expect(x.total).toMatchObject({ count: 1, grossFen: 1900, refundsFen: 1600, netFen: 300 });
  });

  it('History: the amount filter finds a split sale by its sale total or its WeChat part (not the cash part); text by its ids', async () => {
    h = await makeHarness();
    const day = dayOf(h);
    const shiftId = openShift(day);
    const v = await splitCharge(h, shiftId, 500, 500);
    h.gw.pay(v.codeUrl!);
    await until(h, () => lastView(h!, v.attemptId)?.status === 'paid');
    const cashSale = day.cash.sale({ lines: [{ name: 'Gum', quantity: 1, unitFen: 500 }], tenderedFen: 500 });
    expect(cashSale.ok).toBe(true);
    const ids = (q: { amountFen?: number; text?: string }) => listReceipts(h!.store.db, { limit: 50, mode: 'LIVE', ...q }).rows.map((r) => r.saleId);
    expect(ids({ amountFen: 1900 })).toEqual([v.saleId]);
    expect(ids({ amountFen: 1400 })).toEqual([v.saleId]);
    expect(ids({ amountFen: 500 })).toEqual([cashSale.ok ? cashSale.value.saleId : '']); // the plain cash sale only
    expect(ids({ text: v.outTradeNo })).toEqual([v.saleId]);
    expect(ids({}).sort()).toEqual([v.saleId, cashSale.ok ? cashSale.value.saleId : ''].sort());
    expect(listReceipts(h.store.db, { limit: 50, mode: 'LIVE', text: v.outTradeNo }).rows[0]?.split).toMatchObject({ saleTotalFen: 1900 });
    // two sales, one of them split: counted twice, not three times
    expect(xReport(h).total).toMatchObject({ count: 2, grossFen: 2400 });
    expect(xReport(h).cash).toMatchObject({ count: 2, grossFen: 1000 });
  });
});
