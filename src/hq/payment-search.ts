// Issue 16.4: a till looks up a payment it does not have (made at another till) by out_trade_no,
// transaction_id or their last 6+ characters, as History's search does. A tail is a suffix, so one
// reversed-prefix LIKE per column serves exact and tail matches from the reverse(...) indexes.
import type pg from 'pg';
import { HQ_PAYMENT_SEARCH_MIN_CHARS, type HqPayment } from '../common/hq-sync';

const SEARCH_TEXT = /^[A-Za-z0-9_\-|*@]+$/;
const MAX_ROWS = 20;

const reversed = (s: string): string => [...s].reverse().join('');
// LIKE's own characters are escaped (the search text may hold '_').
const likePrefix = (s: string): string => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** null: the text is not something History would search for (too short, or not an id). */
export function paymentSearchPatterns(text: string): string[] | null {
  const t = text.trim();
  if (t.length < HQ_PAYMENT_SEARCH_MIN_CHARS || t.length > 64 || !SEARCH_TEXT.test(t)) return null;
  return [...new Set([t, t.toUpperCase(), t.toLowerCase()])].map((v) => likePrefix(reversed(v)));
}

export async function findPayments(pool: pg.Pool, text: string): Promise<HqPayment[] | null> {
  const patterns = paymentSearchPatterns(text);
  if (!patterns) return null;
  const ors = patterns.flatMap((_, i) => [`reverse(r.out_trade_no) LIKE $${i + 1}`, `reverse(r.transaction_id) LIKE $${i + 1}`]).join(' OR ');
  const r = await pool.query<{
    till_id: string; name: string; out_trade_no: string; transaction_id: string; tender: string; mode: string; total_fen: string; paid_at: string;
    lines: { name: string; quantity: number; unit_fen: number; line_fen: number }[]; refunded: string | null; reserved: string | null; till_refunded: string;
  }>(
    `SELECT r.till_id, t.name, r.out_trade_no, r.transaction_id, r.tender, r.mode, r.total_fen, r.paid_at, r.lines, r.refunded_fen + r.foreign_refunded_fen AS till_refunded,
            b.refunded_fen + b.local_refunded_fen AS refunded,
            -- held, less reservations already past their expiry (the next reservation releases them)
            b.reserved_fen - (SELECT coalesce(sum(v.amount_fen), 0) FROM refund_reservations v
                               WHERE v.out_trade_no = r.out_trade_no AND v.state = 'RESERVED' AND v.expires_at <= now()) AS reserved
       FROM receipts r JOIN tills t ON t.id = r.till_id LEFT JOIN payment_balances b ON b.out_trade_no = r.out_trade_no
      WHERE ${ors} ORDER BY r.paid_at DESC LIMIT ${MAX_ROWS}`,
    patterns,
  );
  return r.rows.map((x) => {
    const total = Number(x.total_fen);
    // HQ's balance when it has one; else the receipt's refunded (the paying till's snapshot + other tills' refunds)
    const refunded = x.refunded === null ? Number(x.till_refunded) : Math.max(Number(x.refunded), Number(x.till_refunded));
    const reserved = Number(x.reserved ?? 0);
    return {
      tillId: x.till_id,
      tillName: x.name,
      outTradeNo: x.out_trade_no,
      transactionId: x.transaction_id,
      tender: x.tender,
      mode: x.mode === 'SANDBOX' ? 'SANDBOX' : 'LIVE',
      totalFen: total,
      refundedFen: refunded,
      reservedFen: reserved,
      refundableFen: Math.max(0, total - refunded - reserved),
      paidAt: Number(x.paid_at),
      lines: (Array.isArray(x.lines) ? x.lines : []).map((l) => ({ name: String(l.name), quantity: Number(l.quantity), unitFen: Number(l.unit_fen), lineFen: Number(l.line_fen) })),
    };
  });
}
