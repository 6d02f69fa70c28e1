// Issue 13 point 1: cash sales are receipts like the others: History lists them (kind CASH) in list order
// among WeChat receipts, across pages; the receipt detail shows their lines and cash refunds; day totals
// count them; a refund asked from History for a cash sale is a cash refund by the signed-in manager.
import { afterEach, describe, expect, it } from 'vitest';
import type { ReceiptQuery, ReceiptSummary } from '../../../src/common/api';
import { ok } from '../../../src/common/result';
import { createPosApi, type HistoryQueries, type PosApiDeps } from '../../../src/core/api';
import { dayTotals, getReceiptDetail, listReceipts } from '../../../src/core/store';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { dayRig, T0, type DayRig } from './day-rig';

const tea = { name: 'Tea', quantity: 1, unitFen: 1234 };
const MIN = 60_000;
let rig: DayRig;
afterEach(() => rig?.close());

/** A rig with 30 seeded LIVE WeChat receipts from T0 − 40 min, an open shift, and cash sales at the given offsets. */
function rigWithCash(offsetsMin: readonly number[]): { rig: DayRig; cash: string[] } {
  const r = dayRig();
  seedReceipts(r.store.db, { count: 30, startMs: T0 - 40 * MIN, meanGapMs: MIN, seed: 7 });
  r.clock.set(T0 - 45 * MIN);
  expect(r.day.shifts.open({ floatFen: 10_000 }).ok).toBe(true);
  const cash = offsetsMin.map((m) => {
    r.clock.set(T0 + m * MIN);
    const s = r.day.cash.sale({ lines: [tea, { ...tea, quantity: 2 }], tenderedFen: 5000 });
    if (!s.ok) throw new Error(s.message);
    return s.value.saleId;
  });
  return { rig: r, cash };
}

