// Cross-till refunds: HQ holds what is still refundable per payment and reserves an amount in one
// transaction under a row lock (SELECT ... FOR UPDATE) before the refunding till calls WeChat, so two
// tills refunding the same payment at once can never exceed what was paid. The till reports the result;
// the reservation is settled (REFUNDED) or released. Both calls are idempotent on out_refund_no.
import type pg from 'pg';
import type { HqRefusal, HqReserveAnswer, HqReserveRequest, HqSettleRequest } from '../common/hq-sync';
import { isFen } from '../common/money';
import { fail, ok, type Result } from '../common/result';

/**
 * How long a reservation holds its amount before the next reservation of the same payment may release it
 * (issue 16.4). Longer than any refund stays open at a till: the till ends a refund WeChat never accepted
 * after an hour (core/refunds/refund-end-rule.ts), and an accepted one is final in at most 3 working days
 * (a bank card), so 7 days. Configurable (HQ_RESERVATION_TTL_HOURS).
 */
export const DEFAULT_RESERVATION_TTL_MS = 7 * 24 * 3_600_000;

export interface ReserveOptions {
  readonly ttlMs?: number;
}

export async function reserveRefund(pool: pg.Pool, tillId: string, req: HqReserveRequest, opts: ReserveOptions = {}): Promise<Result<HqReserveAnswer, HqRefusal>> {
  const ttlMs = opts.ttlMs ?? DEFAULT_RESERVATION_TTL_MS;
  if (!isFen(req.amountFen) || req.amountFen <= 0) return fail({ code: 'BAD_BATCH', message: '退款金额无效 / refund amount must be a positive number of fen' });
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const b = await c.query<{ total_fen: string; refunded_fen: string; reserved_fen: string; local_refunded_fen: string }>(
      'SELECT total_fen, refunded_fen, reserved_fen, local_refunded_fen FROM payment_balances WHERE out_trade_no = $1 FOR UPDATE',
      [req.outTradeNo],
    );
    let row = b.rows[0];
    if (!row) {
      await c.query('ROLLBACK');
      return fail({ code: 'NOT_FOUND', message: '总部没有这笔付款 / head office does not know this payment (not synced yet?)' });
    }
    // --- issue 16.4: reservations of this payment past their expiry give their amount back, under this row lock
    const freed = await expireIn(c, req.outTradeNo);
    if (freed > 0) row = { ...row, reserved_fen: String(Number(row.reserved_fen) - freed) };
    const prior = await c.query<{ amount_fen: string; state: string; out_trade_no: string }>(
      'SELECT amount_fen, state, out_trade_no FROM refund_reservations WHERE out_refund_no = $1',
      [req.outRefundNo],
    );
    const refundable = Number(row.total_fen) - Number(row.refunded_fen) - Number(row.reserved_fen) - Number(row.local_refunded_fen);
    const p = prior.rows[0];
    if (p) {
      await c.query('ROLLBACK');
      if (p.out_trade_no === req.outTradeNo && Number(p.amount_fen) === req.amountFen && (p.state === 'RESERVED' || p.state === 'REFUNDED')) return ok({ refundableFen: refundable + req.amountFen });
      return fail({ code: 'NOT_REFUNDABLE', message: '退款单号已用于其他退款 / this out_refund_no was used for another refund' });
    }
    if (req.amountFen > refundable) {
      await c.query('ROLLBACK');
      return fail({ code: 'NOT_REFUNDABLE', message: `最多还能退 ${refundable} 分 / at most ${refundable} fen can still be refunded` });
    }
    await c.query('UPDATE payment_balances SET reserved_fen = reserved_fen + $2 WHERE out_trade_no = $1', [req.outTradeNo, req.amountFen]);
    await c.query(
      "INSERT INTO refund_reservations (out_refund_no, out_trade_no, till_id, amount_fen, state, expires_at) VALUES ($1, $2, $3, $4, 'RESERVED', now() + make_interval(secs => $5::double precision / 1000))",
      [req.outRefundNo, req.outTradeNo, tillId, req.amountFen, ttlMs],
    );
    await c.query('COMMIT');
    return ok({ refundableFen: refundable });
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

export async function settleRefund(pool: pg.Pool, tillId: string, req: HqSettleRequest): Promise<Result<{ state: string; late?: boolean }, HqRefusal>> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const r = await settleIn(c, tillId, req.outRefundNo, req.refunded);
    await c.query(r.ok ? 'COMMIT' : 'ROLLBACK');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/**
 * Settles one reservation inside the caller's transaction (also used when a refund's final state arrives by
 * the outbox). Locks the payment's balance row before the reservation, in the same order as reserve, so a
 * settle and a reservation of the same payment never deadlock.
 */
export async function settleIn(c: pg.PoolClient, tillId: string, outRefundNo: string, refunded: boolean): Promise<Result<{ state: string; late?: boolean }, HqRefusal>> {
  const which = await c.query<{ out_trade_no: string }>('SELECT out_trade_no FROM refund_reservations WHERE out_refund_no = $1', [outRefundNo]);
  const tradeNo = which.rows[0]?.out_trade_no;
  if (tradeNo !== undefined) await c.query('SELECT 1 FROM payment_balances WHERE out_trade_no = $1 FOR UPDATE', [tradeNo]);
  const r = await c.query<{ out_trade_no: string; amount_fen: string; state: string; till_id: string }>(
    'SELECT out_trade_no, amount_fen, state, till_id FROM refund_reservations WHERE out_refund_no = $1 FOR UPDATE',
    [outRefundNo],
  );
  const v = r.rows[0];
  if (!v || v.till_id !== tillId) return fail({ code: 'NOT_FOUND', message: '没有这笔预留 / no reservation with this out_refund_no for this till' });
  if (v.state === 'EXPIRED') {
    // --- issue 16.4: the reservation expired (its amount was already given back). A late SUCCESS still
    // counts: the money left WeChat. expired_at stays on the row: the flag the owner sees.
    if (!refunded) {
      await c.query("UPDATE refund_reservations SET state = 'RELEASED', settled_at = now() WHERE out_refund_no = $1", [outRefundNo]);
      return ok({ state: 'RELEASED', late: true });
    }
    await c.query('UPDATE payment_balances SET refunded_fen = refunded_fen + $2 WHERE out_trade_no = $1', [v.out_trade_no, Number(v.amount_fen)]);
    await c.query("UPDATE refund_reservations SET state = 'REFUNDED', settled_at = now() WHERE out_refund_no = $1", [outRefundNo]);
    return ok({ state: 'REFUNDED', late: true });
  }
  if (v.state !== 'RESERVED') return ok({ state: v.state }); // already settled: a repeated report changes nothing
  const to = refunded ? 'REFUNDED' : 'RELEASED';
  await c.query(
    'UPDATE payment_balances SET reserved_fen = reserved_fen - $2, refunded_fen = refunded_fen + CASE WHEN $3 THEN $2 ELSE 0 END WHERE out_trade_no = $1',
    [v.out_trade_no, Number(v.amount_fen), refunded],
  );
  await c.query('UPDATE refund_reservations SET state = $2, settled_at = now() WHERE out_refund_no = $1', [outRefundNo, to]);
  return ok({ state: to });
}

/**
 * Issue 16.4: every RESERVED reservation of one payment past its expires_at becomes EXPIRED and its amount
 * leaves reserved_fen. The caller holds the payment's row lock. Returns the fen released.
 */
export async function expireIn(c: pg.PoolClient, outTradeNo: string): Promise<number> {
  const r = await c.query<{ fen: string | null }>(
    `WITH x AS (UPDATE refund_reservations SET state = 'EXPIRED', expired_at = now()
                 WHERE out_trade_no = $1 AND state = 'RESERVED' AND expires_at <= now() RETURNING amount_fen)
     SELECT sum(amount_fen) AS fen FROM x`,
    [outTradeNo],
  );
  const fen = Number(r.rows[0]?.fen ?? 0);
  if (fen > 0) await c.query('UPDATE payment_balances SET reserved_fen = reserved_fen - $2 WHERE out_trade_no = $1', [outTradeNo, fen]);
  return fen;
}

/** Reservations settled after they expired (a late SUCCESS counted, or a late failure): for the owner to check. */
export async function lateSettlements(pool: pg.Pool): Promise<{ outRefundNo: string; outTradeNo: string; tillId: string; amountFen: number; state: string; expiredAt: string; settledAt: string | null }[]> {
  const r = await pool.query<{ out_refund_no: string; out_trade_no: string; till_id: string; amount_fen: string; state: string; expired_at: Date; settled_at: Date | null }>(
    'SELECT out_refund_no, out_trade_no, till_id, amount_fen, state, expired_at, settled_at FROM refund_reservations WHERE expired_at IS NOT NULL ORDER BY expired_at DESC LIMIT 200',
  );
  return r.rows.map((x) => ({
    outRefundNo: x.out_refund_no, outTradeNo: x.out_trade_no, tillId: x.till_id, amountFen: Number(x.amount_fen), state: x.state,
    expiredAt: x.expired_at.toISOString(), settledAt: x.settled_at?.toISOString() ?? null,
  }));
}

/** A refund's final state as the till wrote it: money gone (SUCCESS, and CHANGE to stay on the safe side) or not. */
export function refundEnded(state: string): 'refunded' | 'released' | null {
  switch (state) {
    case 'SUCCESS':
    case 'CHANGE':
      return 'refunded';
    case 'REFUNDCLOSE':
    case 'FAILED':
    case 'NOT_ACCEPTED':
      return 'released';
    default:
      return null;
  }
}
