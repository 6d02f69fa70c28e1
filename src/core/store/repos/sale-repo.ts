// Sales and their lines. A sale's mode (SANDBOX / LIVE) is written with the sale, before its order
// exists; after that the schema keeps it fixed (migration 003).
import type Database from 'better-sqlite3';
import type { Mode, SaleLine } from '../../../common/api';
import { stmt } from '../stmt';

export interface NewSale {
  readonly saleId: string;
  readonly tillId: string;
  readonly cashier: string;
  readonly lines: readonly SaleLine[];
  readonly totalFen: number;
  readonly mode: Mode;
  readonly createdAt: number;
}

export function insertSale(db: Database.Database, s: NewSale): void {
  stmt(db, 'INSERT INTO sales (id, till_id, cashier, total_fen, created_at, mode) VALUES (?, ?, ?, ?, ?, ?)').run(
    s.saleId,
    s.tillId,
    s.cashier,
    s.totalFen,
    s.createdAt,
    s.mode,
  );
  const line = stmt(db, 'INSERT INTO sale_lines (sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES (?, ?, ?, ?, ?, ?)');
  s.lines.forEach((l, i) => line.run(s.saleId, i + 1, l.name, l.quantity, l.unitFen, l.lineFen));
}

export const SALE_LINES_SQL = 'SELECT name, quantity, unit_fen, line_fen FROM sale_lines WHERE sale_id = ? ORDER BY line_no';

export function getSaleLines(db: Database.Database, saleId: string): SaleLine[] {
  const rows = stmt(db, SALE_LINES_SQL).all(saleId) as { name: string; quantity: number; unit_fen: number; line_fen: number }[];
  return rows.map((r) => ({ name: r.name, quantity: r.quantity, unitFen: r.unit_fen, lineFen: r.line_fen }));
}
