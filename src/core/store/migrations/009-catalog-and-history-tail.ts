// Migration 9 (issue 15): history search by the tail of an order number, and the product catalog.
//
// Tail search: customers read the LAST characters of transaction_id / out_trade_no off their WeChat bill.
// Each id gets a VIRTUAL generated column with its last TAIL_KEY_CHARS characters, lower-cased, indexed in
// list order like the prefix indexes of migration 3: a tail search reads the index range of its own last
// 6 characters (about one row in a million for random ids) and checks the rest of the tail on those rows.
// Plain SQL (substr, lower), so any SQLite connection - the CLI included - maintains the index.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const MIGRATION_009_VERSION = 9;
/** Characters of the indexed tail key; a tail search needs at least this many (TAIL_SEARCH_MIN_CHARS). */
export const TAIL_KEY_CHARS = 6;

export const SCHEMA_009_TAIL = `
ALTER TABLE receipts ADD COLUMN out_trade_no_tail TEXT GENERATED ALWAYS AS (lower(substr(out_trade_no, -${TAIL_KEY_CHARS}))) VIRTUAL;
ALTER TABLE receipts ADD COLUMN transaction_id_tail TEXT GENERATED ALWAYS AS (lower(substr(transaction_id, -${TAIL_KEY_CHARS}))) VIRTUAL;
CREATE INDEX receipts_tail_out_trade_no ON receipts(mode, out_trade_no_tail, paid_at, id);
CREATE INDEX receipts_tail_transaction_id ON receipts(mode, transaction_id_tail, paid_at, id);
`;

// The product catalog (issue 15.1): prices in integer fen, a barcode and a quick-key place at most once.
export const SCHEMA_009_CATALOG = `
CREATE TABLE products (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  price_fen  INTEGER NOT NULL CHECK (price_fen > 0),
  barcode    TEXT UNIQUE,
  category   TEXT NOT NULL DEFAULT '',
  quick_key  INTEGER UNIQUE CHECK (quick_key IS NULL OR quick_key BETWEEN 1 AND 60),
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX products_category ON products(category, name);
`;

export const migration009: Migration = {
  version: MIGRATION_009_VERSION,
  name: 'catalog-and-history-tail',
  up(db: Database.Database): void {
    db.exec(SCHEMA_009_TAIL);
    db.exec(SCHEMA_009_CATALOG);
  },
};
