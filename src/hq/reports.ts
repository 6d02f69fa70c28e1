// What the head-office page reads: history across tills, day totals per till and tender, Z reports,
// reconciliation rows, refusals and each till's sync state. All read-only SQL over the projections.
import type pg from 'pg';

export interface HistoryRow {
  tillId: string; tillName: string; id: string; outTradeNo: string; transactionId: string; tender: string;
  totalFen: number; refundedFen: number; paidAt: number;
}

/**
 * Newest first; q matches the tail (or the whole) of out_trade_no or transaction_id, like the till's search.
 * refundedFen is the truth across tills: the paying till's own refunds (its receipt snapshot) and those made
 * at other tills (HQ schema 5, foreign_refunded_fen).
 */
export async function history(pool: pg.Pool, q: string, limit = 50): Promise<HistoryRow[]> {
  const tail = q.trim();
  const r = await pool.query(
    `SELECT r.till_id, t.name, r.id, r.out_trade_no, r.transaction_id, r.tender, r.total_fen, r.refunded_fen + r.foreign_refunded_fen AS refunded_fen, r.paid_at
       FROM receipts r JOIN tills t ON t.id = r.till_id
      WHERE ($1 = '' OR reverse(r.out_trade_no) LIKE reverse($1) || '%' OR r.transaction_id LIKE '%' || $1)
      ORDER BY r.paid_at DESC LIMIT $2`,
    [tail.replace(/[%_\\]/g, ''), Math.min(Math.max(1, limit), 500)],
  );
  return r.rows.map((x) => ({
    tillId: x.till_id, tillName: x.name, id: x.id, outTradeNo: x.out_trade_no, transactionId: x.transaction_id, tender: x.tender,
    totalFen: Number(x.total_fen), refundedFen: Number(x.refunded_fen), paidAt: Number(x.paid_at),
  }));
}

export interface DayTotal { tillId: string; tillName: string; tender: string; count: number; paidFen: number; refundedFen: number }

/**
 * One Beijing day (yyyy-MM-dd): a primary-key range read of hq_day_totals (HQ schema 3), which triggers on
 * receipts keep equal to the per-day aggregate of receipts (count, paid, refunded of the receipts paid that
 * day; refunded includes refunds made at other tills, HQ schema 5), so the page costs the same over 10M receipts as over 10.
 */
export async function dayTotals(pool: pg.Pool, day: string): Promise<DayTotal[]> {
  const r = await pool.query({
    name: 'hq-day-totals',
    text: `SELECT d.till_id, t.name, d.tender, d.receipts AS n, d.paid_fen AS paid, d.refunded_fen AS refunded
       FROM hq_day_totals d JOIN tills t ON t.id = d.till_id
      WHERE d.beijing_day = $1::date AND d.receipts > 0 ORDER BY t.name, d.tender`,
    values: [day],
  });
  return r.rows.map((x) => ({ tillId: x.till_id, tillName: x.name, tender: x.tender, count: Number(x.n), paidFen: Number(x.paid), refundedFen: Number(x.refunded) }));
}

/** Rows of a synced kind (z_report, reconcile_result, shift, audit ...), newest first. */
export async function rowsOfKind(pool: pg.Pool, kind: string, limit = 100): Promise<{ tillId: string; tillName: string; ref: string; payload: unknown }[]> {
  const r = await pool.query(
    `SELECT r.till_id, t.name, r.ref, r.payload FROM till_rows r JOIN tills t ON t.id = r.till_id WHERE r.kind = $1 ORDER BY r.seq DESC LIMIT $2`,
    [kind, limit],
  );
  return r.rows.map((x) => ({ tillId: x.till_id, tillName: x.name, ref: x.ref, payload: x.payload }));
}

export interface TillSync { id: string; name: string; revoked: boolean; ackedSeq: number; lastSeenAt: string | null; clockSkewMs: number | null }

export async function tillsSync(pool: pg.Pool): Promise<TillSync[]> {
  const r = await pool.query('SELECT id, name, revoked_at, acked_seq, last_seen_at, clock_skew_ms FROM tills ORDER BY name, id');
  return r.rows.map((x) => ({
    id: x.id, name: x.name, revoked: x.revoked_at !== null, ackedSeq: Number(x.acked_seq),
    lastSeenAt: x.last_seen_at ? new Date(x.last_seen_at).toISOString() : null, clockSkewMs: x.clock_skew_ms === null ? null : Number(x.clock_skew_ms),
  }));
}

export async function refusals(pool: pg.Pool, limit = 50): Promise<{ tillId: string | null; reason: string; detail: string; at: string }[]> {
  const r = await pool.query('SELECT till_id, reason, detail, at FROM ingest_refusals ORDER BY id DESC LIMIT $1', [limit]);
  return r.rows.map((x) => ({ tillId: x.till_id, reason: x.reason, detail: x.detail, at: new Date(x.at).toISOString() }));
}
