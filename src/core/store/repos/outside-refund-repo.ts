// Refunds made outside the till (on the WeChat Pay merchant platform) that the till learns of when the
// first answer it gets for an order is trade_state REFUND (issue 10 point 5). They are written as
// ordinary refunds rows, so refundable amount, day totals and history count them like any other, and
// are told apart by approver and reason (no schema change).
import type Database from 'better-sqlite3';
import { stmt } from '../stmt';

export const OUTSIDE_REFUND_APPROVER = 'merchant-platform';
export const OUTSIDE_REFUND_REASON = 'refunded on the merchant platform';

/** SUCCESS: money returned; PROCESSING: under way (watched by a refund watcher); CHANGE: refund to a closed card. */
export type OutsideRefundState = 'SUCCESS' | 'PROCESSING' | 'CHANGE';

/** false when a refund with this out_refund_no is already recorded. */
export function insertOutsideRefund(
  db: Database.Database,
  r: { id: string; receiptId: string; outRefundNo: string; refundId: string; amountFen: number; state: OutsideRefundState; at: number },
): boolean {
  const final = r.state === 'PROCESSING' ? null : r.at;
  return (
    stmt(
      db,
      `INSERT OR IGNORE INTO refunds (id, receipt_id, out_refund_no, amount_fen, reason, approver, state, refund_id,
         created_at, updated_at, final_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.id, r.receiptId, r.outRefundNo, r.amountFen, OUTSIDE_REFUND_REASON, OUTSIDE_REFUND_APPROVER, r.state, r.refundId, r.at, r.at, final)
      .changes === 1
  );
}
