// Migration 014 (issue 16 point 4, i16-xrefund): a home at this till for a payment made at another till,
// so the refund machinery (refund rows, watcher, History detail) works on it unchanged. The mirror is a
// sale, a PAID attempt and a receipt like any other, marked by receipts.origin_till_id (NULL = this till's
// own sale). A mirror never counts as this till's sale: day totals, the X/Z report and reconciliation's
// "here" side skip it, and it never enters the outbox (HQ has it from the paying till); its refunds are
// this till's refunds and travel as usual. The receipts triggers are made again for the new columns.
// Built on 013's outbox sources (receipts carry split_cash_fen; split_tenders travel too).
import type Database from 'better-sqlite3';
import type { Migration } from './types';
import { OUTBOX_SOURCES_NOW } from './013-split-tender';
import { outboxTriggerSql, type OutboxSource } from './outbox-sources';

export const FOREIGN_RECEIPTS_VERSION = 14;

/** The outbox's receipts source from this migration on: a foreign mirror is never sent back to HQ. */
export const OWN_RECEIPTS_ONLY = 'R.origin_till_id IS NULL';

/** The outbox sources as they stand after this migration (enrolment back-fills with these). */
export const CURRENT_OUTBOX_SOURCES: readonly OutboxSource[] = OUTBOX_SOURCES_NOW.map((s) => (s.table === 'receipts' ? { ...s, onlyIf: OWN_RECEIPTS_ONLY } : s));

export const SCHEMA_014 = `
ALTER TABLE receipts ADD COLUMN origin_till_id TEXT;
ALTER TABLE receipts ADD COLUMN origin_till_name TEXT;
CREATE INDEX receipts_foreign ON receipts(origin_till_id) WHERE origin_till_id IS NOT NULL;
DROP TRIGGER IF EXISTS hq_outbox_receipts_ins;
DROP TRIGGER IF EXISTS hq_outbox_receipts_upd;
`;

export const migration014: Migration = {
  version: FOREIGN_RECEIPTS_VERSION,
  name: 'foreign-receipts',
  up(db: Database.Database): void {
    db.exec(SCHEMA_014);
    const receipts = CURRENT_OUTBOX_SOURCES.find((s) => s.table === 'receipts');
    if (!receipts) throw new Error('outbox source for receipts is missing');
    db.exec(outboxTriggerSql(db, receipts));
  },
};
