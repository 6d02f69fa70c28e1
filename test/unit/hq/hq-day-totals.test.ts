// Issue 16.7 against a real PostgreSQL: hq_day_totals (HQ schema 3) always equals the aggregate of the raw
// receipts rows — after the migration's back-fill of receipts stored before it, and after replayed,
// duplicated and out-of-order batches and refunds that arrive as newer receipt snapshots (also before the
// receipt's first snapshot) — and the HQ page's day totals read it.
import { afterAll, describe, expect, it } from 'vitest';
import type { HqEvent } from '../../../src/common/hq-sync';
import { nextBatch } from '../../../src/core/sync/outbox-repo';
import { HQ_MIGRATIONS, migrateHq } from '../../../src/hq/db/migrate';
import { dayTotals } from '../../../src/hq/reports';
import { pgOrSkip } from '../../support/pg-server';
import { compareWithHq, enrolledTill, removeTempDirs, sell, startHq, type Hq, type Till } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

interface Sum { day: string; till: string; tender: string; n: number; paid: number; refunded: number }

/** The oracle: the day totals recomputed from the receipts rows themselves. */
async function fromReceipts(hq: Hq): Promise<Sum[]> {
  const r = await hq.pool.query(`SELECT beijing_day::text AS day, till_id AS till, tender, count(*)::int AS n, sum(total_fen)::bigint AS paid, sum(refunded_fen)::bigint AS refunded
      FROM receipts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
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
});
