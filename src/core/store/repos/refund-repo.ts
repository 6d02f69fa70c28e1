// SQL for refunds (schema-001.sql). Amount checks read the database, never the renderer. The one home
// of the RefundView mapper (the engine's events and the history detail both use it).
import type Database from 'better-sqlite3';
import type { Mode, RefundStatus, RefundView } from '../../../common/api';
import {
  type RefundRowState,
  isFinalRefundState,
  isRefundRowState,
  refundPredecessors,
  refundStatusOf,
  RESERVING_REFUND_STATES,
} from '../../refunds/refund-states';
import { stmt } from '../stmt';
import { transitionParams } from './transition';

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
  /** The current run of definite "WeChat does not have it" answers (migration 004, refund-end-rule.ts). */
  readonly notThereSince: number | null;
  readonly notThereCount: number;
  /** A CHANGE refund the manager marked handled (migration 004). */
  readonly handledAt: number | null;
  readonly handledBy: string | null;
}

/** The refunds columns a RefundView is made of, as SQLite returns them. */
export interface RefundViewRecord {
  readonly id: string;
  readonly out_refund_no: string;
  readonly amount_fen: number;
  readonly reason: string;
  readonly approver: string;
  readonly state: string;
  readonly last_reason: string | null;
  readonly created_at: number;
  /** Absent in reads that predate migration 004's columns: treated as not handled. */
  readonly handled_at?: number | null;
}

interface RawRefund extends RefundViewRecord {
  readonly receipt_id: string;
  readonly refund_id: string | null;
  readonly updated_at: number;
  readonly final_at: number | null;
  readonly not_there_since: number | null;
  readonly not_there_count: number;
  readonly handled_by: string | null;
}

/**
 * Persisted refund states as the renderer sees them: the engine's own mapping (src/core/refunds), so the
 * two can never disagree. A state this build does not know (a newer engine) is shown as processing and
 * keeps holding its amount.
 */
export function refundStatus(state: string, handledAt: number | null = null): RefundStatus {
  return isRefundRowState(state) ? refundStatusOf(state, handledAt !== null) : 'processing';
}

/**
 * Whether a refund in this stored state holds its amount back from what is refundable: the reserving
 * states, and a state this build does not know (shown as processing).
 */
export function holdsAmount(state: string): boolean {
  return !isRefundRowState(state) || RESERVING_REFUND_STATES.includes(state);
}

export function toRefundView(f: RefundViewRecord, saleId: string): RefundView {
  return {
    refundId: f.id,
    saleId,
    outRefundNo: f.out_refund_no,
    amountFen: f.amount_fen,
    reason: f.reason,
    status: refundStatus(f.state, f.handled_at ?? null),
    approver: f.approver,
    createdAt: f.created_at,
    message: f.last_reason,
  };
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
    notThereSince: r.not_there_since,
    notThereCount: r.not_there_count,
    handledAt: r.handled_at ?? null,
    handledBy: r.handled_by,
  };
}

const reserving = RESERVING_REFUND_STATES.map((s) => `'${s}'`).join(', ');

export interface RefundTotals {
  readonly reservedFen: number; // pending + processing + succeeded (+ CHANGE, until handled by hand)
  readonly count: number; // every refund the gateway may count towards its 50
  readonly lastCreatedAt: number | null;
}

export function refundTotals(db: Database.Database, receiptId: string): RefundTotals {
  const r = stmt(
    db,
    `SELECT coalesce(sum(CASE WHEN state IN (${reserving}) THEN amount_fen ELSE 0 END), 0) AS reserved,
            count(*) AS n, max(created_at) AS last
       FROM refunds WHERE receipt_id = ? AND state <> 'FAILED'`,
  ).get(receiptId) as { reserved: number; n: number; last: number | null };
  return { reservedFen: r.reserved, count: r.n, lastCreatedAt: r.last };
}

/** Refunds of one mode's receipts created in the window that hold or moved money (the daily cap never mixes modes). */
export function refundedInWindow(db: Database.Database, fromMs: number, toMs: number, mode: Mode): number {
  const r = stmt(
    db,
    `SELECT coalesce(sum(f.amount_fen), 0) AS s FROM refunds f JOIN receipts r ON r.id = f.receipt_id
       WHERE f.created_at >= ? AND f.created_at < ? AND f.state IN (${reserving}) AND r.mode = ?`,
  ).get(fromMs, toMs, mode) as { s: number };
  return r.s;
}

