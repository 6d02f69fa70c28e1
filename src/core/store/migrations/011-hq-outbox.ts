// Migration 011 (issue 16, head office): the outbox. Every row a till must report to HQ (receipts,
// refunds, audit entries, shifts, cash, Z reports and reconciliations) enters hq_outbox from a trigger, so it is
// written in the same transaction that creates or changes the row, without touching the repositories.
// The triggers fire only once the till is enrolled (hq_sync_state has its row); enrolment back-fills
// what was written before. seq is AUTOINCREMENT: strictly increasing, never reused, and a rolled-back
// transaction leaves no gap, so (till_id, seq) is HQ's idempotency key.
//


import type Database from 'better-sqlite3';
import type { Migration } from './types';
import { outboxTriggerSql, type OutboxSource } from './outbox-sources';

export const OUTBOX_MIGRATION_VERSION = 11;

export const SCHEMA_011 = `
CREATE TABLE hq_outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  kind       TEXT NOT NULL,
  ref        TEXT NOT NULL,
  payload    TEXT NOT NULL CHECK (json_valid(payload)),
  created_at INTEGER NOT NULL
) STRICT;

-- One row once the till is enrolled at HQ; absent on a till that works alone (no outbox rows then).
-- acked_seq: every outbox row up to it is stored at HQ (those rows are deleted).
CREATE TABLE hq_sync_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  till_id     TEXT NOT NULL,
  acked_seq   INTEGER NOT NULL DEFAULT 0,
  enrolled_at INTEGER NOT NULL
) STRICT;
`;

/**
 * The till tables that feed the outbox. A table from an earlier migration gets one line here; a table made
 * by a LATER migration calls db.exec(outboxTriggerSql(db, source)) in that migration instead.
 */
export const OUTBOX_SOURCES: readonly OutboxSource[] = [
  {
    table: 'receipts',
    kind: 'receipt',
    key: 'id',
    updateOf: ['refunded_fen', 'paid_after_cancel'],
    extra: {
      // NATIVE / MICROPAY; a receipts.tender column (cash, issue 13) travels as itself and wins at HQ
      attempt_kind: "(SELECT a.kind FROM payment_attempts a WHERE a.id = R.attempt_id)",
      sale: `json((SELECT json_object('id', s.id, 'till_id', s.till_id, 'cashier', s.cashier, 'total_fen', s.total_fen, 'created_at', s.created_at,
               'lines', json((SELECT json_group_array(json_object('line_no', l.line_no, 'name', l.name, 'quantity', l.quantity, 'unit_fen', l.unit_fen, 'line_fen', l.line_fen))
                              FROM (SELECT * FROM sale_lines WHERE sale_id = s.id ORDER BY line_no) l)))
             FROM sales s WHERE s.id = R.sale_id))`,
    },
  },
  { table: 'refunds', kind: 'refund', key: 'id', updateOf: ['state', 'refund_id', 'final_at'] },
  { table: 'audit_log', kind: 'audit', key: 'seq' },
  // issue 13 (migration 7): the shop's day travels too
  { table: 'shifts', kind: 'shift', key: 'id', updateOf: ['closed_at'] },
  { table: 'shift_moves', kind: 'shift_move', key: 'id' },
  { table: 'cash_tenders', kind: 'cash_sale', key: 'sale_id' },
  { table: 'cash_refunds', kind: 'cash_refund', key: 'id' },
  { table: 'z_reports', kind: 'z_report', key: 'rowid' }, // (mode, seq) is the table's key; rowid names the row
  { table: 'reconciliations', kind: 'reconcile_result', key: 'bill_date', updateOf: ['ran_at'] },
];

export const migration011: Migration = {
  version: OUTBOX_MIGRATION_VERSION,
  name: 'hq-outbox',
  up(db: Database.Database): void {
    db.exec(SCHEMA_011);
    for (const s of OUTBOX_SOURCES) db.exec(outboxTriggerSql(db, s));
  },
};
