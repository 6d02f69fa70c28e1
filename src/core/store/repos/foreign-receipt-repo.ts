// Issue 16.4 (i16-xrefund): the mirror of a payment made at another till, written so this till's refund
// machinery works on it unchanged: a sale (its till id and "cashier" are the paying till's id and name),
// its lines, a PAID attempt and a receipt marked with origin_till_id (migration 014). One transaction;
// a payment already here (own or mirrored) is returned as it is.
import type Database from 'better-sqlite3';
import type { HqPayment } from '../../../common/hq-sync';
import { insertSale } from './sale-repo';
import { stmt } from '../stmt';

export interface MirrorIds {
  readonly saleId: string;
  readonly attemptId: string;
  readonly receiptId: string;
}

/** Where a payment stands here: this till's own sale, a mirror of another till's, or absent. */
export function receiptOrigin(db: Database.Database, outTradeNo: string): { saleId: string; foreign: boolean } | null {
  const r = stmt(db, 'SELECT sale_id, origin_till_id FROM receipts WHERE out_trade_no = ?').get(outTradeNo) as { sale_id: string; origin_till_id: string | null } | undefined;
  return r ? { saleId: r.sale_id, foreign: r.origin_till_id !== null } : null;
}

/** The paying till of a receipt here, or null for this till's own sale. */
export function foreignOriginOf(db: Database.Database, receiptId: string): { tillId: string; tillName: string } | null {
  const r = stmt(db, 'SELECT origin_till_id, origin_till_name FROM receipts WHERE id = ?').get(receiptId) as { origin_till_id: string | null; origin_till_name: string | null } | undefined;
  return r?.origin_till_id ? { tillId: r.origin_till_id, tillName: r.origin_till_name ?? r.origin_till_id } : null;
}

export function insertForeignMirror(db: Database.Database, p: HqPayment, ids: MirrorIds, now: number): void {
  const linesAddUp = p.lines.length > 0 && p.lines.reduce((s, l) => s + l.lineFen, 0) === p.totalFen && p.lines.every((l) => l.lineFen === l.quantity * l.unitFen && l.quantity > 0);
  insertSale(db, {
    saleId: ids.saleId,
    tillId: p.tillId,
    cashier: p.tillName,
    lines: linesAddUp ? p.lines : [{ name: p.tillName, quantity: 1, unitFen: p.totalFen, lineFen: p.totalFen }],
    totalFen: p.totalFen,
    mode: p.mode,
    createdAt: p.paidAt,
  });
  stmt(
    db,
    `INSERT INTO payment_attempts (id, sale_id, kind, out_trade_no, total_fen, body, state, transaction_id, created_at, updated_at, final_at)
     VALUES (?, ?, ?, ?, ?, ?, 'PAID', ?, ?, ?, ?)`,
  ).run(ids.attemptId, ids.saleId, p.tender === 'MICROPAY' ? 'MICROPAY' : 'NATIVE', p.outTradeNo, p.totalFen, p.tillName, p.transactionId, p.paidAt, now, p.paidAt);
  stmt(
    db,
    `INSERT INTO receipts (id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at, paid_after_cancel, mode, kind, origin_till_id, origin_till_name)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, 0, ?, ?, ?, ?)`,
  ).run(ids.receiptId, ids.saleId, ids.attemptId, p.outTradeNo, p.transactionId, p.totalFen, p.paidAt, p.mode, p.tender === 'MICROPAY' ? 'MICROPAY' : 'NATIVE', p.tillId, p.tillName);
}
