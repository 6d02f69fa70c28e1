// Migration 4 (issue 10, refunds): what a refund needs to always end and to be handled by a manager.
//   not_there_since / not_there_count  the current run of definite "WeChat does not have this refund"
//       answers (refundquery REFUNDNOTEXIST after a refused or unsent resend), persisted so that the
//       bound of refund-end-rule.ts survives a restart; reset to NULL / 0 by any other answer.
//   handled_at / handled_by  a CHANGE refund the manager marked handled (PIN, audited).
// New states (NOT_ACCEPTED) need no schema change: refunds.state is free text, and an older build shows
// a state it does not know as processing and keeps holding its amount (refund-repo.ts).
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_004 = `
ALTER TABLE refunds ADD COLUMN not_there_since INTEGER;
ALTER TABLE refunds ADD COLUMN not_there_count INTEGER NOT NULL DEFAULT 0 CHECK (not_there_count >= 0);
ALTER TABLE refunds ADD COLUMN handled_at INTEGER;
ALTER TABLE refunds ADD COLUMN handled_by TEXT;
`;

export const migration004: Migration = {
  version: 4,
  name: 'refund-ends',
  up(db: Database.Database): void {
    db.exec(SCHEMA_004);
  },
};
