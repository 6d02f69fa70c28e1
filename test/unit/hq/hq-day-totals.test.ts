// Issue 16.7 against a real PostgreSQL: hq_day_totals (HQ schema 3) always equals the aggregate of the raw
// receipts rows — after the migration's back-fill of receipts stored before it, and after replayed,
// duplicated and out-of-order batches and refunds that arrive as newer receipt snapshots (also before the
// receipt's first snapshot) — and the HQ page's day totals read it.
import { afterAll, describe, expect, it } from 'vitest';
import type { HqEvent } from '../../../src/common/hq-sync';
import { nextBatch } from '../../../src/core/sync/outbox-repo';
import { HQ_MIGRATIONS, migrateHq } from '../../../src/hq/db/migrate';
import { dayTotals } from '../../../src/hq/reports';
import { reserveRefund, settleRefund } from '../../../src/hq/refund-authority';
import { pgOrSkip } from '../../support/pg-server';
import { compareWithHq, enrolledTill, removeTempDirs, sell, startHq, type Hq, type Till } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

interface Sum { day: string; till: string; tender: string; n: number; paid: number; refunded: number }

/**
 * The oracle: the day totals recomputed from the receipts rows themselves, plus (HQ schema 5) the refunds
 * other tills made of each receipt's payment, taken from refund_reservations (settled REFUNDED by a till
 * other than the paying one), not from the column the trigger keeps.
 */
