// What the cashier sees of an attempt (PaymentView), derived from the persisted row only.
import type { PaymentStatus, PaymentView, Receipt, ReceiptStatus } from '../../common/api';
import type Database from 'better-sqlite3';
import { type AttemptRow, getSale, getSaleLines } from './attempt-repo';
import { assertNever } from './attempt-states';
import { getReceiptByAttempt, type ReceiptRow } from './receipt-repo';

export function paymentStatus(row: AttemptRow, now: number): PaymentStatus {
  const cancelled = row.cancelRequestedAt !== null;
  const expired = row.expiresAt !== null && now >= row.expiresAt;
  switch (row.state) {
    case 'CREATED':
      return cancelled ? 'cancelled' : 'creating';
    case 'UNKNOWN':
      return cancelled ? 'cancelled' : 'unknown';
    case 'NOTPAY':
      return cancelled ? 'cancelled' : expired ? 'expired' : 'waiting';
    case 'USERPAYING':
      return cancelled ? 'cancelled' : 'paying';
    case 'CLOSING':
    case 'REVERSING':
      return cancelled ? 'cancelled' : 'expired';
    case 'PAID':
      return 'paid';
    case 'CLOSED':
    case 'REVOKED':
      return cancelled ? 'cancelled' : row.codeUrl !== null ? 'expired' : 'failed';
    case 'FAILED':
      return cancelled && row.codeUrl === null ? 'cancelled' : 'failed';
    default:
      return assertNever(row.state);
  }
}

export function receiptStatus(totalFen: number, refundedFen: number): ReceiptStatus {
  if (refundedFen <= 0) return 'PAID';
  return refundedFen >= totalFen ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}

export function buildReceipt(db: Database.Database, r: ReceiptRow, storeName: string): Receipt {
  const sale = getSale(db, r.saleId);
  return {
    saleId: r.saleId,
    storeName,
    tillId: sale?.tillId ?? '',
    cashier: sale?.cashier ?? '',
    lines: getSaleLines(db, r.saleId),
    totalFen: r.totalFen,
    refundedFen: r.refundedFen,
    status: receiptStatus(r.totalFen, r.refundedFen),
    outTradeNo: r.outTradeNo,
    transactionId: r.transactionId,
    paidAt: r.paidAt,
    paidAfterCancel: r.paidAfterCancel,
    mode: r.mode,
  };
}

export function buildPaymentView(db: Database.Database, row: AttemptRow, now: number, storeName: string): PaymentView {
  const status = paymentStatus(row, now);
  const showCode = status === 'waiting' || status === 'paying';
  const receiptRow = row.state === 'PAID' ? getReceiptByAttempt(db, row.id) : null;
  return {
    attemptId: row.id,
    saleId: row.saleId,
    outTradeNo: row.outTradeNo,
    totalFen: row.totalFen,
    status,
    codeUrl: showCode ? row.codeUrl : null,
    expiresAt: row.expiresAt,
    reason: row.lastReason,
    receipt: receiptRow ? buildReceipt(db, receiptRow, storeName) : null,
  };
}