export function insertRefund(
  db: Database.Database,
  r: {
    id: string;
    receiptId: string;
    outRefundNo: string;
    amountFen: number;
    reason: string;
    approver: string;
    createdAt: number;
    /** issue 11: the signed-in manager and the second approver (null when none). */
    staffId?: string | null;
    secondStaffId?: string | null;
  },
): void {
  stmt(
    db,
    `INSERT INTO refunds (id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at, staff_id, second_staff_id)
       VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)`,
  ).run(r.id, r.receiptId, r.outRefundNo, r.amountFen, r.reason, r.approver, r.createdAt, r.createdAt, r.staffId ?? null, r.secondStaffId ?? null);
}

export function getRefund(db: Database.Database, id: string): RefundRow | null {
  const r = stmt(db, 'SELECT * FROM refunds WHERE id = ?').get(id) as RawRefund | undefined;
  return r ? toRow(r) : null;
}

export function listOpenRefunds(db: Database.Database): RefundRow[] {
  return (stmt(db, 'SELECT * FROM refunds WHERE final_at IS NULL ORDER BY created_at, id').all() as RawRefund[]).map(toRow);
}

/**
 * Every transition is this one fixed statement: a field is written only when its set flag is 1 (a NULL
 * refund_id keeps the one already known), final_at only when the target is final.
 */
export const MOVE_REFUND_SQL = `UPDATE refunds SET state = @to, updated_at = @now,
    final_at = CASE WHEN @final = 1 THEN @now ELSE final_at END,
    refund_id = CASE WHEN @setRefundId = 1 THEN coalesce(@refundId, refund_id) ELSE refund_id END,
    last_reason = CASE WHEN @setLastReason = 1 THEN @lastReason ELSE last_reason END
  WHERE id = @id AND state IN (SELECT value FROM json_each(@from))`;

export function moveRefund(
  db: Database.Database,
  id: string,
  to: RefundRowState,
  now: number,
  fields: { refundId?: string | null; lastReason?: string | null } = {},
): boolean {
  const from = refundPredecessors(to);
  if (from.length === 0) return false;
  const move = { id, to, now, final: isFinalRefundState(to), from };
  return stmt(db, MOVE_REFUND_SQL).run(transitionParams(move, ['refundId', 'lastReason'], fields)).changes === 1;
}

export function setRefundLastReason(db: Database.Database, id: string, reason: string, now: number): void {
  stmt(db, 'UPDATE refunds SET last_reason = ?, updated_at = ? WHERE id = ? AND final_at IS NULL').run(reason, now, id);
}

/** A refund as the till shows it, with its sale (empty when the receipt is gone, which the schema forbids). */
export function getRefundView(db: Database.Database, id: string): RefundView | null {
  const r = stmt(
    db,
    `SELECT f.id, f.out_refund_no, f.amount_fen, f.reason, f.approver, f.state, f.last_reason, f.created_at, f.handled_at,
            coalesce(r.sale_id, '') AS sale_id
       FROM refunds f LEFT JOIN receipts r ON r.id = f.receipt_id WHERE f.id = ?`,
  ).get(id) as (RefundViewRecord & { sale_id: string }) | undefined;
  return r ? toRefundView(r, r.sale_id) : null;
}

/**
 * One more definite "WeChat does not have this refund" answer: the run starts at now if none is under
 * way. Returns the run as stored (refund-end-rule.ts decides whether it ends the refund).
 */
export function noteNotThere(db: Database.Database, id: string, now: number): { since: number | null; count: number } {
  stmt(
    db,
    `UPDATE refunds SET not_there_since = coalesce(not_there_since, @now), not_there_count = not_there_count + 1, updated_at = @now
       WHERE id = @id AND final_at IS NULL`,
  ).run({ id, now });
  const r = stmt(db, 'SELECT not_there_since AS since, not_there_count AS count FROM refunds WHERE id = ?').get(id) as
    | { since: number | null; count: number }
    | undefined;
  return r ?? { since: null, count: 0 };
}

/** A CHANGE refund marked handled by a manager; false when it is not an unhandled CHANGE. */
export function markChangeHandled(db: Database.Database, id: string, by: string, now: number): boolean {
  return (
    stmt(db, "UPDATE refunds SET handled_at = ?, handled_by = ?, updated_at = ? WHERE id = ? AND state = 'CHANGE' AND handled_at IS NULL").run(
      now,
      by,
      now,
      id,
    ).changes === 1
  );
}
