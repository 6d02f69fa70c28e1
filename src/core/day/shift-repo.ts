// Rows of shifts, pay-ins/outs and cash tenders, and the drawer arithmetic of one shift.
import type Database from 'better-sqlite3';
import type { Mode } from '../../common/api';
import type { CashSaleView, ShiftMove, ShiftMoveKind, ShiftView } from '../../common/day';
import { stmt } from '../store/stmt';

interface ShiftRow {
  id: string;
  opened_by: string;
  opened_at: number;
  float_fen: number;
  closed_at: number | null;
  closed_by: string | null;
  counted_fen: number | null;
  diff_fen: number | null;
  accepted_by: string | null;
}

const SHIFT_COLS = 'id, opened_by, opened_at, float_fen, closed_at, closed_by, counted_fen, diff_fen, accepted_by';

export function openShiftRow(db: Database.Database): ShiftRow | null {
  return (
    (stmt(db, `SELECT ${SHIFT_COLS} FROM shifts WHERE closed_at IS NULL`).get() as
      | ShiftRow
      | undefined) ?? null
  );
}

export function shiftRow(db: Database.Database, shiftId: string): ShiftRow | null {
  return (stmt(db, `SELECT ${SHIFT_COLS} FROM shifts WHERE id = ?`).get(shiftId) as ShiftRow | undefined) ?? null;
}

export function insertShift(
  db: Database.Database,
  s: { id: string; tillId: string; mode: Mode; staffId: string; by: string; at: number; floatFen: number },
): void {
  stmt(db, 'INSERT INTO shifts (id, till_id, mode, opened_by_id, opened_by, opened_at, float_fen) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.tillId,
    s.mode,
    s.staffId,
    s.by,
    s.at,
    s.floatFen,
  );
}

export function insertMove(
  db: Database.Database,
  m: { id: string; shiftId: string; kind: ShiftMoveKind; amountFen: number; reason: string; by: string; at: number },
): void {
  stmt(db, 'INSERT INTO shift_moves (id, shift_id, kind, amount_fen, reason, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    m.id,
    m.shiftId,
    m.kind,
    m.amountFen,
    m.reason,
    m.by,
    m.at,
  );
}

export function closeShiftRow(
  db: Database.Database,
  c: { id: string; at: number; by: string; expectedFen: number; countedFen: number; counts: string; acceptedBy: string | null },
): boolean {
  return (
    stmt(
      db,
      'UPDATE shifts SET closed_at = ?, closed_by = ?, expected_fen = ?, counted_fen = ?, diff_fen = ?, counts = ?, accepted_by = ? ' +
        'WHERE id = ? AND closed_at IS NULL',
    ).run(c.at, c.by, c.expectedFen, c.countedFen, c.countedFen - c.expectedFen, c.counts, c.acceptedBy, c.id).changes === 1
  );
}

function moves(db: Database.Database, shiftId: string): ShiftMove[] {
  const rows = stmt(db, 'SELECT id, kind, amount_fen, reason, by_name, at FROM shift_moves WHERE shift_id = ? ORDER BY at, id').all(shiftId) as {
    id: string;
    kind: ShiftMoveKind;
    amount_fen: number;
    reason: string;
    by_name: string;
    at: number;
  }[];
  return rows.map((r) => ({ moveId: r.id, kind: r.kind, amountFen: r.amount_fen, reason: r.reason, by: r.by_name, at: r.at }));
}

/** A shift's cash sales, newest first, with what was refunded of each. */
export function shiftCashSales(db: Database.Database, shiftId: string): (CashSaleView & { refundedFen: number })[] {
  const rows = stmt(
    db,
    'SELECT c.sale_id, s.total_fen, c.rounding_fen, c.due_fen, c.tendered_fen, c.change_fen, c.paid_at, s.cashier, ' +
      '(SELECT coalesce(sum(amount_fen), 0) FROM cash_refunds x WHERE x.sale_id = c.sale_id) AS refunded ' +
      'FROM cash_tenders c JOIN sales s ON s.id = c.sale_id WHERE c.shift_id = ? ORDER BY c.paid_at DESC, c.sale_id DESC LIMIT 500',
  ).all(shiftId) as {
    sale_id: string;
    total_fen: number;
    rounding_fen: number;
    due_fen: number;
    tendered_fen: number;
    change_fen: number;
    paid_at: number;
    cashier: string;
    refunded: number;
  }[];
  return rows.map((r) => ({
    saleId: r.sale_id,
    totalFen: r.total_fen,
    roundingFen: r.rounding_fen,
    dueFen: r.due_fen,
    tenderedFen: r.tendered_fen,
    changeFen: r.change_fen,
    paidAt: r.paid_at,
    cashier: r.cashier,
    refundedFen: r.refunded,
  }));
}

/** The shift with its drawer arithmetic: expected = float + cash sales − cash refunds + in − out. */
export function shiftView(db: Database.Database, row: ShiftRow): ShiftView {
  const sales = (stmt(db, 'SELECT coalesce(sum(due_fen), 0) AS fen FROM cash_tenders WHERE shift_id = ?').get(row.id) as { fen: number }).fen;
  const refunds = (stmt(db, 'SELECT coalesce(sum(amount_fen), 0) AS fen FROM cash_refunds WHERE shift_id = ?').get(row.id) as { fen: number }).fen;
  const list = moves(db, row.id);
  const payIn = list.filter((m) => m.kind === 'PAY_IN').reduce((s, m) => s + m.amountFen, 0);
  const payOut = list.filter((m) => m.kind === 'PAY_OUT').reduce((s, m) => s + m.amountFen, 0);
  return {
    shiftId: row.id,
    openedBy: row.opened_by,
    openedAt: row.opened_at,
    floatFen: row.float_fen,
    cashSalesFen: sales,
    cashRefundsFen: refunds,
    payInFen: payIn,
    payOutFen: payOut,
    expectedFen: row.float_fen + sales - refunds + payIn - payOut,
    moves: list,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    countedFen: row.counted_fen,
    diffFen: row.diff_fen,
    acceptedBy: row.accepted_by,
  };
}
