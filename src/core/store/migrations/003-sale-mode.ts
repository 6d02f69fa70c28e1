// Migration 3: every sale records whether it was taken in SANDBOX (simulated phone, no money) or LIVE mode,
// so a sandbox receipt can never pass for a real one and day totals never mix the two.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_003_COLUMNS = `
-- Rows inserted without a mode are LIVE (the safe reading for money); rows older than this step are
-- first set from the audit trail below.
ALTER TABLE sales ADD COLUMN mode TEXT NOT NULL DEFAULT 'LIVE' CHECK (mode IN ('SANDBOX', 'LIVE'));

-- The receipt carries its sale's mode (copied at insert, checked below) so that each mode's history is
-- its own index range: listing one mode never walks past the other mode's receipts.
ALTER TABLE receipts ADD COLUMN mode TEXT NOT NULL DEFAULT 'LIVE' CHECK (mode IN ('SANDBOX', 'LIVE'));
`;

export const SCHEMA_003_GUARDS_AND_INDEXES = `
CREATE TRIGGER receipts_mode_of_sale BEFORE INSERT ON receipts
  WHEN NEW.mode IS NOT (SELECT mode FROM sales WHERE id = NEW.sale_id)
  BEGIN SELECT RAISE(ABORT, 'receipt mode differs from its sale'); END;
CREATE TRIGGER receipts_mode_fixed BEFORE UPDATE OF mode ON receipts
  WHEN NEW.mode IS NOT OLD.mode
  BEGIN SELECT RAISE(ABORT, 'receipt mode cannot change'); END;
-- Fixed once an order exists for the sale (the engine sets it in the transaction that creates the sale).
CREATE TRIGGER sales_mode_fixed BEFORE UPDATE OF mode ON sales
  WHEN NEW.mode IS NOT OLD.mode AND EXISTS (SELECT 1 FROM payment_attempts WHERE sale_id = OLD.id)
  BEGIN SELECT RAISE(ABORT, 'sale mode cannot change once an order exists'); END;

-- The history indexes of migration 2, each led by mode (same names, so the queries keep their INDEXED BY).
DROP INDEX receipts_paid_at;
CREATE INDEX receipts_paid_at ON receipts(mode, paid_at, id);
DROP INDEX receipts_amount;
CREATE INDEX receipts_amount ON receipts(mode, total_fen, paid_at, id);
DROP INDEX receipts_refunded;
CREATE INDEX receipts_refunded ON receipts(mode, paid_at, id) WHERE refunded_fen > 0;
DROP INDEX receipts_after_cancel;
CREATE INDEX receipts_after_cancel ON receipts(mode, paid_at, id) WHERE paid_after_cancel = 1;
DROP INDEX receipts_text_out_trade_no;
CREATE INDEX receipts_text_out_trade_no ON receipts(mode, out_trade_no, paid_at, id);
DROP INDEX receipts_text_transaction_id;
CREATE INDEX receipts_text_transaction_id ON receipts(mode, transaction_id, paid_at, id);

-- Day totals by mode: a refund's receipt is looked up by key, so the final-refund index also covers it.
DROP INDEX refunds_final;
CREATE INDEX refunds_final ON refunds(final_at, state, amount_fen, receipt_id) WHERE final_at IS NOT NULL;
`;

/**
 * The mode each existing sale was taken in, from the audit trail: a till starts in SANDBOX and every
 * switch is audited as action 'settings.mode' (detail SANDBOX / LIVE) in the transaction that makes it,
 * and no switch happens while a payment is open. Used only when the trail agrees with the stored current
 * mode (settings key 'mode'); otherwise the old rows stay LIVE (never hide a possibly real receipt).
 * Returns the number of sales marked SANDBOX.
 */
export function markSandboxSalesFromAudit(db: Database.Database): number {
  const switches = db
    .prepare("SELECT at, detail FROM audit_log WHERE action = 'settings.mode' AND detail IN ('SANDBOX', 'LIVE') ORDER BY seq")
    .all() as { at: number; detail: 'SANDBOX' | 'LIVE' }[];
  const stored = (db.prepare("SELECT value FROM settings WHERE key = 'mode'").get() as { value: string } | undefined)?.value;
  const current = stored === 'LIVE' ? 'LIVE' : 'SANDBOX';
  if ((switches.at(-1)?.detail ?? 'SANDBOX') !== current) return 0;
  const mark = db.prepare("UPDATE sales SET mode = 'SANDBOX' WHERE created_at >= ? AND created_at < ?");
  let marked = 0;
  let from = Number.MIN_SAFE_INTEGER;
  let mode: 'SANDBOX' | 'LIVE' = 'SANDBOX';
  for (const s of switches) {
    if (mode === 'SANDBOX') marked += mark.run(from, s.at).changes;
    from = s.at;
    mode = s.detail;
  }
  if (mode === 'SANDBOX') marked += mark.run(from, Number.MAX_SAFE_INTEGER).changes;
  db.exec("UPDATE receipts SET mode = 'SANDBOX' WHERE sale_id IN (SELECT id FROM sales WHERE mode = 'SANDBOX')");
  return marked;
}

export const migration003: Migration = {
  version: 3,
  name: 'sale-mode',
  up(db: Database.Database): void {
    db.exec(SCHEMA_003_COLUMNS);
    markSandboxSalesFromAudit(db); // before the guards, which fix a sale's mode once it has an order
    db.exec(SCHEMA_003_GUARDS_AND_INDEXES);
  },
};
