// Migration 1 (the initial schema) on an empty file, and the constraints the money path relies on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { MIGRATIONS, migrate, userVersion } from '../../../src/core/store';
import { bareDb, insertPaidSale, tempDir, type TempDir } from './helpers';

describe('migration 001 (initial schema)', () => {
  let t: TempDir;
  let db: Database.Database;
  beforeEach(() => {
    t = tempDir();
    db = bareDb(t.path('m1.db'));
    expect(migrate(db, MIGRATIONS, 1)).toEqual({ from: 0, to: 1 });
  });
  afterEach(() => {
    db.close();
    t.cleanup();
  });

  it('creates every table and sets user_version 1', () => {
    expect(userVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    expect(tables.map((r) => r.name)).toEqual(
      ['alerts', 'audit_log', 'payment_attempts', 'receipts', 'refunds', 'sale_lines', 'sales', 'secrets', 'settings'],
    );
  });

  it('line_fen must equal quantity * unit_fen', () => {
    insertPaidSale(db, 1);
    const line = db.prepare('INSERT INTO sale_lines(sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES (?, ?, ?, ?, ?, ?)');
    expect(() => line.run('S1', 2, 'x', 3, 150, 451)).toThrow(/CHECK constraint failed/);
    expect(() => line.run('S1', 2, 'x', 0, 150, 0)).toThrow(/CHECK constraint failed/);
    line.run('S1', 2, 'x', 3, 150, 450);
  });

  it('refunded_fen stays within 0..total_fen', () => {
    insertPaidSale(db, 1, { totalFen: 500 });
    const set = db.prepare("UPDATE receipts SET refunded_fen = ? WHERE id = 'R1'");
    expect(() => set.run(501)).toThrow(/CHECK constraint failed/);
    expect(() => set.run(-1)).toThrow(/CHECK constraint failed/);
    set.run(500);
  });

  it('one receipt per out_trade_no, per transaction_id and per attempt', () => {
    insertPaidSale(db, 1);
    insertPaidSale(db, 2);
    const ins = db.prepare(
      `INSERT INTO receipts(id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, paid_at) VALUES (?, 'S2', ?, ?, ?, 1000, 1)`,
    );
    expect(() => ins.run('Rx', 'A2', 'OTNzz', 'TXNEW')).toThrow(/UNIQUE constraint failed: receipts.attempt_id/);
    db.prepare(
      `INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, created_at, updated_at)
       VALUES ('A3', 'S2', 'NATIVE', 'OTN3', 1000, 'Sale', 'SUCCESS', 1, 1)`,
    ).run();
    expect(() => ins.run('Rx', 'A3', 'OTN000001', 'TXNEW')).toThrow(/UNIQUE constraint failed: receipts.out_trade_no/);
    expect(() => ins.run('Rx', 'A3', 'OTN3', '4200' + '1'.padStart(24, '0'))).toThrow(/UNIQUE constraint failed: receipts.transaction_id/);
    ins.run('Rx', 'A3', 'OTN3', 'TXNEW');
  });

  it('out_trade_no is unique across payment attempts too', () => {
    insertPaidSale(db, 1);
    expect(() =>
      db
        .prepare(
          `INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, created_at, updated_at)
           VALUES ('A9', 'S1', 'NATIVE', 'OTN000001', 1000, 'Sale', 'CREATED', 1, 1)`,
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: payment_attempts.out_trade_no/);
  });

  it('amounts are positive integers (STRICT tables refuse reals and text)', () => {
    const sale = db.prepare("INSERT INTO sales(id, till_id, cashier, total_fen, created_at) VALUES (?, 'T', 'C', ?, 1)");
    expect(() => sale.run('a', 0)).toThrow(/CHECK constraint failed/);
    expect(() => sale.run('b', 10.5)).toThrow(/cannot store REAL value in INTEGER column/);
    expect(() => sale.run('c', '12')).not.toThrow(); // '12' is losslessly an integer; STRICT converts it
    expect(() => sale.run('d', 'twelve')).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('foreign keys hold: no line, attempt or refund for a missing parent', () => {
    expect(() =>
      db.prepare("INSERT INTO sale_lines(sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES ('nope', 1, 'x', 1, 1, 1)").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at)
           VALUES ('F1', 'nope', 'RF1', 1, 'r', 'm', 'PENDING', 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('payment kind is NATIVE or MICROPAY only', () => {
    insertPaidSale(db, 1);
    expect(() =>
      db
        .prepare(
          `INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, created_at, updated_at)
           VALUES ('A9', 'S1', 'CASH', 'X9', 1000, 'Sale', 'CREATED', 1, 1)`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('the audit log refuses UPDATE and DELETE', () => {
    db.prepare("INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (1, 1, 'a', 'b', 'c', 'd', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET detail = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
  });
});
