// Receipts: written only inside the PAID transition (one per attempt, UNIQUE out_trade_no), each with
// its sale's mode (SANDBOX / LIVE). The one home of the receipt row's shape and of its mappers: the
// engine's ReceiptRow, the history list's ReceiptSummary and the full Receipt are all made here.
import type Database from 'better-sqlite3';
import type { Mode, Receipt, ReceiptKind, ReceiptStatus, ReceiptSummary, SaleLine } from '../../../common/api';
import { stmt } from '../stmt';
import { getSaleLines } from './sale-repo';

/** The receipts columns as SQLite returns them (history selects exactly these; attempt_id aside). */
export interface ReceiptRecord {
  readonly id: string;
  readonly sale_id: string;
  readonly out_trade_no: string;
  readonly transaction_id: string;
  readonly total_fen: number;
  readonly refunded_fen: number;
  readonly paid_at: number;
  readonly paid_after_cancel: number;
  readonly mode: string;
  readonly kind: string; // issue 12 (migration 007)
}

/** A receipt with its sale's till and cashier: what a full Receipt is made of (besides its lines). */
export interface ReceiptHeadRecord extends ReceiptRecord {
  readonly till_id: string;
  readonly cashier: string;
}

/** The columns of ReceiptRecord for a receipts table aliased `r`. */
export const RECEIPT_COLUMNS =
  'r.id, r.sale_id, r.out_trade_no, r.transaction_id, r.total_fen, r.refunded_fen, r.paid_at, r.paid_after_cancel, r.mode, r.kind';

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

/** A stored mode (the CHECK allows only the two); whatever is not plainly LIVE is treated as sandbox (never as money). */
export const rowMode = (m: string): Mode => (m === 'LIVE' ? 'LIVE' : 'SANDBOX');

export function receiptStatus(totalFen: number, refundedFen: number): ReceiptStatus {
  if (refundedFen <= 0) return 'PAID';
  return refundedFen >= totalFen ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

/** What can still be refunded: the total less every refund that holds its amount (refund-repo holdsAmount, RESERVING_REFUND_STATES). */
export function refundableFen(totalFen: number, heldFen: number): number {
  return Math.max(0, totalFen - heldFen);
}

function toRow(r: ReceiptRecord & { readonly attempt_id: string }): ReceiptRow {
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
    mode: rowMode(r.mode),
  };
}

export function toReceiptSummary(r: ReceiptRecord): ReceiptSummary {
  return {
    saleId: r.sale_id,
    outTradeNo: r.out_trade_no,
    transactionId: r.transaction_id,
    totalFen: r.total_fen,
    refundedFen: r.refunded_fen,
    status: receiptStatus(r.total_fen, r.refunded_fen),
    paidAt: r.paid_at,
    paidAfterCancel: r.paid_after_cancel === 1,
    mode: rowMode(r.mode),
    kind: rowKind(r.kind),
  };
}

/** A stored payment kind (the CHECK allows only the two), or CASH for a cash sale's row (issue 13.1, history.ts). */
export const rowKind = (k: string): ReceiptKind => (k === 'MICROPAY' || k === 'CASH' ? k : 'NATIVE');

export function toReceipt(r: ReceiptHeadRecord, lines: SaleLine[], storeName: string): Receipt {
  return { ...toReceiptSummary(r), storeName, tillId: r.till_id, cashier: r.cashier, lines };
}

/** The mode is copied from the sale (a missing sale leaves it NULL, which the schema refuses). */
export function insertReceipt(db: Database.Database, r: Omit<ReceiptRow, 'refundedFen' | 'mode'>): void {
  stmt(
    db,
    `INSERT INTO receipts (id, sale_id, attempt_id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at,
       paid_after_cancel, mode, kind) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, (SELECT mode FROM sales WHERE id = ?),
       (SELECT kind FROM payment_attempts WHERE id = ?))`,
  ).run(r.id, r.saleId, r.attemptId, r.outTradeNo, r.transactionId, r.totalFen, r.paidAt, r.paidAfterCancel ? 1 : 0, r.saleId, r.attemptId);
}

type RawReceipt = ReceiptRecord & { readonly attempt_id: string };

/** A sale has at most one receipt unless a late payment was flagged; refunds go to the first. */
export function getReceiptBySale(db: Database.Database, saleId: string): ReceiptRow | null {
  const r = stmt(db, 'SELECT * FROM receipts WHERE sale_id = ? ORDER BY paid_at, id LIMIT 1').get(saleId) as RawReceipt | undefined;
  return r ? toRow(r) : null;
}

export function getReceipt(db: Database.Database, id: string): ReceiptRow | null {
  const r = stmt(db, 'SELECT * FROM receipts WHERE id = ?').get(id) as RawReceipt | undefined;
  return r ? toRow(r) : null;
}

/** The full receipt of a paid attempt (its sale's till, cashier and lines). */
export function getReceiptOfAttempt(db: Database.Database, attemptId: string, storeName: string): Receipt | null {
  const r = stmt(
    db,
    `SELECT ${RECEIPT_COLUMNS}, coalesce(s.till_id, '') AS till_id, coalesce(s.cashier, '') AS cashier
       FROM receipts r LEFT JOIN sales s ON s.id = r.sale_id WHERE r.attempt_id = ?`,
  ).get(attemptId) as ReceiptHeadRecord | undefined;
  return r ? toReceipt(r, getSaleLines(db, r.sale_id), storeName) : null;
}

export function addRefunded(db: Database.Database, receiptId: string, amountFen: number): void {
  stmt(db, 'UPDATE receipts SET refunded_fen = refunded_fen + ? WHERE id = ?').run(amountFen, receiptId);
}
