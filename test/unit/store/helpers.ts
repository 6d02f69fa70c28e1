// Real database files in a per-test temp folder, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { VirtualClock } from '../../../src/common/clock';
import { openStore, type OpenStoreOptions, type Store } from '../../../src/core/store';

export interface TempDir {
  readonly dir: string;
  path(name: string): string;
  cleanup(): void;
}

export function tempDir(prefix = 'store-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens a fresh store in t; the caller closes it (or t.cleanup after close). */
export function freshStore(t: TempDir, opts: OpenStoreOptions = {}, name = 'pos.db'): Store {
  return openStore(t.path(name), { clock: new VirtualClock(), ...opts });
}

/** A bare connection with only foreign keys on, for migration-level tests. */
export function bareDb(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  return db;
}

/** Inserts a minimal paid sale and returns its ids; mode (schema 3 on) is written only when given. */
export function insertPaidSale(
  db: Database.Database,
  n: number,
  o: { totalFen?: number; refundedFen?: number; paidAt?: number; paidAfterCancel?: 0 | 1; tx?: string; mode?: 'SANDBOX' | 'LIVE' } = {},
): { saleId: string; attemptId: string; receiptId: string; outTradeNo: string } {
  const total = o.totalFen ?? 1000;
  const saleId = `S${n}`;
  const attemptId = `A${n}`;
  const receiptId = `R${n}`;
  const outTradeNo = `OTN${String(n).padStart(6, '0')}`;
  const at = o.paidAt ?? 1_700_000_000_000 + n * 1000;
  db.prepare('INSERT INTO sales(id, till_id, cashier, total_fen, created_at) VALUES (?, ?, ?, ?, ?)').run(saleId, 'T1', 'C1', total, at);
  if (o.mode) db.prepare('UPDATE sales SET mode = ? WHERE id = ?').run(o.mode, saleId);
  db.prepare('INSERT INTO sale_lines(sale_id, line_no, name, quantity, unit_fen, line_fen) VALUES (?, 1, ?, 1, ?, ?)').run(saleId, 'item', total, total);
  db.prepare(
    `INSERT INTO payment_attempts(id, sale_id, kind, out_trade_no, total_fen, body, state, created_at, updated_at)
     VALUES (?, ?, 'NATIVE', ?, ?, 'Sale', 'SUCCESS', ?, ?)`,
  ).run(attemptId, saleId, outTradeNo, total, at, at);
  const receipt = [receiptId, saleId, attemptId, outTradeNo, o.tx ?? `4200${String(n).padStart(24, '0')}`, total, o.refundedFen ?? 0, at, o.paidAfterCancel ?? 0];
  db.prepare(
    `INSERT INTO receipts(id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at, paid_after_cancel${o.mode ? ', mode' : ''})
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?${o.mode ? ', ?' : ''})`,
  ).run(...receipt, ...(o.mode ? [o.mode] : []));
  return { saleId, attemptId, receiptId, outTradeNo };
}
