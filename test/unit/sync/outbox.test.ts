// Issue 16 point 3, the till's outbox without HQ: rows enter it from triggers in the transaction that
// writes them (a rollback leaves neither the row nor a seq gap), only once the till is enrolled (enrolment
// back-fills what came before), a refund's state change sends a new snapshot, and an ack deletes.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrations';
import { OUTBOX_SOURCES } from '../../../src/core/store/migrations/011-hq-outbox';
import { outboxTriggerSql } from '../../../src/core/store/migrations/outbox-sources';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { acknowledge, enableOutbox, nextBatch, syncState, waitingCount } from '../../../src/core/sync/outbox-repo';

function till(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  return db;
}
const count = (db: Database.Database, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('till outbox (migration 011 triggers)', () => {
  it('a till working alone writes nothing to the outbox; enrolment back-fills every row, seqs 1..n', () => {
    const db = till();
    seedReceipts(db, { count: 20, startMs: Date.UTC(2026, 0, 1), seed: 3 });
    expect(waitingCount(db)).toBe(0);
    enableOutbox(db, 'till-a', 1);
    const rows = nextBatch(db, 10_000);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(rows.filter((r) => r.kind === 'receipt')).toHaveLength(count(db, 'receipts'));
    expect(rows.filter((r) => r.kind === 'refund')).toHaveLength(count(db, 'refunds'));
    expect(rows.filter((r) => r.kind === 'audit')).toHaveLength(count(db, 'audit_log'));
    const r = rows.find((x) => x.kind === 'receipt')!.payload as { sale: { lines: { line_fen: number }[]; total_fen: number }; total_fen: number; attempt_kind: string };
    expect(r.sale.lines.reduce((s, l) => s + l.line_fen, 0)).toBe(r.total_fen);
    expect(r.attempt_kind).toBe('NATIVE');
    expect(syncState(db)).toEqual({ tillId: 'till-a', ackedSeq: 0 });
  });

  it('a rolled-back sale leaves no outbox row and no seq gap', () => {
    const db = till();
    enableOutbox(db, 'till-a', 1);
    seedReceipts(db, { count: 1, startMs: Date.UTC(2026, 0, 1), seed: 4, audit: false });
    const before = nextBatch(db, 100).map((r) => r.seq);
    expect(() =>
      db.transaction(() => {
        seedReceipts(db, { count: 1, startMs: Date.UTC(2026, 0, 2), seed: 5, audit: false });
        throw new Error('power cut before commit');
      })(),
    ).toThrow(/power cut/);
    expect(nextBatch(db, 100).map((r) => r.seq)).toEqual(before);
    seedReceipts(db, { count: 1, startMs: Date.UTC(2026, 0, 3), seed: 6, audit: false });
    const seqs = nextBatch(db, 100).map((r) => r.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('a refund state change and a receipt\'s refunded amount travel as new snapshots; an ack deletes', () => {
    const db = till();
    seedReceipts(db, { count: 1, startMs: Date.UTC(2026, 0, 1), seed: 8, audit: false });
    enableOutbox(db, 'till-a', 1);
    acknowledge(db, nextBatch(db, 100).at(-1)!.seq);
    expect(waitingCount(db)).toBe(0);
    const id = (db.prepare('SELECT id FROM receipts').get() as { id: string }).id;
    db.prepare("INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at) VALUES ('F1', ?, 'N1', 1, 'r', 'M', 'PENDING', 1, 1)").run(id);
    db.prepare("UPDATE refunds SET updated_at = 2 WHERE id = 'F1'").run(); // not a tracked column: no snapshot
    db.prepare("UPDATE refunds SET state = 'SUCCESS', final_at = 3 WHERE id = 'F1'").run();
    db.prepare('UPDATE receipts SET refunded_fen = 1 WHERE id = ?').run(id);
    const rows = nextBatch(db, 100);
    expect(rows.map((r) => [r.kind, r.payload.state ?? r.payload.refunded_fen])).toEqual([['refund', 'PENDING'], ['refund', 'SUCCESS'], ['receipt', 1]]);
    acknowledge(db, rows[1]!.seq);
    expect(nextBatch(db, 100).map((r) => r.kind)).toEqual(['receipt']);
    acknowledge(db, 1); // an ack never moves backwards
    expect(syncState(db)!.ackedSeq).toBe(rows[1]!.seq);
  });

  it('another table joins the outbox with one source line; the day of issue 13 is in it', () => {
    const db = till();
    // A table made by a later migration joins with one call.
    db.exec('CREATE TABLE stock_counts (id TEXT PRIMARY KEY, no INTEGER NOT NULL, total_fen INTEGER NOT NULL) STRICT');
    db.exec(outboxTriggerSql(db, { table: 'stock_counts', kind: 'stock_count', key: 'id' }));
    enableOutbox(db, 'till-a', 1);
    db.prepare("INSERT INTO stock_counts VALUES ('S1', 1, 12345)").run();
    expect(nextBatch(db, 10)).toEqual([expect.objectContaining({ kind: 'stock_count', ref: 'S1', payload: { id: 'S1', no: 1, total_fen: 12345 } })]);
    expect(OUTBOX_SOURCES.map((s) => s.table)).toEqual([
      'receipts', 'refunds', 'audit_log', 'shifts', 'shift_moves', 'cash_tenders', 'cash_refunds', 'z_reports', 'reconciliations',
    ]);
    // Every source has its insert trigger in a migrated till.
    const triggers = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name));
    for (const src of OUTBOX_SOURCES) expect(triggers.has(`hq_outbox_${src.table}_ins`)).toBe(true);
    expect(() => outboxTriggerSql(db, { table: 'x; DROP TABLE receipts', kind: 'k', key: 'id' })).toThrow(/identifier/);
  });
});
