// The refund form's checks, before anything is sent (core checks everything again).
import { parseMoney } from './money';

export interface RefundForm {
  readonly amount: string;
  readonly reason: string;
  readonly approver: string;
  readonly pin: string;
}

export type RefundFormError =
  | { key: 'refund.badAmount' }
  | { key: 'refund.tooMuch'; maxFen: number }
  | { key: 'refund.reasonMissing' }
  | { key: 'refund.approverMissing' }
  | { key: 'refund.pinMissing' }
  | { key: 'refund.nothingRefundable' };

export function checkRefund(f: RefundForm, refundableFen: number): { ok: true; amountFen: number } | { ok: false; error: RefundFormError } {
  if (refundableFen <= 0) return { ok: false, error: { key: 'refund.nothingRefundable' } };
  const fen = parseMoney(f.amount);
  if (fen === null || fen < 1) return { ok: false, error: { key: 'refund.badAmount' } };
  if (fen > refundableFen) return { ok: false, error: { key: 'refund.tooMuch', maxFen: refundableFen } };
  if (!f.reason.trim()) return { ok: false, error: { key: 'refund.reasonMissing' } };
  // issue 11: approver/pin are the optional second manager (large refunds); both or neither.
  if (!f.approver.trim() && f.pin) return { ok: false, error: { key: 'refund.approverMissing' } };
  if (f.approver.trim() && !f.pin) return { ok: false, error: { key: 'refund.pinMissing' } };
  return { ok: true, amountFen: fen };
}
