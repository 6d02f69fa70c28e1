// Merging payment events into what the screen shows. Events can arrive after a fresher answer (a
// getPayment reply and an event race), so a final status is never replaced by a non-final one, and
// a cancelled payment only moves on to a final status (paid after cancel, expired, failed).
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

export function mergePayment(current: PaymentView | null, next: PaymentView): PaymentView {
  if (!current || current.attemptId !== next.attemptId) return next;
  if (isFinal(current.status) && !isFinal(next.status)) return current;
  if (isFinal(current.status) && isFinal(next.status) && current.status !== next.status) {
    // paid wins over expired/failed: the gateway's SUCCESS is the truth
    return next.status === 'paid' ? next : current;
  }
  if (current.status === 'cancelled' && !isFinal(next.status) && next.status !== 'cancelled') return current;
  return next;
}

/** The QR is only on screen while the customer can still pay it. */
export function showsQr(v: PaymentView): boolean {
  return (v.status === 'waiting' || v.status === 'paying') && v.codeUrl !== null;
}
