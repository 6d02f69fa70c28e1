// Migration 2 (history indexes + audit anchor) on top of a version-1 file that already has data.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { VirtualClock } from '../../../src/common/clock';
import { GENESIS_HASH, MIGRATIONS, canonicalRow, chainHash, createAuditLog, migrate, userVersion } from '../../../src/core/store';
import { bareDb, insertPaidSale, tempDir, type TempDir } from './helpers';

const indexes = (db: Database.Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('migration 002 (history indexes, audit anchor)', () => {
  let t: TempDir;
  let db: Database.Database;
  beforeEach(() => {
    t = tempDir();
    db = bareDb(t.path('m2.db'));
    migrate(db, MIGRATIONS, 1);
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('applies on an empty version-1 file', () => {
    expect(migrate(db, MIGRATIONS, 2)).toEqual({ from: 1, to: 2 });
    expect(indexes(db)).toEqual([
      'alerts_open',
      'payment_attempts_open',
      'payment_attempts_sale',
      'receipts_after_cancel',
      'receipts_amount',
      'receipts_paid_at',
      'receipts_refunded',
      'receipts_sale',
      'receipts_text_out_trade_no',
      'receipts_text_transaction_id',
      'refunds_final',
      'refunds_open',
      'refunds_receipt',
    ]);
    expect(db.prepare('SELECT head_seq, head_hash, checked_seq FROM audit_anchor').all()).toEqual([
      { head_seq: 0, head_hash: GENESIS_HASH, checked_seq: 0 },
    ]);
  });

  it('keeps existing rows and anchors the head at the last audit row written under version 1', () => {
    insertPaidSale(db, 1);
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 3; seq++) {
      const row = { seq, at: seq, actor: 'a', action: 'b', subject: 'c', detail: 'd' };
      const hash = chainHash(prev, canonicalRow(row));
      db.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(seq, seq, 'a', 'b', 'c', 'd', prev, hash);
      prev = hash;
    }
    migrate(db, MIGRATIONS, 2);
    expect(userVersion(db)).toBe(2);
    expect(db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT head_seq, head_hash FROM audit_anchor').get()).toEqual({ head_seq: 3, head_hash: prev });
    const audit = createAuditLog(db, new VirtualClock());
    expect(audit.verify()).toEqual({ ok: true, checkedRows: 3, headSeq: 3 });
    audit.append({ actor: 'x', action: 'y', subject: 'z', detail: '' });
    expect(audit.verify({ full: true })).toEqual({ ok: true, checkedRows: 4, headSeq: 4 });
  });

  it('the anchor is a single row', () => {
    migrate(db, MIGRATIONS, 2);
    expect(() =>
      db.prepare("INSERT INTO audit_anchor VALUES (2, 0, 'x', 0, 'x', 0)").run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
