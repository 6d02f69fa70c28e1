// Migration 2: indexes so every history query shape reads an index range (never a scan of 1M receipts),
// and the audit anchor that makes start-up verification incremental and tail truncation detectable.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_002 = `
-- Amount search ordered like the history list (paid_at DESC, id DESC): the id makes the order total,
-- so no temporary sort. Supersedes receipts_total(total_fen, paid_at).
DROP INDEX receipts_total;
CREATE INDEX receipts_amount ON receipts(total_fen, paid_at, id);

-- Status filters for the rare states: partially/fully refunded, paid after cancel. Small partial indexes
-- in list order; the common state (PAID) is read from receipts_paid_at.
CREATE INDEX receipts_refunded ON receipts(paid_at, id) WHERE refunded_fen > 0;
CREATE INDEX receipts_after_cancel ON receipts(paid_at, id) WHERE paid_after_cancel = 1;

-- Text search (out_trade_no / transaction_id, exact or prefix) in list order: the newest matches of a
-- prefix come from the index alone, without reading the table.
CREATE INDEX receipts_text_out_trade_no ON receipts(out_trade_no, paid_at, id);
CREATE INDEX receipts_text_transaction_id ON receipts(transaction_id, paid_at, id);

-- Receipt detail by sale.
CREATE INDEX receipts_sale ON receipts(sale_id);

-- Open alerts (the engine lists undismissed ones at every start).
CREATE INDEX alerts_open ON alerts(created_at, id) WHERE dismissed_at IS NULL;

-- Day totals: refunds that became final in a time window, covering (no table lookups).
CREATE INDEX refunds_final ON refunds(final_at, state, amount_fen) WHERE final_at IS NOT NULL;

-- Audit anchor (one row): the head is moved by every append in the same transaction (so a deleted tail
-- is noticed); checked_* is the last row a full pass verified (start-up verifies only what follows).
CREATE TABLE audit_anchor (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  head_seq     INTEGER NOT NULL,
  head_hash    TEXT NOT NULL,
  checked_seq  INTEGER NOT NULL,
  checked_hash TEXT NOT NULL,
  checked_at   INTEGER NOT NULL
) STRICT;
`;

const ZERO = '0'.repeat(64);

export const migration002: Migration = {
  version: 2,
  name: 'history-indexes-and-audit-anchor',
  up(db: Database.Database): void {
    db.exec(SCHEMA_002);
    // Rows appended before this migration are covered by the next full verification.
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; hash: string }
      | undefined;
    db.prepare(
      'INSERT INTO audit_anchor(id, head_seq, head_hash, checked_seq, checked_hash, checked_at) VALUES (1, ?, ?, 0, ?, 0)',
    ).run(last?.seq ?? 0, last?.hash ?? ZERO, ZERO);
  },
};