async function fromReceipts(hq: Hq): Promise<Sum[]> {
  const r = await hq.pool.query(`SELECT beijing_day::text AS day, till_id AS till, tender, count(*)::int AS n, sum(total_fen)::bigint AS paid,
        sum(refunded_fen + (SELECT coalesce(sum(v.amount_fen), 0) FROM refund_reservations v
                             WHERE v.out_trade_no = r.out_trade_no AND v.state = 'REFUNDED' AND v.till_id <> r.till_id))::bigint AS refunded
      FROM receipts r GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  return r.rows.map((x) => ({ ...x, paid: Number(x.paid), refunded: Number(x.refunded) }));
}

async function fromTable(hq: Hq): Promise<Sum[]> {
  const r = await hq.pool.query(`SELECT beijing_day::text AS day, till_id AS till, tender, receipts::int AS n, paid_fen AS paid, refunded_fen AS refunded
      FROM hq_day_totals WHERE receipts > 0 ORDER BY 1, 2, 3`);
  return r.rows.map((x) => ({ ...x, paid: Number(x.paid), refunded: Number(x.refunded) }));
}

async function expectTotalsMatch(hq: Hq): Promise<Sum[]> {
  const want = await fromReceipts(hq);
  expect(want.length).toBeGreaterThan(0);
  expect(await fromTable(hq)).toEqual(want);
  return want;
}

/** A refund that succeeded on the till: the refund row and the receipt's refunded_fen, in one transaction. */
function refundOnTill(till: Till, tag: string, fen: number): string {
  const r = till.db.prepare('SELECT id FROM receipts WHERE refunded_fen + ? <= total_fen ORDER BY id LIMIT 1').get(fen) as { id: string };
  till.db.transaction(() => {
    till.db.prepare("INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'M1', 'PENDING', 1, 1)").run(`F-${tag}`, r.id, `RF-${tag}`, fen);
  })();
  till.db.transaction(() => {
    till.db.prepare("UPDATE refunds SET state = 'SUCCESS', final_at = 2 WHERE id = ?").run(`F-${tag}`);
    till.db.prepare('UPDATE receipts SET refunded_fen = refunded_fen + ? WHERE id = ?').run(fen, r.id);
  })();
  return r.id;
}

async function post(till: Till, evs: readonly HqEvent[]): Promise<number> {
  const r = await till.transport.post('/api/sync', { tillId: till.tillId, sentAt: Date.now(), events: evs }, till.token);
  expect(r.status).toBe(200);
  return (r.body as { ackedSeq: number }).ackedSeq;
}

describe.skipIf(!pgs)('day totals table (HQ schema 3) on PostgreSQL', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('equals the recomputation from receipts after replays, duplicates, out-of-order batches and refunds', async () => {
    const hq = await startHq(pgs!);
    const [a, b] = await Promise.all([enrolledTill(hq, 'counter-1'), enrolledTill(hq, 'counter-2')]);
    try {
      sell(a, 120);
      sell(b, 80);
      const r1 = refundOnTill(a, 'a1', 100); // a newer snapshot of a receipt, in the same outbox
      const all = nextBatch(a.db, 10_000);
      const thirds = [all.slice(0, 90), all.slice(90, 180), all.slice(180)];
      // newest first: the refunded snapshot of r1 reaches HQ before r1's first snapshot
      expect(await post(a, thirds[2]!)).toBe(0);
      expect(await post(a, thirds[1]!)).toBe(0);
      await expectTotalsMatch(hq);
      expect(await post(a, thirds[0]!)).toBe(all[all.length - 1]!.seq);
      expect(await post(a, thirds[0]!)).toBe(all[all.length - 1]!.seq); // a replay
      expect(await post(a, thirds[2]!)).toBe(all[all.length - 1]!.seq); // a duplicate
      expect(await Promise.all([a.pusher.drain(), b.pusher.drain()])).toEqual([true, true]);
      const before = await expectTotalsMatch(hq);
      const hqR1 = (await hq.pool.query('SELECT refunded_fen FROM receipts WHERE till_id = $1 AND id = $2', [a.tillId, r1])).rows[0];
      expect(Number(hqR1.refunded_fen)).toBe((a.db.prepare('SELECT refunded_fen FROM receipts WHERE id = ?').get(r1) as { refunded_fen: number }).refunded_fen);

      // a later refund travels as a newer snapshot and moves the refunded total of its day, once
      const late = nextBatch(a.db, 10).length;
      expect(late).toBe(0);
      refundOnTill(a, 'a2', 50);
      refundOnTill(b, 'b1', 70);
      const pending = nextBatch(a.db, 100);
      expect(await Promise.all([a.pusher.drain(), b.pusher.drain()])).toEqual([true, true]);
      await post(a, pending); // the same refund again
      await post(a, thirds[0]!); // and the receipts' first snapshots again
      const after = await expectTotalsMatch(hq);
      const refunded = (xs: Sum[]): number => xs.reduce((s, x) => s + x.refunded, 0);
      expect(refunded(after) - refunded(before)).toBe(50 + 70);
      expect(after.reduce((s, x) => s + x.n, 0)).toBe(200);
      for (const t of [a, b]) expect((await compareWithHq(hq, t)).different).toEqual([]);
      // the receipts' lines at HQ (copied from the stored event, not sent twice) are the sale's lines
      const hqLines = (await hq.pool.query('SELECT lines FROM receipts WHERE till_id = $1 AND id = $2', [a.tillId, r1])).rows[0].lines as { quantity: number; unit_fen: number; line_fen: number }[];
      const tillLines = a.db.prepare('SELECT l.quantity, l.unit_fen, l.line_fen FROM sale_lines l JOIN receipts r ON r.sale_id = l.sale_id WHERE r.id = ? ORDER BY l.line_no').all(r1);
      expect(hqLines.map((l) => ({ quantity: l.quantity, unit_fen: l.unit_fen, line_fen: l.line_fen }))).toEqual(tillLines);

      // the page's day totals are the table's rows of that day, with the till's name
      for (const day of [...new Set(after.map((x) => x.day))]) {
        const page = await dayTotals(hq.pool, day);
        expect(page.map((p) => ({ day, till: p.tillId, tender: p.tender, n: p.count, paid: p.paidFen, refunded: p.refundedFen })))
          .toEqual(after.filter((x) => x.day === day).sort((x, y) => (x.till === y.till ? x.tender.localeCompare(y.tender) : (x.till === a.tillId ? -1 : 1))));
        expect(page.every((p) => p.tillName === (p.tillId === a.tillId ? 'counter-1' : 'counter-2'))).toBe(true);
      }

      // a receipt removed at HQ (by hand) leaves the totals too
      await hq.pool.query('DELETE FROM receipts WHERE till_id = $1 AND id = $2', [b.tillId, 'R1']);
      await expectTotalsMatch(hq);
    } finally {
      await a.close();
      await b.close();
      await hq.close();
    }
  });

  it('the migration back-fills the receipts stored before it, and ingest keeps the table exact afterwards', async () => {
    const hq = await startHq(pgs!, undefined, HQ_MIGRATIONS.slice(0, 2));
    const till = await enrolledTill(hq, 'counter-1');
    try {
      sell(till, 100);
      refundOnTill(till, 'old', 30);
      expect(await till.pusher.drain()).toBe(true);
      expect(await migrateHq(hq.pool)).toEqual({ from: 2, to: HQ_MIGRATIONS.length });
      const backfilled = await expectTotalsMatch(hq);
      expect(backfilled.reduce((s, x) => s + x.n, 0)).toBe(100);
      sell(till, 60);
      refundOnTill(till, 'new', 40);
      const again = nextBatch(till.db, 10_000);
      expect(await till.pusher.drain()).toBe(true);
      await post(till, again); // replayed after the ack: nothing counts twice
      const now = await expectTotalsMatch(hq);
      expect(now.reduce((s, x) => s + x.n, 0)).toBe(160);
    } finally {
      await till.close();
      await hq.close();
    }
  });
  // --- cross-till refunds counted at HQ (i16-hqrefunds): HQ schema 5 back-fills refunds another till made
  it('schema 5 back-fills the refunds another till made (settled before it) into the paying receipt and the day totals, once', async () => {
    const hq = await startHq(pgs!, undefined, HQ_MIGRATIONS.slice(0, 4));
    const [a, b] = await Promise.all([enrolledTill(hq, 'counter-1'), enrolledTill(hq, 'counter-2')]);
    try {
      sell(a, 20);
      expect(await a.pusher.drain()).toBe(true);
      const pay = (await hq.pool.query('SELECT out_trade_no, total_fen FROM receipts WHERE till_id = $1 ORDER BY id LIMIT 2', [a.tillId])).rows as { out_trade_no: string; total_fen: string }[];
      const [p1, p2] = [pay[0]!.out_trade_no, pay[1]!.out_trade_no];
      // counter 2 refunds 40 of p1 (settled), and 30 of p2 that failed (released): only the 40 counts
      expect(await reserveRefund(hq.pool, b.tillId, { outTradeNo: p1, outRefundNo: 'X-1', amountFen: 40 })).toMatchObject({ ok: true });
      expect(await settleRefund(hq.pool, b.tillId, { outRefundNo: 'X-1', refunded: true })).toMatchObject({ ok: true });
      expect(await reserveRefund(hq.pool, b.tillId, { outTradeNo: p2, outRefundNo: 'X-2', amountFen: 30 })).toMatchObject({ ok: true });
      expect(await settleRefund(hq.pool, b.tillId, { outRefundNo: 'X-2', refunded: false })).toMatchObject({ ok: true });
      const refunded = (xs: Sum[]): number => xs.reduce((s, x) => s + x.refunded, 0);
      const at4 = refunded(await fromTable(hq));

      expect(await migrateHq(hq.pool)).toEqual({ from: 4, to: HQ_MIGRATIONS.length });
      const back = await expectTotalsMatch(hq);
      expect(refunded(back)).toBe(at4 + 40);
      const r1 = (await hq.pool.query('SELECT refunded_fen, foreign_refunded_fen FROM receipts WHERE out_trade_no = $1', [p1])).rows[0];
      expect([Number(r1.refunded_fen), Number(r1.foreign_refunded_fen)]).toEqual([0, 40]);

      // after the migration the trigger keeps it: a repeated settle changes nothing, a new one counts once
      expect(await settleRefund(hq.pool, b.tillId, { outRefundNo: 'X-1', refunded: true })).toMatchObject({ ok: true });
      expect(await reserveRefund(hq.pool, b.tillId, { outTradeNo: p2, outRefundNo: 'X-3', amountFen: 25 })).toMatchObject({ ok: true });
      expect(refunded(await expectTotalsMatch(hq))).toBe(at4 + 40); // reserved is not refunded
      expect(await settleRefund(hq.pool, b.tillId, { outRefundNo: 'X-3', refunded: true })).toMatchObject({ ok: true });
      expect(await settleRefund(hq.pool, b.tillId, { outRefundNo: 'X-3', refunded: true })).toMatchObject({ ok: true });
      expect(refunded(await expectTotalsMatch(hq))).toBe(at4 + 40 + 25);
      // the paying till's newer snapshots (its own refunds) keep the foreign part; a replay of its outbox changes nothing
      sell(a, 5);
      const again = nextBatch(a.db, 10_000);
      expect(await a.pusher.drain()).toBe(true);
      await post(a, again);
      const tillRefunded = (a.db.prepare('SELECT sum(refunded_fen) AS s FROM receipts').get() as { s: number }).s;
      expect(refunded(await expectTotalsMatch(hq))).toBe(tillRefunded + 40 + 25);
      const foreign = (await hq.pool.query('SELECT sum(foreign_refunded_fen)::int AS s FROM receipts')).rows[0].s;
      expect(foreign).toBe(40 + 25);
    } finally {
      await a.close();
      await b.close();
      await hq.close();
    }
  });
});
