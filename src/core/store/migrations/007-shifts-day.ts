// Migration 7 (issue 13): shifts with their float, pay-ins/outs and counted cash; cash as a
// second tender and cash refunds; Z reports numbered without gaps; reconciliation results per bill date.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_007 = `
-- A cashier's shift at one till, one open at a time (partial unique index). The drawer is the same in
-- both modes, so a mode switch keeps the shift; mode is the mode it was opened in (its Z report's).
CREATE TABLE shifts (
  id           TEXT PRIMARY KEY,
  till_id      TEXT NOT NULL,
  mode         TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  opened_by_id TEXT NOT NULL,
  opened_by    TEXT NOT NULL,
  opened_at    INTEGER NOT NULL,
  float_fen    INTEGER NOT NULL CHECK (float_fen >= 0),
  closed_at    INTEGER,
  closed_by    TEXT,
  expected_fen INTEGER,
  counted_fen  INTEGER CHECK (counted_fen IS NULL OR counted_fen >= 0),
  diff_fen     INTEGER,
  counts       TEXT,
  accepted_by  TEXT
) STRICT;
-- One store file is one till: at most one open shift in it (a till id change keeps the shift).
CREATE UNIQUE INDEX shifts_one_open ON shifts(coalesce(closed_at, 0)) WHERE closed_at IS NULL;
CREATE INDEX shifts_closed ON shifts(mode, closed_at) WHERE closed_at IS NOT NULL;
CREATE TRIGGER shifts_closed_fixed BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'a closed shift cannot change'); END;

-- Pay-ins and pay-outs of cash during a shift, each with its reason.
CREATE TABLE shift_moves (
  id         TEXT PRIMARY KEY,
  shift_id   TEXT NOT NULL REFERENCES shifts(id),
  kind       TEXT NOT NULL CHECK (kind IN ('PAY_IN', 'PAY_OUT')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason     TEXT NOT NULL,
  by_name    TEXT NOT NULL,
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX shift_moves_shift ON shift_moves(shift_id);

-- The cash tender of a sale (the sale row is in sales, mode and cashier included).
-- due_fen: what the customer owes in cash after rounding (抹零 takes rounding_fen off the total).
CREATE TABLE cash_tenders (
  sale_id      TEXT PRIMARY KEY REFERENCES sales(id),
  shift_id     TEXT NOT NULL REFERENCES shifts(id),
  mode         TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  due_fen      INTEGER NOT NULL CHECK (due_fen >= 0),
  rounding_fen INTEGER NOT NULL CHECK (rounding_fen >= 0 AND rounding_fen < 10),
  tendered_fen INTEGER NOT NULL CHECK (tendered_fen >= due_fen),
  change_fen   INTEGER NOT NULL CHECK (change_fen = tendered_fen - due_fen),
  paid_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX cash_tenders_paid_at ON cash_tenders(mode, paid_at);
CREATE INDEX cash_tenders_shift ON cash_tenders(shift_id);

CREATE TABLE cash_refunds (
  id         TEXT PRIMARY KEY,
  sale_id    TEXT NOT NULL REFERENCES cash_tenders(sale_id),
  shift_id   TEXT NOT NULL REFERENCES shifts(id),
  mode       TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason     TEXT NOT NULL,
  approver   TEXT NOT NULL,
  at         INTEGER NOT NULL
) STRICT;
CREATE INDEX cash_refunds_at ON cash_refunds(mode, at);
CREATE INDEX cash_refunds_sale ON cash_refunds(sale_id);
CREATE INDEX cash_refunds_shift ON cash_refunds(shift_id);

-- Z reports: one per business day and mode, numbered 1, 2, 3... per mode with no gap, never redone.
CREATE TABLE z_reports (
  mode         TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  seq          INTEGER NOT NULL CHECK (seq > 0),
  business_day TEXT NOT NULL,
  day_start    INTEGER NOT NULL,
  day_end      INTEGER NOT NULL,
  closed_at    INTEGER NOT NULL,
  closed_by    TEXT NOT NULL,
  report       TEXT NOT NULL,
  PRIMARY KEY (mode, seq),
  UNIQUE (mode, business_day)
) STRICT;
CREATE TRIGGER z_reports_no_gap BEFORE INSERT ON z_reports
  WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM z_reports WHERE mode = NEW.mode)
  BEGIN SELECT RAISE(ABORT, 'Z report number out of sequence'); END;
CREATE TRIGGER z_reports_no_update BEFORE UPDATE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z report cannot be redone'); END;
CREATE TRIGGER z_reports_no_delete BEFORE DELETE ON z_reports BEGIN SELECT RAISE(ABORT, 'a Z report cannot be removed'); END;

-- Voids and cancels of a day for the Z report, found by when the order ended.
CREATE INDEX payment_attempts_ended ON payment_attempts(final_at, state) WHERE state <> 'PAID';

-- Reconciliation reads a day's refunds by when they were asked for.
CREATE INDEX refunds_created ON refunds(created_at);

-- The latest reconciliation of WeChat's bill for a Beijing date (yyyyMMdd); attached to that day's Z.
CREATE TABLE reconciliations (
  mode      TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  bill_date TEXT NOT NULL,
  ran_at    INTEGER NOT NULL,
  clean     INTEGER NOT NULL CHECK (clean IN (0, 1)),
  fee_fen   INTEGER,
  result    TEXT NOT NULL,
  PRIMARY KEY (mode, bill_date)
) STRICT;
`;

export const migration007: Migration = {
  version: 7,
  name: 'shifts-day',
  up(db: Database.Database): void {
    db.exec(SCHEMA_007);
  },
};
