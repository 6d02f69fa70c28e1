// Migration 12 (issue 13 point 1, w2-cash): cash sales in History. The history list walks cash_tenders in
// its list order (paid_at DESC, sale_id DESC) next to receipts, so it needs the same keyset indexes:
// by mode and time, and by mode and amount (due_fen, what the customer paid in cash).
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_012 = `
CREATE INDEX cash_tenders_list ON cash_tenders(mode, paid_at, sale_id);
CREATE INDEX cash_tenders_amount ON cash_tenders(mode, due_fen, paid_at, sale_id);
`;

export const migration012: Migration = {
  version: 12,
  name: 'cash-history',
  up(db: Database.Database): void {
    db.exec(SCHEMA_012);
  },
};
