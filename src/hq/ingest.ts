// Stores a validated batch in one PostgreSQL transaction: every row into till_events (ON CONFLICT DO
// NOTHING, so replays and duplicated batches change nothing), the newer snapshots into the projections,
// then the till's acked seq moves to the highest contiguous seq stored. The till row is locked first, so
// two batches of one till never interleave. Out-of-order batches are kept; the ack waits for the gap.
// Speed (issue 16.7, docs/hq.md "Ingest speed"): one statement per table per batch, the rows passed as one
// JSON text read by json_to_recordset (lazy parse; jsonb_to_recordset first builds the whole batch as
// jsonb), payloads kept as json text (HQ schema 3: building jsonb was most of the cost), named
// statements (parsed and planned once per connection), and a reservation is settled only where one
// exists (one query, not one per refund row).
import type pg from 'pg';
import type { HqAck, HqBatch, HqEvent } from '../common/hq-sync';
import { formatBeijingDate } from '../common/beijing-time';
import { refundEnded, settleIn } from './refund-authority';

export async function ingestBatch(pool: pg.Pool, batch: HqBatch, receivedAt: number): Promise<HqAck> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const t = await c.query<{ acked_seq: string }>({ name: 'hq-ingest-lock', text: 'SELECT acked_seq FROM tills WHERE id = $1 FOR UPDATE', values: [batch.tillId] });
    let acked = Number(t.rows[0]?.acked_seq ?? 0);
    const fresh = batch.events.filter((e) => e.seq > acked);
    if (fresh.length > 0) {
      const inserted = await insertEvents(c, batch.tillId, fresh);
      const newRows = fresh.filter((e) => inserted.has(e.seq));
      await project(c, batch.tillId, newRows);
    }
    acked = await advanceAck(c, batch.tillId, acked, fresh.length > 0, batch.sentAt - receivedAt);
    await c.query('COMMIT');
    return { ackedSeq: acked };
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** One multi-row INSERT; returns the seqs that were new (a replayed row is skipped, not overwritten). */
async function insertEvents(c: pg.PoolClient, tillId: string, events: readonly HqEvent[]): Promise<Set<number>> {
  const r = await c.query<{ seq: string }>({
    name: 'hq-ingest-events',
    text: `INSERT INTO till_events (till_id, seq, kind, ref, payload, created_at)
     SELECT $1, e.seq, e.kind, e.ref, e.payload, e.created_at
       FROM json_to_recordset($2::json) AS e(seq bigint, kind text, ref text, payload json, created_at bigint)
     ON CONFLICT (till_id, seq) DO NOTHING RETURNING seq`,
    values: [tillId, JSON.stringify(events.map((e) => ({ seq: e.seq, kind: e.kind, ref: e.ref, payload: e.payload, created_at: e.createdAt })))],
  });
  return new Set(r.rows.map((x) => Number(x.seq)));
}

/** Moves the till's ack to the highest contiguous seq stored and notes when it was seen, in one statement. */
async function advanceAck(c: pg.PoolClient, tillId: string, acked: number, stored: boolean, skewMs: number): Promise<number> {
  // gaps-and-islands: the run starting at acked+1 ends where seq - row_number() changes (only looked for
  // when this batch stored something new; otherwise the ack cannot have moved)
  const r = await c.query<{ acked_seq: string }>({
    name: 'hq-ingest-ack',
    text: `UPDATE tills SET last_seen_at = now(), clock_skew_ms = $4,
       acked_seq = CASE WHEN NOT $3::boolean THEN $2::bigint ELSE coalesce((SELECT max(seq) FROM (
         SELECT seq, seq - row_number() OVER (ORDER BY seq) AS grp FROM till_events WHERE till_id = $1 AND seq > $2
       ) s WHERE grp = $2), $2::bigint) END
     WHERE id = $1 RETURNING acked_seq`,
    values: [tillId, acked, stored, skewMs],
  });
  return Number(r.rows[0]?.acked_seq ?? acked);
}

