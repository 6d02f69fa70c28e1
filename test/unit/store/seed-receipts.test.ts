// The test-data generator writes rows the schema and the audit chain accept, deterministically.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/store';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { freshStore, tempDir, type TempDir } from './helpers';

describe('seedReceipts', () => {
  let t: TempDir;
  let s: Store;
  beforeEach(() => {
    t = tempDir();
    s = freshStore(t);
  });
  afterEach(() => {
    s.close();
    t.cleanup();
  });

  it('writes consistent sales, lines, attempts, receipts, refunds and a valid audit chain', () => {
    const r = seedReceipts(s.db, { count: 2000, startMs: Date.UTC(2026, 0, 1), seed: 5, batch: 700 });
    expect(r.receipts).toBe(2000);
    const one = (sql: string): unknown => (s.db.prepare(sql).get() as { v: unknown }).v;
    expect(one('SELECT count(*) AS v FROM receipts')).toBe(2000);
    expect(s.db.pragma('foreign_key_check')).toEqual([]);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Totals add up: sale = sum of lines = receipt; refunded_fen = sum of successful refunds.
    expect(one('SELECT count(*) AS v FROM sales s WHERE total_fen <> (SELECT sum(line_fen) FROM sale_lines WHERE sale_id = s.id)')).toBe(0);
    expect(one('SELECT count(*) AS v FROM receipts r JOIN sales s ON s.id = r.sale_id WHERE r.total_fen <> s.total_fen')).toBe(0);
    expect(
      one(`SELECT count(*) AS v FROM receipts r WHERE refunded_fen <>
             (SELECT coalesce(sum(amount_fen), 0) FROM refunds WHERE receipt_id = r.id AND state = 'SUCCESS')`),
    ).toBe(0);
    expect(one("SELECT count(*) AS v FROM receipts r JOIN payment_attempts a ON a.id = r.attempt_id WHERE a.state <> 'SUCCESS' OR a.transaction_id <> r.transaction_id")).toBe(0);
    expect(one('SELECT min(length(transaction_id)) AS v FROM receipts')).toBe(28);
    expect(s.audit.verify({ full: true })).toEqual({ ok: true, checkedRows: r.auditRows, headSeq: r.auditRows });
  });

  it('is deterministic for a seed and appends after existing rows', () => {
    seedReceipts(s.db, { count: 50, startMs: 1_700_000_000_000, seed: 9 });
    const a = s.db.prepare('SELECT out_trade_no, transaction_id, total_fen, paid_at FROM receipts ORDER BY id').all();
    const t2 = tempDir();
    const s2 = freshStore(t2);
    seedReceipts(s2.db, { count: 50, startMs: 1_700_000_000_000, seed: 9 });
    expect(s2.db.prepare('SELECT out_trade_no, transaction_id, total_fen, paid_at FROM receipts ORDER BY id').all()).toEqual(a);
    s2.close();
    t2.cleanup();
    seedReceipts(s.db, { count: 50, startMs: 1_800_000_000_000, seed: 10 });
    expect(s.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 100 });
    expect(s.audit.verify({ full: true }).ok).toBe(true);
  });

  it('writes the mode on sales and receipts (LIVE by default)', () => {
    seedReceipts(s.db, { count: 30, startMs: 1_700_000_000_000, seed: 2 });
    seedReceipts(s.db, { count: 20, startMs: 1_700_000_000_000, seed: 3, tillId: 'T02', mode: 'SANDBOX' });
    const modes = (table: string): unknown[] => s.db.prepare(`SELECT mode, count(*) AS n FROM ${table} GROUP BY mode ORDER BY mode`).all();
    expect(modes('sales')).toEqual([{ mode: 'LIVE', n: 30 }, { mode: 'SANDBOX', n: 20 }]);
    expect(modes('receipts')).toEqual([{ mode: 'LIVE', n: 30 }, { mode: 'SANDBOX', n: 20 }]);
    expect(s.db.prepare('SELECT count(*) AS n FROM receipts r JOIN sales x ON x.id = r.sale_id WHERE r.mode <> x.mode').get()).toEqual({ n: 0 });
  });
});
