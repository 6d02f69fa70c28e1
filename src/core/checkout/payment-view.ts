// What the cashier sees of an attempt (PaymentView), derived from the persisted row only.
import type Database from 'better-sqlite3';
import type { PaymentConnection, PaymentStatus, PaymentView } from '../../common/api';
import type { AttemptRow } from '../store/repos/attempt-repo';
import { getReceiptOfAttempt } from '../store/repos/receipt-repo';
import { getSplitOfAttempt } from '../store/repos/split-tender-repo'; // issue 13.1 split tender
import { assertNever, isFinalAttemptState } from './attempt-states';

export function paymentStatus(row: AttemptRow, now: number): PaymentStatus {
  const cancelled = row.cancelRequestedAt !== null;
  const expired = row.expiresAt !== null && now >= row.expiresAt;
  if (row.kind === 'MICROPAY') return quickPayStatus(row, cancelled);
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

/** issue 12: a quick pay shows no QR; one the customer did not finish (or WeChat refused) is failed, reason says why. */
function quickPayStatus(row: AttemptRow, cancelled: boolean): PaymentStatus {
  switch (row.state) {
    case 'CREATED':
      return cancelled ? 'cancelled' : 'creating';
    case 'UNKNOWN':
      return cancelled ? 'cancelled' : 'unknown';
    case 'USERPAYING':
      return cancelled ? 'cancelled' : 'paying';
    case 'PAID':
      return 'paid';
    case 'REVERSING':
    case 'REVOKED':
    case 'CLOSED':
    case 'FAILED':
    case 'NOTPAY':
    case 'CLOSING':
      return cancelled ? 'cancelled' : 'failed';
    default:
      return assertNever(row.state);
  }
}

const CONNECTED: PaymentConnection = { ok: true };

/** trouble: what the attempt's watcher knows of its last query (AttemptDriver.trouble); none for a final attempt. */
export function buildPaymentView(
  db: Database.Database,
  row: AttemptRow,
  now: number,
  storeName: string,
  trouble: PaymentConnection = CONNECTED,
): PaymentView {
  const final = isFinalAttemptState(row.state);
  const status = paymentStatus(row, now);
  const showCode = status === 'waiting' || status === 'paying';
  const paidReceipt = row.state === 'PAID' ? getReceiptOfAttempt(db, row.id, storeName) : null;
  // issue 13.1: a split sale's receipt shows (and prints) both parts
  const split = getSplitOfAttempt(db, row.id);
  const receipt =
    paidReceipt && split ? { ...paidReceipt, split: { saleTotalFen: split.saleTotalFen, cashFen: split.cashFen, wechatFen: split.wechatFen, cashRefundedFen: 0 } } : paidReceipt;
  return {
    attemptId: row.id,
    saleId: row.saleId,
    outTradeNo: row.outTradeNo,
    totalFen: row.totalFen,
    status,
    codeUrl: showCode ? row.codeUrl : null,
    expiresAt: row.expiresAt,
    reason: row.lastReason,
    receipt,
    connection: final ? CONNECTED : trouble,
    watching: !final,
    kind: row.kind, // issue 12
    split, // issue 13.1: the cash part (PENDING / PAID / VOID: give it back)
  };
}
