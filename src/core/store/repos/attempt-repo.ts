// SQL for payment attempts (schema-001.sql). Every state write is a guarded, forward-only UPDATE;
// callers learn from the returned boolean whether they won the transition.
import type Database from 'better-sqlite3';
import {
  type AttemptKind,
  type AttemptState,
  isAttemptState,
  isFinalAttemptState,
  predecessors,
} from '../../checkout/attempt-states';
import { stmt } from '../stmt';
import { transitionParams } from './transition';

export interface AttemptRow {
  readonly id: string;
  readonly saleId: string;
  readonly kind: AttemptKind;
  readonly outTradeNo: string;
  readonly totalFen: number;
  readonly body: string;
  readonly state: AttemptState;
  readonly codeUrl: string | null;
  readonly expiresAt: number | null;
  readonly transactionId: string | null;
  readonly cancelRequestedAt: number | null;
  readonly lastReason: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly finalAt: number | null;
  // --- issue 12 quick pay (migration 007); null / 0 for NATIVE ---
  readonly authCode: string | null;
  readonly paySentAt: number | null;
  readonly reverseSends: number;
}

interface RawAttempt {
  id: string;
  sale_id: string;
  kind: string;
  out_trade_no: string;
  total_fen: number;
  body: string;
  state: string;
  code_url: string | null;
  expires_at: number | null;
  transaction_id: string | null;
  cancel_requested_at: number | null;
  last_reason: string | null;
  created_at: number;
  updated_at: number;
  final_at: number | null;
  auth_code: string | null;
  pay_sent_at: number | null;
  reverse_sends: number;
}

function toRow(r: RawAttempt): AttemptRow {
  if (!isAttemptState(r.state)) throw new Error(`attempt ${r.id} has an unknown state`);
  if (r.kind !== 'NATIVE' && r.kind !== 'MICROPAY') throw new Error(`attempt ${r.id} has an unknown kind`);
  return {
    id: r.id,
    saleId: r.sale_id,
    kind: r.kind,
    outTradeNo: r.out_trade_no,
    totalFen: r.total_fen,
    body: r.body,
    state: r.state,
    codeUrl: r.code_url,
    expiresAt: r.expires_at,
    transactionId: r.transaction_id,
    cancelRequestedAt: r.cancel_requested_at,
    lastReason: r.last_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finalAt: r.final_at,
    authCode: r.auth_code,
    paySentAt: r.pay_sent_at,
    reverseSends: r.reverse_sends,
  };
}

export type NewAttempt = Pick<AttemptRow, 'id' | 'saleId' | 'kind' | 'outTradeNo' | 'totalFen' | 'body' | 'createdAt'> & {
  /** null: no till-side expiry (quick pay ends by reverse, not by time_expire). */
  readonly expiresAt: number | null;
  /** Quick pay only: the customer's payment code. */
  readonly authCode?: string;
};

export function insertAttempt(db: Database.Database, a: NewAttempt): void {
  stmt(
    db,
    `INSERT INTO payment_attempts (id, sale_id, kind, out_trade_no, total_fen, body, state, expires_at,
       created_at, updated_at, auth_code) VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?, ?)`,
  ).run(a.id, a.saleId, a.kind, a.outTradeNo, a.totalFen, a.body, a.expiresAt, a.createdAt, a.createdAt, a.authCode ?? null);
}

// --- issue 12 quick pay ---
/** The first micropay send is recorded once (the 15 s reverse floor counts from it). */
export function markPaySent(db: Database.Database, id: string, now: number): void {
  stmt(db, 'UPDATE payment_attempts SET pay_sent_at = coalesce(pay_sent_at, ?), updated_at = ? WHERE id = ?').run(now, now, id);
}

/** One more reverse sent (counted before the send, so a crash never under-counts). */
export function countReverseSend(db: Database.Database, id: string, now: number): void {
  stmt(db, 'UPDATE payment_attempts SET reverse_sends = reverse_sends + 1, updated_at = ? WHERE id = ? AND final_at IS NULL').run(now, id);
}

/** Open quick pays (not final): a second one is refused while any is in flight. */
export function countOpenQuickPays(db: Database.Database): number {
  return (stmt(db, `SELECT count(*) AS n FROM payment_attempts WHERE final_at IS NULL AND kind = 'MICROPAY'`).get() as { n: number }).n;
}

