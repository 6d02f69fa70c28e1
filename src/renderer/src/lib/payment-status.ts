// Merging what we learn about a payment (events, the getPayment answer on mount, the cancel answer)
// into what the screen shows. They can arrive out of order (a getPayment reply sent before an event
// lands after it), so the view only moves forward: a status never gives way to an earlier one, a final
// status is never replaced by a non-final one, and a cancelled payment only moves on to a final one.
import type { PaymentStatus, PaymentView } from '../../../common/api';

export function isFinal(s: PaymentStatus): boolean {
  switch (s) {
    case 'paid':
    case 'expired':
    case 'failed':
      return true;
    case 'creating':
    case 'waiting':
    case 'paying':
    case 'cancelled':
    case 'unknown':
      return false;
    default: {
      const never: never = s;
      return never;
    }
  }
}

/**
 * How far along a status is, following the attempt's forward-only life in core: created, outcome
 * unknown, order at the gateway (QR shown), customer paying, cancelled by the cashier, ended without
 * money (expired or failed: the first one seen stays), paid (the gateway's SUCCESS is the truth and
 * wins over everything, also after cancel or expiry).
 */
export function statusRank(s: PaymentStatus): number {
  switch (s) {
    case 'creating':
      return 0;
    case 'unknown':
      return 1;
    case 'waiting':
      return 2;
    case 'paying':
      return 3;
    case 'cancelled':
      return 4;
    case 'expired':
    case 'failed':
      return 5;
    case 'paid':
      return 6;
    default: {
      const never: never = s;
      return never;
    }
  }
}

/** The view to show after learning `next`: next when it is the same status (fresher details) or further along. */
export function mergePayment(current: PaymentView | null, next: PaymentView): PaymentView {
  if (!current || current.attemptId !== next.attemptId) return next;
  if (next.status === current.status) return next;
  return statusRank(next.status) > statusRank(current.status) ? next : current;
}

/** The QR is only on screen while the customer can still pay it. */
export function showsQr(v: PaymentView): boolean {
  return (v.status === 'waiting' || v.status === 'paying') && v.codeUrl !== null;
}