async function project(c: pg.PoolClient, tillId: string, events: readonly HqEvent[]): Promise<void> {
  const receipts = latestPerRef(events.filter((e) => e.kind === 'receipt'));
  const refunds = latestPerRef(events.filter((e) => e.kind === 'refund'));
  const others = latestPerRef(events.filter((e) => e.kind !== 'receipt' && e.kind !== 'refund'), true);
  if (receipts.length > 0) {
    const rows = receipts.map((e) => {
      const p = e.payload;
      return {
        id: e.ref, seq: e.seq, sale_id: p.sale_id, out_trade_no: p.out_trade_no,
        tender: typeof p.tender === 'string' ? p.tender : typeof p.attempt_kind === 'string' ? p.attempt_kind : 'WECHAT',
        mode: typeof p.mode === 'string' ? p.mode : 'LIVE',
        transaction_id: typeof p.transaction_id === 'string' ? p.transaction_id : '', // a cash receipt has none
        total_fen: p.total_fen, refunded_fen: p.refunded_fen, paid_at: p.paid_at,
        beijing_day: formatBeijingDate(p.paid_at as number).replace(/^(\d{4})(\d\d)(\d\d)$/, '$1-$2-$3'),
      };
    });
    await c.query(named('hq-ingest-receipts',
      `INSERT INTO receipts (till_id, id, seq, sale_id, out_trade_no, transaction_id, tender, mode, total_fen, refunded_fen, paid_at, beijing_day, lines)
       SELECT $1, r.id, r.seq, r.sale_id, r.out_trade_no, r.transaction_id, r.tender, r.mode, r.total_fen, r.refunded_fen, r.paid_at, r.beijing_day,
              (e.payload -> 'sale' -> 'lines')::jsonb -- the lines from the event just stored: not sent twice
         FROM json_to_recordset($2::json) AS r(id text, seq bigint, sale_id text, out_trade_no text, transaction_id text, tender text, mode text,
              total_fen bigint, refunded_fen bigint, paid_at bigint, beijing_day date)
         JOIN till_events e ON e.till_id = $1 AND e.seq = r.seq
       ON CONFLICT (till_id, id) DO UPDATE SET seq = excluded.seq, refunded_fen = excluded.refunded_fen WHERE receipts.seq < excluded.seq`,
      [tillId, JSON.stringify(rows)],
    ));
    await c.query(named('hq-ingest-balances',
      `INSERT INTO payment_balances (out_trade_no, till_id, total_fen)
       SELECT r.out_trade_no, $1, r.total_fen FROM json_to_recordset($2::json) AS r(out_trade_no text, total_fen bigint)
       ON CONFLICT (out_trade_no) DO NOTHING`,
      [tillId, JSON.stringify(rows.map((r) => ({ out_trade_no: r.out_trade_no, total_fen: r.total_fen })))],
    ));
  }
  if (refunds.length > 0) {
    const rows = refunds.map((e) => ({
      id: e.ref, seq: e.seq, receipt_id: String(e.payload.receipt_id), out_refund_no: String(e.payload.out_refund_no),
      amount_fen: e.payload.amount_fen, state: String(e.payload.state), created_at: e.payload.created_at,
    }));
    await c.query(named('hq-ingest-refunds',
      `INSERT INTO refunds (till_id, id, seq, receipt_id, out_refund_no, amount_fen, state, created_at)
       SELECT $1, r.id, r.seq, r.receipt_id, r.out_refund_no, r.amount_fen, r.state, r.created_at
         FROM json_to_recordset($2::json) AS r(id text, seq bigint, receipt_id text, out_refund_no text, amount_fen bigint, state text, created_at bigint)
       ON CONFLICT (till_id, id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE refunds.seq < excluded.seq`,
      [tillId, JSON.stringify(rows)],
    ));
    // A refund HQ reserved for this till has ended: settle the reservation (a repeat changes nothing).
    // settleIn does nothing where this till holds no open reservation, so it is called only where one is:
    // RESERVED, or EXPIRED (issue 16.4: a late SUCCESS after expiry still counts, the money left WeChat).
    const ended = rows.filter((r) => refundEnded(String(r.state)) !== null);
    const open = ended.length === 0 ? [] : (await c.query<{ out_refund_no: string }>(named('hq-ingest-open-reservations',
      "SELECT out_refund_no FROM refund_reservations WHERE out_refund_no = ANY($2::text[]) AND till_id = $1 AND state IN ('RESERVED', 'EXPIRED')",
      [tillId, ended.map((r) => String(r.out_refund_no))],
    ))).rows.map((x) => x.out_refund_no);
    for (const r of ended) {
      if (open.includes(String(r.out_refund_no))) await settleIn(c, tillId, String(r.out_refund_no), refundEnded(String(r.state)) === 'refunded');
    }
    // Refunds this till made of its own sales without HQ (no reservation): they count against the balance.
    await c.query(named('hq-ingest-local-refunded',
      `UPDATE payment_balances b SET local_refunded_fen = s.fen
         FROM (SELECT r.out_trade_no, coalesce(sum(f.amount_fen) FILTER (WHERE f.state NOT IN ('FAILED','REFUNDCLOSE','NOT_ACCEPTED')
                 AND NOT EXISTS (SELECT 1 FROM refund_reservations v WHERE v.out_refund_no = f.out_refund_no)), 0) AS fen
                 FROM receipts r JOIN refunds f ON f.till_id = r.till_id AND f.receipt_id = r.id
                WHERE r.till_id = $1 AND r.id = ANY($2::text[]) GROUP BY r.out_trade_no) s
        WHERE b.out_trade_no = s.out_trade_no`,
      [tillId, [...new Set(rows.map((r) => String(r.receipt_id)))]],
    ));
  }
  if (others.length > 0) {
    // copied from the till_events rows this batch just stored: the payloads are not sent or parsed again
    await c.query(named('hq-ingest-till-rows',
      `INSERT INTO till_rows (till_id, kind, ref, seq, payload)
       SELECT e.till_id, e.kind, e.ref, e.seq, e.payload FROM till_events e WHERE e.till_id = $1 AND e.seq = ANY($2::bigint[])
       ON CONFLICT (till_id, kind, ref) DO UPDATE SET seq = excluded.seq, payload = excluded.payload WHERE till_rows.seq < excluded.seq`,
      [tillId, others.map((e) => e.seq)],
    ));
  }
}

/** A named statement: PostgreSQL parses and plans it once per connection. */
const named = (name: string, text: string, values: unknown[]): pg.QueryConfig => ({ name, text, values });

/** Within one statement a key may appear once: keep the newest snapshot of each row. */
function latestPerRef(events: readonly HqEvent[], byKind = false): HqEvent[] {
  const m = new Map<string, HqEvent>();
  for (const e of events) {
    const k = byKind ? `${e.kind}\u0000${e.ref}` : e.ref;
    const cur = m.get(k);
    if (!cur || cur.seq < e.seq) m.set(k, e);
  }
  return [...m.values()];
}

export async function logRefusal(pool: pg.Pool, tillId: string | null, reason: string, detail: string): Promise<void> {
  await pool.query('INSERT INTO ingest_refusals (till_id, reason, detail) VALUES ($1, $2, $3)', [tillId, reason, detail.slice(0, 2000)]);
}
