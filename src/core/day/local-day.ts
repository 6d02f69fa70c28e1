// The till's records of one Beijing calendar date (the bill's day) as reconciliation's LocalDay:
// receipts by payment time; refunds WeChat accepted (or may have: PENDING/SENT are left out, they
// never reached it for sure only when FAILED / NOT_ACCEPTED) by the day they were asked for.
import type Database from 'better-sqlite3';
import type { Mode } from '../../common/api';
import type { LocalDay, LocalRefund } from '../reconcile';
import { stmt } from '../store/stmt';

const RECEIPTS_SQL =
  'SELECT r.out_trade_no AS o, r.transaction_id AS t, r.total_fen AS fen, r.paid_at AS at, r.refunded_fen AS rf, a.kind AS kind ' +
  'FROM receipts r INDEXED BY receipts_paid_at CROSS JOIN payment_attempts a WHERE r.mode = ? AND r.paid_at >= ? AND r.paid_at < ? AND a.id = r.attempt_id AND r.origin_till_id IS NULL'; // issue 16.4: not another till's sale
const REFUNDS_SQL =
  'SELECT f.out_refund_no AS n, r.out_trade_no AS o, f.refund_id AS id, f.amount_fen AS fen, f.state AS state ' +
  "FROM refunds f CROSS JOIN receipts r WHERE f.created_at >= ? AND f.created_at < ? AND f.state IN ('PROCESSING', 'SUCCESS', 'REFUNDCLOSE', 'CHANGE') " +
  'AND r.id = f.receipt_id AND r.mode = ?';

function refundState(s: string): LocalRefund['state'] {
  if (s === 'SUCCESS') return 'success';
  if (s === 'REFUNDCLOSE') return 'failed';
  return 'pending';
}

export function loadLocalDay(db: Database.Database, mode: Mode, start: number, end: number): LocalDay {
  const receipts = (stmt(db, RECEIPTS_SQL).all(mode, start, end) as { o: string; t: string; fen: number; at: number; rf: number; kind: string }[]).map(
    (r) => ({
      outTradeNo: r.o,
      transactionId: r.t,
      totalFen: r.fen,
      paidAt: r.at,
      state: 'paid' as const,
      refundedFen: r.rf,
      mode: r.kind === 'MICROPAY' ? ('quickpay' as const) : ('native' as const),
    }),
  );
  const refunds = (stmt(db, REFUNDS_SQL).all(start, end, mode) as { n: string; o: string; id: string | null; fen: number; state: string }[]).map((r) => ({
    outRefundNo: r.n,
    outTradeNo: r.o,
    refundId: r.id,
    amountFen: r.fen,
    state: refundState(r.state),
  }));
  return { receipts, refunds };
}
