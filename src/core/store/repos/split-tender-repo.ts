// Split tender rows (issue 13 point 1, migration 013): the cash part of a sale whose rest is one WeChat
// attempt. The one home of its state: PENDING while the attempt is not final, PAID once the attempt is
// PAID (payCashPart wrote its cash_tenders row in the receipt's transaction), VOID when the attempt ended
// unpaid (CLOSED, REVOKED, FAILED): the cash goes back to the customer.
import type Database from 'better-sqlite3';
import type { Mode } from '../../../common/api';
import type { SplitCashState, SplitPartsView, SplitTenderView } from '../../../common/split-tender';
import { type AttemptState, assertNever, isAttemptState } from '../../checkout/attempt-states';
import { stmt } from '../stmt';

export interface NewSplitTender {
  readonly saleId: string;
  readonly attemptId: string;
  readonly shiftId: string;
  readonly mode: Mode;
  readonly saleTotalFen: number;
  readonly cashFen: number;
  readonly tenderedFen: number;
  readonly takenAt: number;
}

/** What a split asks of the engine: the cash part taken at the counter, in the open shift. */
export interface SplitCashInput {
  readonly cashFen: number;
  readonly tenderedFen: number;
  readonly shiftId: string;
}

/** The cash part's state, read from its attempt's state (the only thing that decides it). */
export function splitCashState(attempt: AttemptState): SplitCashState {
  switch (attempt) {
    case 'PAID':
      return 'PAID';
    case 'CLOSED':
    case 'REVOKED':
    case 'FAILED':
      return 'VOID';
    case 'CREATED':
    case 'UNKNOWN':
    case 'NOTPAY':
    case 'USERPAYING':
    case 'CLOSING':
    case 'REVERSING':
      return 'PENDING';
    default:
      return assertNever(attempt);
  }
}

export function insertSplitTender(db: Database.Database, s: NewSplitTender): void {
  stmt(
    db,
    `INSERT INTO split_tenders (sale_id, attempt_id, shift_id, mode, sale_total_fen, cash_fen, wechat_fen, tendered_fen, change_fen, taken_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.saleId, s.attemptId, s.shiftId, s.mode, s.saleTotalFen, s.cashFen, s.saleTotalFen - s.cashFen, s.tenderedFen, s.tenderedFen - s.cashFen, s.takenAt);
}

/**
 * Inside the PAID transaction (native-driver settlePaid, after the receipt): the attempt's split cash
 * part, if any, becomes a cash tender of its shift, paid when the receipt is. No-op for a plain sale.
 */
export function payCashPart(db: Database.Database, attemptId: string, paidAt: number): void {
  stmt(
    db,
    `INSERT INTO cash_tenders (sale_id, shift_id, mode, due_fen, rounding_fen, tendered_fen, change_fen, paid_at)
       SELECT t.sale_id, t.shift_id, t.mode, t.cash_fen, 0, t.tendered_fen, t.change_fen, ? FROM split_tenders t WHERE t.attempt_id = ?
       AND NOT EXISTS (SELECT 1 FROM cash_tenders c WHERE c.sale_id = t.sale_id)`,
  ).run(paidAt, attemptId);
}

interface SplitRecord {
  sale_id: string;
  attempt_id: string;
  sale_total_fen: number;
  cash_fen: number;
  wechat_fen: number;
  tendered_fen: number;
  change_fen: number;
  taken_at: number;
  returned_at: number | null;
  state: string;
}

const SPLIT_SELECT =
  'SELECT t.sale_id, t.attempt_id, t.sale_total_fen, t.cash_fen, t.wechat_fen, t.tendered_fen, t.change_fen, t.taken_at, t.returned_at, a.state ' +
  'FROM split_tenders t JOIN payment_attempts a ON a.id = t.attempt_id';

function toView(r: SplitRecord): SplitTenderView {
  if (!isAttemptState(r.state)) throw new Error(`split ${r.sale_id}: its attempt has an unknown state`);
  return {
    saleId: r.sale_id,
    attemptId: r.attempt_id,
    saleTotalFen: r.sale_total_fen,
    cashFen: r.cash_fen,
    wechatFen: r.wechat_fen,
    tenderedFen: r.tendered_fen,
    changeFen: r.change_fen,
    state: splitCashState(r.state),
    takenAt: r.taken_at,
    returnedAt: r.returned_at,
  };
}

export function getSplitOfAttempt(db: Database.Database, attemptId: string): SplitTenderView | null {
  const r = stmt(db, `${SPLIT_SELECT} WHERE t.attempt_id = ?`).get(attemptId) as SplitRecord | undefined;
  return r ? toView(r) : null;
}

export function getSplitOfSale(db: Database.Database, saleId: string): SplitTenderView | null {
  const r = stmt(db, `${SPLIT_SELECT} WHERE t.sale_id = ?`).get(saleId) as SplitRecord | undefined;
  return r ? toView(r) : null;
}

/** Void cash parts not yet given back, oldest first (the till shows them until the cashier confirms). */
export function listSplitCashOwed(db: Database.Database, mode: Mode): SplitTenderView[] {
  const rows = stmt(
    db,
    `${SPLIT_SELECT} WHERE t.returned_at IS NULL AND t.mode = ? AND a.state IN ('CLOSED', 'REVOKED', 'FAILED') ORDER BY t.taken_at, t.sale_id`,
  ).all(mode) as SplitRecord[];
  return rows.map(toView);
}

/** Records that the void cash part was given back; false when it was not void or already recorded. */
export function markSplitCashReturned(db: Database.Database, saleId: string, by: string, at: number): boolean {
  const v = getSplitOfSale(db, saleId);
  if (!v || v.state !== 'VOID' || v.returnedAt !== null) return false;
  return stmt(db, 'UPDATE split_tenders SET returned_at = ?, returned_by = ? WHERE sale_id = ? AND returned_at IS NULL').run(at, by, saleId).changes === 1;
}

/** Both parts of a split sale for History and the receipt (null for a sale paid one way). */
export function splitPartsOfSale(db: Database.Database, saleId: string): SplitPartsView | null {
  const r = stmt(
    db,
    'SELECT t.sale_total_fen, t.cash_fen, t.wechat_fen, (SELECT coalesce(sum(x.amount_fen), 0) FROM cash_refunds x WHERE x.sale_id = t.sale_id) AS refunded ' +
      'FROM split_tenders t WHERE t.sale_id = ?',
  ).get(saleId) as { sale_total_fen: number; cash_fen: number; wechat_fen: number; refunded: number } | undefined;
  return r ? { saleTotalFen: r.sale_total_fen, cashFen: r.cash_fen, wechatFen: r.wechat_fen, cashRefundedFen: r.refunded } : null;
}
