// Migration 4 (refund ends, issue 10) on a version-3 file with open and final refunds: the new columns
// arrive empty (no run of not-there answers, nothing handled), old rows keep their states and amounts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { MIGRATIONS, migrate, userVersion } from '../../../src/core/store';
import { getRefund, markChangeHandled, noteNotThere } from '../../../src/core/store/repos/refund-repo';
import { bareDb, insertPaidSale, tempDir, type TempDir } from '../store/helpers';

describe('migration 004 (refund ends)', () => {
  let t: TempDir;
  let db: Database.Database;
  beforeEach(() => {
    t = tempDir();
    db = bareDb(t.path('m4.db'));
    migrate(db, MIGRATIONS, 3);
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('adds the not-there run and the handled mark to existing refunds, which keep their state', () => {
    insertPaidSale(db, 1, { totalFen: 1000 });
    const ins = db.prepare(
      `INSERT INTO refunds (id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at, final_at)
         VALUES (?, 'R1', ?, 100, 'r', 'm', ?, 1, 1, ?)`,
    );
    ins.run('F1', 'RF1', 'SENT', null);
    ins.run('F2', 'RF2', 'CHANGE', 5);
    expect(migrate(db, MIGRATIONS, 4)).toEqual({ from: 3, to: 4 });
    expect(userVersion(db)).toBe(4);
    expect(getRefund(db, 'F1')).toMatchObject({ state: 'SENT', notThereSince: null, notThereCount: 0, handledAt: null, handledBy: null });
    expect(noteNotThere(db, 'F1', 10)).toEqual({ since: 10, count: 1 });
    expect(noteNotThere(db, 'F1', 20)).toEqual({ since: 10, count: 2 });
    expect(noteNotThere(db, 'F2', 30)).toEqual({ since: null, count: 0 }); // final rows are not touched
    expect(markChangeHandled(db, 'F1', 'm', 40)).toBe(false); // only CHANGE
    expect(markChangeHandled(db, 'F2', 'm', 40)).toBe(true);
    expect(markChangeHandled(db, 'F2', 'm', 41)).toBe(false); // once
    expect(getRefund(db, 'F2')).toMatchObject({ state: 'CHANGE', handledAt: 40, handledBy: 'm' });
    expect(() => db.prepare("UPDATE refunds SET not_there_count = -1 WHERE id = 'F1'").run()).toThrow(/CHECK/);
  });
});
