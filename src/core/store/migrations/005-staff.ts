// Migration 5 (issue 11 point 1, i11-staff): staff accounts, and who did what on the money rows.
//   staff           one row per person: name, role, keyed PIN record (src/core/auth/pin-hash.ts).
//   sales.staff_id              who rang the sale up (sales.cashier keeps the name as it was).
//   payment_attempts.cancelled_by   who cancelled it.
//   refunds.staff_id / second_staff_id   who approved it, and the second manager above the threshold.
//   alerts.dismissed_by / dismiss_reason  who dismissed an alert and why (also in the audit log).
// The *_id columns are filled by temporary triggers while a signed-in person's call runs
// (src/core/auth/actor-stamp.ts), in the same transaction as the row itself.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_005 = `
CREATE TABLE staff (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  role        TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'owner')),
  pin_record  TEXT NOT NULL,
  disabled    INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at  INTEGER NOT NULL,
  created_by  TEXT
) STRICT;
ALTER TABLE sales ADD COLUMN staff_id TEXT;
ALTER TABLE payment_attempts ADD COLUMN cancelled_by TEXT;
ALTER TABLE refunds ADD COLUMN staff_id TEXT;
ALTER TABLE refunds ADD COLUMN second_staff_id TEXT;
ALTER TABLE alerts ADD COLUMN dismissed_by TEXT;
ALTER TABLE alerts ADD COLUMN dismiss_reason TEXT;
`;

export const migration005: Migration = {
  version: 5,
  name: 'staff',
  up(db: Database.Database): void {
    db.exec(SCHEMA_005);
  },
};