function allPages(q: Omit<ReceiptQuery, 'limit'>, limit: number): ReceiptSummary[] {
  const out: ReceiptSummary[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = listReceipts(rig.store.db, { ...q, limit, ...(cursor === undefined ? {} : { cursor }) });
    out.push(...page.rows);
    if (page.nextCursor === null) return out;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('cash sales in History (issue 13.1)', () => {
  it('lists cash sales with tender CASH among WeChat receipts, newest first, across pages', () => {
    const made = rigWithCash([-38, -20, -20, -1, 5]);
    rig = made.rig;
    const wechat = rig.store.db.prepare("SELECT sale_id, paid_at, id FROM receipts WHERE mode = 'LIVE'").all() as { sale_id: string; paid_at: number; id: string }[];
    expect(wechat).toHaveLength(30);
    const rows = allPages({}, 4);
    expect(rows).toHaveLength(35);
    // strictly newest first, no row twice
    for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.paidAt).toBeGreaterThanOrEqual(rows[i]!.paidAt);
    expect(new Set(rows.map((r) => r.saleId)).size).toBe(35);
    const cashRows = rows.filter((r) => r.kind === 'CASH');
    expect(cashRows.map((r) => r.saleId).sort()).toEqual([...made.cash].sort());
    expect(cashRows[0]).toMatchObject({ kind: 'CASH', totalFen: 3702, refundedFen: 0, status: 'PAID', outTradeNo: '', transactionId: '', mode: 'LIVE', paidAfterCancel: false });
    expect(rows.filter((r) => r.kind !== 'CASH').map((r) => r.saleId).sort()).toEqual(wechat.map((w) => w.sale_id).sort());
    // the same rows on one page
    expect(listReceipts(rig.store.db, { limit: 200 }).rows.map((r) => r.saleId)).toEqual(rows.map((r) => r.saleId));
  });

  it('applies the filters to cash rows too: amount, dates, status; text (ids) and paid-after-cancel never match cash', () => {
    const made = rigWithCash([-30, -2]);
    rig = made.rig;
    const [older, newer] = made.cash as [string, string];
    const ids = (q: Omit<ReceiptQuery, 'limit'>): string[] => allPages(q, 50).filter((r) => r.kind === 'CASH').map((r) => r.saleId);
    expect(ids({ amountFen: 3702 })).toEqual([newer, older]);
    expect(ids({ amountFen: 3701 })).toEqual([]);
    expect(ids({ fromMs: T0 - 10 * MIN, toMs: T0 })).toEqual([newer]);
    expect(ids({ mode: 'SANDBOX' })).toEqual([]);
    expect(ids({ status: 'PAID_AFTER_CANCEL' })).toEqual([]);
    expect(ids({ text: newer })).toEqual([]);
    rig.clock.set(T0);
    expect(rig.day.cash.refund({ saleId: older, amountFen: 1000, reason: 'spilt', approver: 'boss', managerPin: '1234' }).ok).toBe(true);
    expect(rig.day.cash.refund({ saleId: newer, amountFen: 3702, reason: 'return', approver: 'boss', managerPin: '1234' }).ok).toBe(true);
    expect(ids({ status: 'PAID' })).toEqual([]);
    expect(ids({ status: 'PARTIALLY_REFUNDED' })).toEqual([older]);
    expect(ids({ status: 'REFUNDED' })).toEqual([newer]);
    const row = allPages({ status: 'PARTIALLY_REFUNDED' }, 50).find((r) => r.saleId === older);
    expect(row).toMatchObject({ refundedFen: 1000, status: 'PARTIALLY_REFUNDED', totalFen: 3702 });
  });

  it('shows a cash receipt in detail with its lines, cashier, tender and cash refunds', () => {
    const made = rigWithCash([-5]);
    rig = made.rig;
    const saleId = made.cash[0]!;
    rig.clock.set(T0);
    expect(rig.day.cash.refund({ saleId, amountFen: 500, reason: 'spilt', approver: 'boss', managerPin: '1234' }).ok).toBe(true);
    const d = getReceiptDetail(rig.store.db, saleId, 'Shop');
    expect(d).toMatchObject({
      receipt: { saleId, kind: 'CASH', totalFen: 3702, refundedFen: 500, status: 'PARTIALLY_REFUNDED', cashier: 'amy', tillId: 'T01', storeName: 'Shop', paidAt: T0 - 5 * MIN },
      refunds: [{ saleId, amountFen: 500, reason: 'spilt', approver: 'boss', status: 'refunded', createdAt: T0 }],
      refundableFen: 3202,
    });
    expect(d!.receipt.lines.map((l) => l.lineFen)).toEqual([1234, 2468]);
    expect(getReceiptDetail(rig.store.db, 'no-such-sale', 'Shop')).toBeNull();
  });

  it('counts cash sales and cash refunds in the day totals of their mode', () => {
    const made = rigWithCash([-5, 1]);
    rig = made.rig;
    const dayStart = T0 - 2 * 3_600_000;
    const dayEnd = dayStart + 86_400_000;
    const wechat = rig.store.db.prepare("SELECT count(*) AS n, sum(total_fen) AS fen FROM receipts WHERE mode = 'LIVE'").get() as { n: number; fen: number };
    const before = dayTotals(rig.store.db, dayStart, dayEnd, 'LIVE');
    expect(before.count).toBe(wechat.n + 2);
    expect(before.paidFen).toBe(wechat.fen + 2 * 3702);
    rig.clock.set(T0 + 2 * MIN);
    expect(rig.day.cash.refund({ saleId: made.cash[0]!, amountFen: 700, reason: 'x', approver: 'boss', managerPin: '1234' }).ok).toBe(true);
    const after = dayTotals(rig.store.db, dayStart, dayEnd, 'LIVE');
    expect(after.refundedFen).toBe(before.refundedFen + 700);
    expect(after.netFen).toBe(after.paidFen - after.refundedFen);
    expect(dayTotals(rig.store.db, dayStart, dayEnd, 'SANDBOX')).toMatchObject({ count: 0, paidFen: 0, refundedFen: 0 });
    // outside the window: not counted
    expect(dayTotals(rig.store.db, T0, dayEnd, 'LIVE').count).toBe(1 + (rig.store.db.prepare("SELECT count(*) AS n FROM receipts WHERE mode = 'LIVE' AND paid_at >= ?").get(T0) as { n: number }).n);
  });

  it('routes a refund asked from History for a cash sale to the cash refund, approved by the signed-in manager', async () => {
    const made = rigWithCash([-5]);
    rig = made.rig;
    const saleId = made.cash[0]!;
    const boss = { staffId: 'st_boss', name: 'boss', role: 'manager' } as const;
    const wechatRefunds: unknown[] = [];
    const history: HistoryQueries = {
      listReceipts: (q) => ok(listReceipts(rig.store.db, q)),
      getReceiptDetail: (id) => getReceiptDetail(rig.store.db, id, 'Shop'),
      dayTotals: (a, b) => dayTotals(rig.store.db, a, b),
    };
    const api = createPosApi({
      day: rig.day,
      history,
      engine: { requestRefund: async (i: unknown) => (wechatRefunds.push(i), ok(null)) },
      auth: {
        staff: { require: () => ok(boss), policy: () => ({ secondApprovalAboveFen: 1_000_000 }) },
        grants: { during: <T>(_who: unknown, run: (token: string) => T) => run('1234') },
        stamp: { during: <T>(_who: unknown, run: () => T) => run() },
      },
    } as unknown as PosApiDeps);
    const r = await api.requestRefund({ saleId, amountFen: 1200, reason: 'return' });
    expect(r).toMatchObject({ ok: true, value: { saleId, amountFen: 1200, approver: 'boss', status: 'refunded' } });
    expect(wechatRefunds).toEqual([]);
    const d = await api.getReceipt({ saleId });
    expect(d).toMatchObject({ ok: true, value: { receipt: { refundedFen: 1200 }, refundableFen: 2502 } });
    expect(await api.requestRefund({ saleId, amountFen: 2503, reason: 'too much' })).toMatchObject({ ok: false, code: 'REFUND_EXCEEDS_REFUNDABLE' });
  });
});
