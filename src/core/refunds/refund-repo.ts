// SQL for refunds (schema-001.sql). Amount checks read the database, never the renderer.
import type Database from 'better-sqlite3';
import { type RefundRowState, isFinalRefundState, isRefundRowState, refundPredecessors, RESERVING_REFUND_STATES } from './refund-states';

export interface RefundRow {
  readonly id: string;
  readonly receiptId: string;
  readonly outRefundNo: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly approver: string;
  readonly state: RefundRowState;
  readonly refundId: string | null;
  readonly lastReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finalAt: number | null;
}

interface RawRefund {
  id: string;
  receipt_id: string;
  out_refund_no: string;
  amount_fen: number;
  reason: string;
  approver: string;
  state: string;
  refund_id: string | null;
  last_reason: string | null;
  created_at: number;
  updated_at: number;
  final_at: number | null;
}

function toRow(r: RawRefund): RefundRow {
  if (!isRefundRowState(r.state)) throw new Error(`refund ${r.id} has an unknown state`);
  return {
    id: r.id,
    receiptId: r.receipt_id,
    outRefundNo: r.out_refund_no,
    amountFen: r.amount_fen,
    reason: r.reason,
    approver: r.approver,
    state: r.state,
    refundId: r.refund_id,
    lastReason: r.last_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finalAt: r.final_at,
  };
}

const reserving = RESERVING_REFUND_STATES.map((s) => `'${s}'`).join(', ');

export interface RefundTotals {
  readonly reservedFen: number; // pending + processing + succeeded (+ CHANGE, until handled by hand)
  readonly count: number; // every refund the gateway may count towards its 50
  readonly lastCreatedAt: number | null;
}

export function refundTotals(db: Database.Database, receiptId: string): RefundTotals {
  const r = db
    .prepare(
      `SELECT coalesce(sum(CASE WHEN state IN (${reserving}) THEN amount_fen ELSE 0 END), 0) AS reserved,
              count(*) AS n, max(created_at) AS last
         FROM refunds WHERE receipt_id = ? AND state <> 'FAILED'`,
    )
    .get(receiptId) as { reserved: number; n: number; last: number | null };
  return { reservedFen: r.reserved, count: r.n, lastCreatedAt: r.last };
}

export function refundedInWindow(db: Database.Database, fromMs: number, toMs: number): number {
  const r = db
    .prepare(
      `SELECT coalesce(sum(amount_fen), 0) AS s FROM refunds
         WHERE created_at >= ? AND created_at < ? AND state IN (${reserving})`,
    )
    .get(fromMs, toMs) as { s: number };
  return r.s;
}

export function insertRefund(
  db: Database.Database,
  r: { id: string; receiptId: string; outRefundNo: string; amountFen: number; reason: string; approver: string; createdAt: number },
): void {
  db.prepare(
    `INSERT INTO refunds (id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)`,
  ).run(r.id, r.receiptId, r.outRefundNo, r.amountFen, r.reason, r.approver, r.createdAt, r.createdAt);
}

export function getRefund(db: Database.Database, id: string): RefundRow | null {
  const r = db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RawRefund | undefined;
  return r ? toRow(r) : null;
}

export function listOpenRefunds(db: Database.Database): RefundRow[] {
  return (db.prepare('SELECT * FROM refunds WHERE final_at IS NULL ORDER BY created_at, id').all() as RawRefund[]).map(toRow);
}

export function moveRefund(
  db: Database.Database,
  id: string,
  to: RefundRowState,
  now: number,
  fields: { refundId?: string | null; lastReason?: string | null } = {},
): boolean {
  const from = refundPredecessors(to);
  if (from.length === 0) return false;
  const sets = ['state = ?', 'updated_at = ?'];
  const args: (string | number | null)[] = [to, now];
  if (isFinalRefundState(to)) {
    sets.push('final_at = ?');
    args.push(now);
  }
  if (fields.refundId !== undefined) {
    sets.push('refund_id = coalesce(?, refund_id)');
    args.push(fields.refundId);
  }
  if (fields.lastReason !== undefined) {
    sets.push('last_reason = ?');
    args.push(fields.lastReason);
  }
  const marks = from.map(() => '?').join(', ');
  return (
    db.prepare(`UPDATE refunds SET ${sets.join(', ')} WHERE id = ? AND state IN (${marks})`).run(...args, id, ...from)
      .changes === 1
  );
}

export function setRefundLastReason(db: Database.Database, id: string, reason: string, now: number): void {
  db.prepare('UPDATE refunds SET last_reason = ?, updated_at = ? WHERE id = ? AND final_at IS NULL').run(reason, now, id);
}
