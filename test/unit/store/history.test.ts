// History queries against a seeded database, checked against a plain in-memory model: every filter,
// paging through every page, detail with refunds, day totals; LIVE and SANDBOX receipts interleaved in
// time, each mode reading only its own.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mode, ReceiptQuery, ReceiptStatus, ReceiptSummary } from '../../../src/common/api';
import {
  InvalidQueryError,
  MAX_PAGE_SIZE,
  dayTotals,
  getReceiptDetail,
  refundStatus,
  listReceipts,
  type Store,
} from '../../../src/core/store';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import type { QueryTuning } from '../../../src/core/store/history';
import { REFUND_STATES, refundStatusOf } from '../../../src/core/refunds/refund-states';
import { freshStore, tempDir, type TempDir } from './helpers';
import { suitePlan } from '../../support/sizes';

interface Row {
  id: string;
  sale_id: string;
  out_trade_no: string;
  transaction_id: string;
  total_fen: number;
  refunded_fen: number;
  paid_at: number;
  paid_after_cancel: number;
  mode: Mode;
}

const START = Date.UTC(2026, 0, 10, 1, 0, 0);
const N = 3000;
/** Sandbox receipts spread over the same days as the N LIVE ones. */
const N_SANDBOX = 400;

function statusOf(r: Row): ReceiptStatus {
  return r.refunded_fen === 0 ? 'PAID' : r.refunded_fen === r.total_fen ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

function model(rows: readonly Row[], q: Omit<ReceiptQuery, 'cursor' | 'limit'>): string[] {
  const text = q.text?.trim();
  const mode = q.mode ?? 'LIVE';
  return rows
    .filter((r) => r.mode === mode)
    .filter((r) => (q.fromMs === undefined || r.paid_at >= q.fromMs) && (q.toMs === undefined || r.paid_at < q.toMs))
    .filter((r) => q.amountFen === undefined || r.total_fen === q.amountFen)
    .filter((r) => !text || r.out_trade_no.startsWith(text) || r.transaction_id.startsWith(text))
    .filter((r) =>
      q.status === undefined ? true : q.status === 'PAID_AFTER_CANCEL' ? r.paid_after_cancel === 1 : statusOf(r) === q.status,
    )
    .sort((a, b) => b.paid_at - a.paid_at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.sale_id);
}

function walk(s: Store, q: Omit<ReceiptQuery, 'cursor'>, tuning: QueryTuning = {}): ReceiptSummary[] {
  const out: ReceiptSummary[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = listReceipts(s.db, { ...q, ...(cursor ? { cursor } : {}) }, tuning);
    expect(page.rows.length).toBeLessThanOrEqual(Math.min(q.limit, MAX_PAGE_SIZE));
    out.push(...page.rows);
    if (!page.nextCursor) return out;
    expect(page.rows.length).toBe(Math.min(q.limit, MAX_PAGE_SIZE));
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

describe('history queries', () => {
  let t: TempDir;
  let s: Store;
  let rows: Row[];
  let lastPaidAt: number;

  beforeAll(() => {
    t = tempDir();
    s = freshStore(t);
    const seeded = seedReceipts(s.db, { count: N, startMs: START, meanGapMs: 90_000, seed: 7 });
    lastPaidAt = seeded.lastPaidAt;
    seedReceipts(s.db, { count: N_SANDBOX, startMs: START + 30_000, meanGapMs: 90_000 * (N / N_SANDBOX), seed: 8, tillId: 'T02', mode: 'SANDBOX' });
    // Two receipts sharing a paid_at, so the id tie-break is exercised.
    s.db.prepare('UPDATE receipts SET paid_at = (SELECT paid_at FROM receipts WHERE id = ?) WHERE id = ?').run('R100', 'R101');
    rows = s.db.prepare('SELECT * FROM receipts').all() as Row[];
  });
  afterAll(() => {
    s.close();
    t.cleanup();
  });

  it('seeded data has every status', () => {
    const statuses = new Set(rows.map(statusOf));
    expect([...statuses].sort()).toEqual(['PAID', 'PARTIALLY_REFUNDED', 'REFUNDED']);
    expect(rows.some((r) => r.paid_after_cancel === 1)).toBe(true);
    expect(rows.filter((r) => r.mode === 'SANDBOX')).toHaveLength(N_SANDBOX);
  });

  it('unfiltered paging visits every receipt of the mode once, newest first (LIVE when no mode is given)', () => {
    const got = walk(s, { limit: 137 });
    expect(got.map((r) => r.saleId)).toEqual(model(rows, {}));
    expect(new Set(got.map((r) => r.saleId)).size).toBe(N);
    expect(walk(s, { limit: 137, mode: 'LIVE' })).toEqual(got);
    expect(got.every((r) => r.mode === 'LIVE')).toBe(true);
    const sandbox = walk(s, { limit: 137, mode: 'SANDBOX' });
    expect(sandbox.map((r) => r.saleId)).toEqual(model(rows, { mode: 'SANDBOX' }));
    expect(sandbox).toHaveLength(N_SANDBOX);
    expect(sandbox.every((r) => r.mode === 'SANDBOX')).toBe(true);
  });

  it("a receipt is found only in its own mode's history", () => {
    const sb = rows.find((x) => x.mode === 'SANDBOX')!;
    expect(listReceipts(s.db, { text: sb.out_trade_no, limit: 5 }).rows).toEqual([]);
    expect(listReceipts(s.db, { text: sb.transaction_id, limit: 5, mode: 'LIVE' }).rows).toEqual([]);
    expect(listReceipts(s.db, { text: sb.out_trade_no, limit: 5, mode: 'SANDBOX' }).rows).toEqual([
      expect.objectContaining({ saleId: sb.sale_id, mode: 'SANDBOX' }),
    ]);
    const live = rows.find((x) => x.mode === 'LIVE')!;
    expect(listReceipts(s.db, { text: live.out_trade_no, limit: 5, mode: 'SANDBOX' }).rows).toEqual([]);
    expect(() => listReceipts(s.db, { limit: 5, mode: 'TEST' as Mode })).toThrow(InvalidQueryError);
  });

  it('maps a row to ReceiptSummary', () => {
    const r = rows.find((x) => x.refunded_fen > 0 && x.refunded_fen < x.total_fen)!;
    const got = listReceipts(s.db, { text: r.out_trade_no, limit: 5 });
    expect(got).toEqual({
      rows: [
        {
          saleId: r.sale_id,
          outTradeNo: r.out_trade_no,
          transactionId: r.transaction_id,
          totalFen: r.total_fen,
          refundedFen: r.refunded_fen,
          status: 'PARTIALLY_REFUNDED',
          paidAt: r.paid_at,
          paidAfterCancel: false,
          mode: 'LIVE',
          kind: 'NATIVE', // issue 12: seeded receipts are Native payments
        },
      ],
      nextCursor: null,
    });
  });

  it('finds by exact transaction_id and by prefix', () => {
    const r = rows.filter((x) => x.mode === 'LIVE')[1234]!;
    expect(listReceipts(s.db, { text: r.transaction_id, limit: 50 }).rows.map((x) => x.saleId)).toEqual([r.sale_id]);
    expect(listReceipts(s.db, { text: ` ${r.out_trade_no} `, limit: 50 }).rows.map((x) => x.saleId)).toEqual([r.sale_id]);
    const prefix = r.transaction_id.slice(0, 18);
    expect(walk(s, { text: prefix, limit: 50 }).map((x) => x.saleId)).toEqual(model(rows, { text: prefix }));
  });

  it('text that cannot be an id matches nothing (and is not SQL)', () => {
    expect(listReceipts(s.db, { text: "' OR 1=1 --", limit: 50 })).toEqual({ rows: [], nextCursor: null });
    expect(listReceipts(s.db, { text: '%', limit: 50 })).toEqual({ rows: [], nextCursor: null });
  });

  it('caps the page size and rejects a forged cursor', () => {
    expect(listReceipts(s.db, { limit: 10_000 }).rows).toHaveLength(MAX_PAGE_SIZE);
    expect(listReceipts(s.db, { limit: 0 }).rows).toHaveLength(1);
    expect(() => listReceipts(s.db, { limit: 10, cursor: 'not-a-cursor' })).toThrow(InvalidQueryError);
    expect(() => listReceipts(s.db, { limit: 10, cursor: Buffer.from('[1.5,"x"]').toString('base64url') })).toThrow(InvalidQueryError);
  });

  it('every filter combination agrees with the model, on every text path (property)', () => {
    const { seed, size } = suitePlan(import.meta.url, { seedVar: 'FC_SEED', unit: 150, soak: 750 });
    const ids = rows.map((r) => r.out_trade_no);
    const txs = rows.map((r) => r.transaction_id);
    const amounts = [...new Set(rows.map((r) => r.total_fen))];
    const span = lastPaidAt - START;
    const query = fc.record(
      {
        text: fc.oneof(
          fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 23 })).map(([v, n]) => v.slice(0, n)),
          fc.tuple(fc.constantFrom(...txs), fc.integer({ min: 1, max: 28 })).map(([v, n]) => v.slice(0, n)),
          fc.constant('NOPE'),
        ),
        amountFen: fc.constantFrom(...amounts),
        fromMs: fc.integer({ min: START - 1000, max: START + span }),
        toMs: fc.integer({ min: START, max: START + span + 1000 }),
        status: fc.constantFrom<ReceiptStatus | 'PAID_AFTER_CANCEL'>('PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'PAID_AFTER_CANCEL'),
        mode: fc.constantFrom<Mode>('LIVE', 'SANDBOX'),
        limit: fc.integer({ min: 1, max: 250 }),
      },
      { requiredKeys: ['limit'] },
    );
    fc.assert(
      // default tuning (few matches: sorted), and tiny limits: many matches, list-order window first
      // (large window: usually fills the page; small window: falls back to the sorted matches).
      fc.property(query, fc.constantFrom<QueryTuning>({}, { textSortLimit: 20, textWindow: 2000 }, { textSortLimit: 20, textWindow: 30 }), (q, tuning) => {
        const got = walk(s, q, tuning).map((r) => r.saleId);
        expect(got).toEqual(model(rows, q));
      }),
      { seed, numRuns: size },
    );
  });

  it('receipt detail: lines, refunds, refundable amount', () => {
    const withRefunds = s.db
      .prepare("SELECT r.sale_id, r.id FROM receipts r WHERE r.mode = 'LIVE' AND EXISTS (SELECT 1 FROM refunds f WHERE f.receipt_id = r.id AND f.state = 'REFUNDCLOSE') LIMIT 1")
      .get() as { sale_id: string; id: string };
    // Add an open refund next to the closed one: it still holds its amount back.
    s.db
      .prepare(
        `INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at)
         VALUES ('Fopen', ?, 'RFopen', 100, 'damaged', 'M2', 'PROCESSING', 9e12, 9e12)`,
      )
      .run(withRefunds.id);
    const d = getReceiptDetail(s.db, withRefunds.sale_id, 'Cafe')!;
    const lines = s.db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no').all(withRefunds.sale_id) as {
      name: string; quantity: number; unit_fen: number; line_fen: number;
    }[];
    expect(d.receipt).toMatchObject({ saleId: withRefunds.sale_id, storeName: 'Cafe', tillId: 'T01', status: 'PAID', mode: 'LIVE' });
    expect(d.receipt.lines).toEqual(lines.map((l) => ({ name: l.name, quantity: l.quantity, unitFen: l.unit_fen, lineFen: l.line_fen })));
    expect(d.receipt.lines.reduce((a, l) => a + l.lineFen, 0)).toBe(d.receipt.totalFen);
    expect(d.refunds.map((f) => f.status)).toEqual(['closed', 'processing']);
    expect(d.refunds[1]).toMatchObject({ refundId: 'Fopen', outRefundNo: 'RFopen', amountFen: 100, reason: 'damaged', approver: 'M2', message: null });
    expect(d.refundableFen).toBe(d.receipt.totalFen - 100);
    expect(getReceiptDetail(s.db, 'no-such-sale', 'Cafe')).toBeNull();
    const sb = rows.find((x) => x.mode === 'SANDBOX')!;
    expect(getReceiptDetail(s.db, sb.sale_id, 'Cafe')!.receipt).toMatchObject({ saleId: sb.sale_id, tillId: 'T02', mode: 'SANDBOX' });
  });

  it('receipt detail of a fully refunded sale has nothing left to refund', () => {
    const r = rows.find((x) => x.refunded_fen === x.total_fen && x.mode === 'LIVE')!;
    const d = getReceiptDetail(s.db, r.sale_id, 'Cafe')!;
    expect(d.receipt.status).toBe('REFUNDED');
    expect(d.refunds.map((f) => f.status)).toEqual(['refunded']);
    expect(d.refundableFen).toBe(0);
  });

  it("refund states map through the engine's own table; an unknown state still holds money", () => {
    for (const st of REFUND_STATES) expect(refundStatus(st)).toBe(refundStatusOf(st));
    expect(refundStatus('SUCCESS')).toBe('refunded');
    expect(refundStatus('FROM_A_NEWER_ENGINE')).toBe('processing');
  });

  it("day totals: one mode's receipts paid in the window, and their refunds that succeeded in it", () => {
    const refunds = s.db
      .prepare('SELECT f.amount_fen, f.state, f.final_at, r.mode FROM refunds f JOIN receipts r ON r.id = f.receipt_id')
      .all() as { amount_fen: number; state: string; final_at: number | null; mode: Mode }[];
    let sandboxDays = 0;
    for (const mode of ['LIVE', 'SANDBOX'] as const) {
      for (let day = START - 86_400_000; day < lastPaidAt + 86_400_000; day += 86_400_000) {
        const end = day + 86_400_000;
        const paid = rows.filter((r) => r.mode === mode && r.paid_at >= day && r.paid_at < end);
        const paidFen = paid.reduce((a, r) => a + r.total_fen, 0);
        const refundedFen = refunds
          .filter((f) => f.mode === mode && f.state === 'SUCCESS' && f.final_at !== null && f.final_at >= day && f.final_at < end)
          .reduce((a, f) => a + f.amount_fen, 0);
        const want = { dayStartMs: day, count: paid.length, paidFen, refundedFen, netFen: paidFen - refundedFen };
        expect(dayTotals(s.db, day, end, mode)).toEqual(want);
        if (mode === 'LIVE') expect(dayTotals(s.db, day, end)).toEqual(want); // no mode: LIVE only
        if (mode === 'SANDBOX' && paid.length > 0) sandboxDays++;
      }
    }
    expect(sandboxDays).toBeGreaterThan(0); // the sandbox days overlap the LIVE ones, so mixing would show
  });
});
