// Migration 3 (sale mode) on top of a version-2 file that already has data: old sales get the mode the
// audit trail says the till was in, every sale and receipt records SANDBOX or LIVE, a receipt always has
// its sale's mode, neither changes once an order exists, and the history indexes are led by mode.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { MIGRATIONS, migrate, userVersion } from '../../../src/core/store';
import { bareDb, insertPaidSale, tempDir, type TempDir } from './helpers';

const indexColumns = (db: Database.Database, name: string): string[] =>
  (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').all(name) as { name: string }[]).map((r) => r.name);

describe('migration 003 (sale mode)', () => {
  let t: TempDir;
  let db: Database.Database;
  beforeEach(() => {
    t = tempDir();
    db = bareDb(t.path('m3.db'));
    migrate(db, MIGRATIONS, 2);
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  const auditSwitch = (seq: number, at: number, mode: string): void => {
    db.prepare("INSERT INTO audit_log VALUES (?, ?, 'mgr', 'settings.mode', 'settings', ?, 'p', 'h')").run(seq, at, mode);
  };
  const modes = (table: 'sales' | 'receipts'): Record<string, string> =>
    Object.fromEntries((db.prepare(`SELECT id, mode FROM ${table}`).all() as { id: string; mode: string }[]).map((r) => [r.id, r.mode]));

  it('sets old sales from the audited mode switches: SANDBOX until the first switch to LIVE, and so on', () => {
    for (const [n, at] of [[1, 50], [2, 99], [3, 100], [4, 150], [5, 250], [6, 350]] as const) insertPaidSale(db, n, { paidAt: at, refundedFen: n === 5 ? 10 : 0 });
    auditSwitch(1, 100, 'LIVE');
    db.prepare("INSERT INTO audit_log VALUES (2, 120, 'amy', 'charge', 'x', '{}', 'p', 'h')").run();
    auditSwitch(3, 200, 'SANDBOX');
    auditSwitch(4, 300, 'LIVE');
    db.prepare("INSERT INTO settings(key, value) VALUES ('mode', 'LIVE')").run();
    expect(migrate(db, MIGRATIONS, 3)).toEqual({ from: 2, to: 3 });
    expect(userVersion(db)).toBe(3);
    const want = { S1: 'SANDBOX', S2: 'SANDBOX', S3: 'LIVE', S4: 'LIVE', S5: 'SANDBOX', S6: 'LIVE' };
    expect(modes('sales')).toEqual(want);
    expect(modes('receipts')).toEqual(Object.fromEntries(Object.entries(want).map(([k, v]) => [k.replace('S', 'R'), v])));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('a till that never went LIVE has only sandbox sales', () => {
    insertPaidSale(db, 1);
    insertPaidSale(db, 2);
    migrate(db, MIGRATIONS, 3);
    expect(modes('sales')).toEqual({ S1: 'SANDBOX', S2: 'SANDBOX' });
    expect(modes('receipts')).toEqual({ R1: 'SANDBOX', R2: 'SANDBOX' });
  });

  it('when the audit trail does not match the stored mode, old rows stay LIVE (a real receipt is never hidden)', () => {
    insertPaidSale(db, 1);
    insertPaidSale(db, 2, { refundedFen: 400 });
    db.prepare("INSERT INTO settings(key, value) VALUES ('mode', 'LIVE')").run(); // but no audited switch
    migrate(db, MIGRATIONS, 3);
    expect(modes('sales')).toEqual({ S1: 'LIVE', S2: 'LIVE' });
    expect(modes('receipts')).toEqual({ R1: 'LIVE', R2: 'LIVE' });
  });

  it('leads every history index with mode, and the final-refund index covers the receipt key', () => {
    migrate(db, MIGRATIONS, 3);
    expect(indexColumns(db, 'receipts_paid_at')).toEqual(['mode', 'paid_at', 'id']);
    expect(indexColumns(db, 'receipts_amount')).toEqual(['mode', 'total_fen', 'paid_at', 'id']);
    expect(indexColumns(db, 'receipts_refunded')).toEqual(['mode', 'paid_at', 'id']);
    expect(indexColumns(db, 'receipts_after_cancel')).toEqual(['mode', 'paid_at', 'id']);
    expect(indexColumns(db, 'receipts_text_out_trade_no')).toEqual(['mode', 'out_trade_no', 'paid_at', 'id']);
    expect(indexColumns(db, 'receipts_text_transaction_id')).toEqual(['mode', 'transaction_id', 'paid_at', 'id']);
    expect(indexColumns(db, 'refunds_final')).toEqual(['final_at', 'state', 'amount_fen', 'receipt_id']);
  });

  it('accepts only SANDBOX and LIVE', () => {
    migrate(db, MIGRATIONS, 3);
    const sale = db.prepare("INSERT INTO sales(id, till_id, cashier, total_fen, created_at, mode) VALUES ('Sx', 'T1', 'C1', 100, 1, ?)");
    expect(() => sale.run('TEST')).toThrow(/CHECK constraint failed/);
    expect(() => sale.run('sandbox')).toThrow(/CHECK constraint failed/);
    expect(() => sale.run(null)).toThrow(/NOT NULL constraint failed/);
    sale.run('SANDBOX');
  });

  it("a receipt takes its sale's mode: a sandbox sale cannot get a LIVE receipt, nor the reverse", () => {
    migrate(db, MIGRATIONS, 3);
    // mode omitted: the receipt defaults to LIVE, which differs from the sandbox sale
    db.exec(`INSERT INTO sales(id, till_id, cashier, total_fen, created_at, mode) VALUES ('S9', 'T1', 'C1', 100, 1, 'SANDBOX');
      INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, created_at, updated_at)
        VALUES ('A9', 'S9', 'NATIVE', 'OTN9', 100, 'b', 'PAID', 1, 1);`);
    const receipt = (mode: string | null): string =>
      `INSERT INTO receipts(id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, paid_at${mode ? ', mode' : ''})
       VALUES ('R9', 'S9', 'A9', 'OTN9', 'TX9', 100, 2${mode ? `, '${mode}'` : ''})`;
    expect(() => db.exec(receipt(null))).toThrow(/receipt mode differs from its sale/);
    expect(() => db.exec(receipt('LIVE'))).toThrow(/receipt mode differs from its sale/);
    db.exec(receipt('SANDBOX'));
    insertPaidSale(db, 1, { mode: 'LIVE' });
    expect(db.prepare('SELECT id, mode FROM receipts ORDER BY id').all()).toEqual([
      { id: 'R1', mode: 'LIVE' },
      { id: 'R9', mode: 'SANDBOX' },
    ]);
  });

  it('the mode is fixed once an order exists (set in the transaction that creates the sale)', () => {
    migrate(db, MIGRATIONS, 3);
    db.exec("INSERT INTO sales(id, till_id, cashier, total_fen, created_at) VALUES ('S5', 'T1', 'C1', 100, 1)");
    db.exec("UPDATE sales SET mode = 'SANDBOX' WHERE id = 'S5'"); // no order yet
    insertPaidSale(db, 1, { mode: 'SANDBOX' });
    expect(() => db.exec("UPDATE sales SET mode = 'LIVE' WHERE id = 'S1'")).toThrow(/sale mode cannot change once an order exists/);
    expect(() => db.exec("UPDATE receipts SET mode = 'LIVE' WHERE id = 'R1'")).toThrow(/receipt mode cannot change/);
    db.exec("UPDATE receipts SET mode = 'SANDBOX', refunded_fen = 10 WHERE id = 'R1'"); // same value: allowed
    expect(db.prepare("SELECT mode, refunded_fen FROM receipts WHERE id = 'R1'").get()).toEqual({ mode: 'SANDBOX', refunded_fen: 10 });
  });
});