export function getAttempt(db: Database.Database, id: string): AttemptRow | null {
  const r = stmt(db, 'SELECT * FROM payment_attempts WHERE id = ?').get(id) as RawAttempt | undefined;
  return r ? toRow(r) : null;
}

export function listOpenAttempts(db: Database.Database): AttemptRow[] {
  return (
    stmt(db, 'SELECT * FROM payment_attempts WHERE final_at IS NULL ORDER BY created_at, id').all() as RawAttempt[]
  ).map(toRow);
}

/** Attempts that still show a QR (or are about to): they block a new sale on this till. */
export function countBlockingAttempts(db: Database.Database, now: number): number {
  const r = stmt(
    db,
    `SELECT count(*) AS n FROM payment_attempts WHERE final_at IS NULL AND cancel_requested_at IS NULL
       AND state IN ('CREATED', 'UNKNOWN', 'NOTPAY', 'USERPAYING') AND (expires_at IS NULL OR expires_at > ?)`,
  ).get(now) as { n: number };
  return r.n;
}

const MOVE_FIELDS = ['codeUrl', 'transactionId', 'lastReason'] as const;
/** Fields a transition may write; an absent one keeps its stored value. */
export type MoveFields = { readonly [K in (typeof MOVE_FIELDS)[number]]?: string | null };

/**
 * Every transition is this one fixed statement: a field is written only when its set flag is 1, and
 * final_at only when the target is final. The allowed predecessors arrive as a JSON array.
 */
export const MOVE_ATTEMPT_SQL = `UPDATE payment_attempts SET state = @to, updated_at = @now,
    final_at = CASE WHEN @final = 1 THEN @now ELSE final_at END,
    code_url = CASE WHEN @setCodeUrl = 1 THEN @codeUrl ELSE code_url END,
    transaction_id = CASE WHEN @setTransactionId = 1 THEN @transactionId ELSE transaction_id END,
    last_reason = CASE WHEN @setLastReason = 1 THEN @lastReason ELSE last_reason END
  WHERE id = @id AND state IN (SELECT value FROM json_each(@from))`;

/** Forward-only transition; false when another path already moved the attempt elsewhere. */
export function moveAttempt(
  db: Database.Database,
  row: Pick<AttemptRow, 'id' | 'kind'>,
  to: AttemptState,
  now: number,
  fields: MoveFields = {},
): boolean {
  const from = predecessors(row.kind, to);
  if (from.length === 0) return false;
  const move = { id: row.id, to, now, final: isFinalAttemptState(to), from };
  return stmt(db, MOVE_ATTEMPT_SQL).run(transitionParams(move, MOVE_FIELDS, fields)).changes === 1;
}

/** A code_url refresh (re-entry of the same unifiedorder) without a state change. */
export function setCodeUrl(db: Database.Database, id: string, codeUrl: string, now: number): void {
  stmt(db, `UPDATE payment_attempts SET code_url = ?, updated_at = ? WHERE id = ? AND state = 'NOTPAY'`).run(codeUrl, now, id);
}

export function setLastReason(db: Database.Database, id: string, reason: string, now: number): void {
  stmt(db, 'UPDATE payment_attempts SET last_reason = ?, updated_at = ? WHERE id = ? AND final_at IS NULL').run(reason, now, id);
}

/** First cancel wins; cancelling a final attempt changes nothing. */
export function markCancelRequested(db: Database.Database, id: string, now: number): boolean {
  const info = stmt(
    db,
    `UPDATE payment_attempts SET cancel_requested_at = ?, updated_at = ?
       WHERE id = ? AND final_at IS NULL AND cancel_requested_at IS NULL`,
  ).run(now, now, id);
  return info.changes === 1;
}

/** Attempts and refunds not yet final (settings refuses a mode switch while any is open). */
export function openWorkCount(db: Database.Database): number {
  return (
    stmt(
      db,
      'SELECT (SELECT count(*) FROM payment_attempts WHERE final_at IS NULL) + (SELECT count(*) FROM refunds WHERE final_at IS NULL) AS n',
    ).get() as { n: number }
  ).n;
}
