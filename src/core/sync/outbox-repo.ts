// The till's side of the outbox (issue 16): enrolment state, the next batch to push, and the ack that
// deletes what HQ stored. Rows enter hq_outbox from triggers (store/migrations/outbox-sources.ts).
import type Database from 'better-sqlite3';
import type { HqEvent } from '../../common/hq-sync';
import { OUTBOX_SOURCES_NOW } from '../store/migrations/013-split-tender'; // issue 13.1 split tender (i13-split): receipts with split_cash_fen, split_tenders
import { backfillSql } from '../store/migrations/outbox-sources';
import { stmt } from '../store/stmt';

export interface SyncState {
  readonly tillId: string;
  readonly ackedSeq: number;
}

export function syncState(db: Database.Database): SyncState | null {
  const r = stmt(db, 'SELECT till_id AS tillId, acked_seq AS ackedSeq FROM hq_sync_state WHERE id = 1').get() as SyncState | undefined;
  return r ?? null;
}

/**
 * Turns the outbox on for this till (after enrolment) and queues every row written before, in one
 * transaction: from here on each receipt, refund and audit row enters the outbox as it is written.
 */
export function enableOutbox(db: Database.Database, tillId: string, nowMs: number): void {
  db.transaction(() => {
    const cur = syncState(db);
    if (cur?.tillId === tillId) return;
    if (cur) {
      // Enrolled again under a new id: HQ knows nothing of this till yet, so it gets the whole history
      // again from seq 1 (the old rows were for the old id).
      db.exec("DELETE FROM hq_outbox; DELETE FROM sqlite_sequence WHERE name = 'hq_outbox'; DELETE FROM hq_sync_state");
    }
    for (const s of OUTBOX_SOURCES_NOW) db.exec(backfillSql(db, s));
    stmt(db, 'INSERT INTO hq_sync_state (id, till_id, acked_seq, enrolled_at) VALUES (1, ?, 0, ?)').run(tillId, nowMs);
  }).immediate();
}

interface OutboxRow {
  seq: number;
  kind: string;
  ref: string;
  payload: string;
  created_at: number;
}

/** The oldest rows not yet acknowledged, at most `limit`. */
export function nextBatch(db: Database.Database, limit: number): HqEvent[] {
  const rows = stmt(db, 'SELECT seq, kind, ref, payload, created_at FROM hq_outbox ORDER BY seq LIMIT ?').all(limit) as OutboxRow[];
  return rows.map((r) => ({ seq: r.seq, kind: r.kind, ref: r.ref, payload: JSON.parse(r.payload) as Record<string, unknown>, createdAt: r.created_at }));
}

export function waitingCount(db: Database.Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM hq_outbox').get() as { n: number }).n;
}

/** HQ stored every row up to ackedSeq: forget them. An ack never moves backwards. */
export function acknowledge(db: Database.Database, ackedSeq: number): void {
  db.transaction(() => {
    stmt(db, 'UPDATE hq_sync_state SET acked_seq = max(acked_seq, ?) WHERE id = 1').run(ackedSeq);
    stmt(db, 'DELETE FROM hq_outbox WHERE seq <= ?').run(ackedSeq);
  })();
}
