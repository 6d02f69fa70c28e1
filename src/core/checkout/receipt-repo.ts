// Receipts: written only inside the PAID transition (one per attempt, UNIQUE out_trade_no), each with
// its sale's mode (SANDBOX / LIVE).
import type Database from 'better-sqlite3';
import type { Mode } from '../../common/api';

export interface ReceiptRow {
  readonly id: string;
  readonly saleId: string;
  readonly attemptId: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFen: number;
  readonly refundedFen: number;
  readonly paidAt: number;
  readonly paidAfterCancel: boolean;
  readonly mode: Mode;
}

interface RawReceipt {
  id: string;
  sale_id: string;
  attempt_id: string;
  out_trade_no: string;
  transaction_id: string;
  total_fen: number;
  refunded_fen: number;
  paid_at: number;
  paid_after_cancel: number;
  mode: string;
}

function toRow(r: RawReceipt): ReceiptRow {
  return {
    id: r.id,
    saleId: r.sale_id,
    attemptId: r.attempt_id,
    outTradeNo: r.out_trade_no,
    transactionId: r.transaction_id,
    totalFen: r.total_fen,
    refundedFen: r.refunded_fen,
    paidAt: r.paid_at,
    paidAfterCancel: r.paid_after_cancel === 1,
    // the schema allows only the two; anything not plainly LIVE is treated as sandbox (never as money)
    mode: r.mode === 'LIVE' ? 'LIVE' : 'SANDBOX',
  };
}

/** The mode is copied from the sale (a missing sale leaves it NULL, which the schema refuses). */
export function insertReceipt(db: Database.Database, r: Omit<ReceiptRow, 'refundedFen' | 'mode'>): void {
  db.prepare(
    `INSERT INTO receipts (id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at,
       paid_after_cancel, mode) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, (SELECT mode FROM sales WHERE id = ?))`,
  ).run(r.id, r.saleId, r.attemptId, r.outTradeNo, r.transactionId, r.totalFen, r.paidAt, r.paidAfterCancel ? 1 : 0, r.saleId);
}

export function getReceiptByAttempt(db: Database.Database, attemptId: string): ReceiptRow | null {
  const r = db.prepare('SELECT * FROM receipts WHERE attempt_id = ?').get(attemptId) as RawReceipt | undefined;
  return r ? toRow(r) : null;
}

/** A sale has at most one receipt unless a late payment was flagged; refunds go to the first. */
export function getReceiptBySale(db: Database.Database, saleId: string): ReceiptRow | null {
  const r = db.prepare('SELECT * FROM receipts WHERE sale_id = ? ORDER BY paid_at, id LIMIT 1').get(saleId) as
    | RawReceipt
    | undefined;
  return r ? toRow(r) : null;
}

export function getReceipt(db: Database.Database, id: string): ReceiptRow | null {
  const r = db.prepare('SELECT * FROM receipts WHERE id = ?').get(id) as RawReceipt | undefined;
  return r ? toRow(r) : null;
}

export function addRefunded(db: Database.Database, receiptId: string, amountFen: number): void {
  db.prepare('UPDATE receipts SET refunded_fen = refunded_fen + ? WHERE id = ?').run(amountFen, receiptId);
}
