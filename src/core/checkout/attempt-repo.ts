// SQL for sales, lines and payment attempts (schema-001.sql). Every state write is a guarded,
// forward-only UPDATE; callers learn from the returned boolean whether they won the transition.
import type Database from 'better-sqlite3';
import type { SaleLine } from '../../common/api';
import {
  type AttemptKind,
  type AttemptState,
  isAttemptState,
  isFinalAttemptState,
  predecessors,
} from './attempt-states';

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
  };
}

export interface NewSale {
  readonly saleId: string;
  readonly tillId: string;
  readonly cashier: string;
  readonly lines: readonly SaleLine[];
  readonly totalFen: number;
  readonly createdAt: number;
}

export function insertSale(db: Database.Database, s: NewSale): void {
  db.prepare('INSERT INTO sales (id, till_id, cashier, total_fen, created_at) VALUES (?, ?, ?, ?, ?)').run(
    s.saleId,
    s.tillId,
    s.cashier,
    s.totalFen,
    s.createdAt,
  );
  const line = db.prepare(
    'INSERT INTO sale_lines (sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES (?, ?, ?, ?, ?, ?)',
  );
  s.lines.forEach((l, i) => line.run(s.saleId, i + 1, l.name, l.quantity, l.unitFen, l.lineFen));
}

export interface NewAttempt {
  readonly id: string;
  readonly saleId: string;
  readonly kind: AttemptKind;
  readonly outTradeNo: string;
  readonly totalFen: number;
  readonly body: string;
  readonly expiresAt: number;
  readonly createdAt: number;
}

export function insertAttempt(db: Database.Database, a: NewAttempt): void {
  db.prepare(
    `INSERT INTO payment_attempts (id, sale_id, kind, out_trade_no, total_fen, body, state, expires_at,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CREATED', ?, ?, ?)`,
  ).run(a.id, a.saleId, a.kind, a.outTradeNo, a.totalFen, a.body, a.expiresAt, a.createdAt, a.createdAt);
}

export function getAttempt(db: Database.Database, id: string): AttemptRow | null {
  const r = db.prepare('SELECT * FROM payment_attempts WHERE id = ?').get(id) as RawAttempt | undefined;
  return r ? toRow(r) : null;
}

export function listOpenAttempts(db: Database.Database): AttemptRow[] {
  return (
    db.prepare('SELECT * FROM payment_attempts WHERE final_at IS NULL ORDER BY created_at, id').all() as RawAttempt[]
  ).map(toRow);
}

/** Attempts that still show a QR (or are about to): they block a new sale on this till. */
export function countBlockingAttempts(db: Database.Database, now: number): number {
  const r = db
    .prepare(
      `SELECT count(*) AS n FROM payment_attempts WHERE final_at IS NULL AND cancel_requested_at IS NULL
         AND state IN ('CREATED', 'UNKNOWN', 'NOTPAY', 'USERPAYING') AND (expires_at IS NULL OR expires_at > ?)`,
    )
    .get(now) as { n: number };
  return r.n;
}

export interface MoveFields {
  readonly codeUrl?: string | null;
  readonly transactionId?: string | null;
  readonly lastReason?: string | null;
}

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
  const sets = ['state = ?', 'updated_at = ?'];
  const args: (string | number | null)[] = [to, now];
  if (isFinalAttemptState(to)) {
    sets.push('final_at = ?');
    args.push(now);
  }
  if (fields.codeUrl !== undefined) {
    sets.push('code_url = ?');
    args.push(fields.codeUrl);
  }
  if (fields.transactionId !== undefined) {
    sets.push('transaction_id = ?');
    args.push(fields.transactionId);
  }
  if (fields.lastReason !== undefined) {
    sets.push('last_reason = ?');
    args.push(fields.lastReason);
  }
  const marks = from.map(() => '?').join(', ');
  const info = db
    .prepare(`UPDATE payment_attempts SET ${sets.join(', ')} WHERE id = ? AND state IN (${marks})`)
    .run(...args, row.id, ...from);
  return info.changes === 1;
}

/** A code_url refresh (re-entry of the same unifiedorder) without a state change. */
export function setCodeUrl(db: Database.Database, id: string, codeUrl: string, now: number): void {
  db.prepare(`UPDATE payment_attempts SET code_url = ?, updated_at = ? WHERE id = ? AND state = 'NOTPAY'`).run(
    codeUrl,
    now,
    id,
  );
}

export function setLastReason(db: Database.Database, id: string, reason: string, now: number): void {
  db.prepare('UPDATE payment_attempts SET last_reason = ?, updated_at = ? WHERE id = ? AND final_at IS NULL').run(
    reason,
    now,
    id,
  );
}

/** First cancel wins; cancelling a final attempt changes nothing. */
export function markCancelRequested(db: Database.Database, id: string, now: number): boolean {
  const info = db
    .prepare(
      `UPDATE payment_attempts SET cancel_requested_at = ?, updated_at = ?
         WHERE id = ? AND final_at IS NULL AND cancel_requested_at IS NULL`,
    )
    .run(now, now, id);
  return info.changes === 1;
}

export interface SaleRow {
  readonly id: string;
  readonly tillId: string;
  readonly cashier: string;
  readonly totalFen: number;
  readonly createdAt: number;
}

export function getSale(db: Database.Database, id: string): SaleRow | null {
  const r = db.prepare('SELECT id, till_id, cashier, total_fen, created_at FROM sales WHERE id = ?').get(id) as
    | { id: string; till_id: string; cashier: string; total_fen: number; created_at: number }
    | undefined;
  return r ? { id: r.id, tillId: r.till_id, cashier: r.cashier, totalFen: r.total_fen, createdAt: r.created_at } : null;
}

export function getSaleLines(db: Database.Database, saleId: string): SaleLine[] {
  const rows = db
    .prepare('SELECT name, quantity, unit_fen, line_fen FROM sale_lines WHERE sale_id = ? ORDER BY line_no')
    .all(saleId) as { name: string; quantity: number; unit_fen: number; line_fen: number }[];
  return rows.map((r) => ({ name: r.name, quantity: r.quantity, unitFen: r.unit_fen, lineFen: r.line_fen }));
}
