// The headline of the payment screen for a quick pay (付款码, issue 12 point 2). Same rules as
// payment-notice (trouble reaching WeChat Pay is said first, never hidden), in the words of a scanned
// code: "sending", "customer is entering the password" (shown large), "reversing" while a cancel is not
// yet confirmed by WeChat Pay, and "reversed" only once it is.
import type { PaymentView } from '../../../common/api';
import { paymentNotice, type PaymentNotice } from './payment-notice';

export interface QuickPayNotice extends PaymentNotice {
  /** The customer must act on the phone: the screen shows it in large type. */
  readonly large: boolean;
}

export function quickPayNotice(v: PaymentView): QuickPayNotice {
  const base = paymentNotice(v);
  if (v.status !== 'paid' && !v.connection.ok) return { ...base, large: false };
  switch (v.status) {
    case 'creating':
    case 'waiting':
      return { ...base, key: 'pay.quick.creating', large: false };
    case 'paying':
      return { ...base, key: 'pay.quick.paying', large: true };
    case 'unknown':
      return { ...base, key: 'pay.quick.unknown', warn: true, large: false };
    case 'cancelled':
      return v.watching
        ? { ...base, key: 'pay.quick.cancelling', warn: true, large: false }
        : { ...base, key: 'pay.quick.cancelled', warn: false, large: false };
    case 'failed':
      return { ...base, key: 'pay.quick.failed', large: false };
    case 'expired': // the till gave up waiting for the password and reverses
      return v.watching
        ? { ...base, key: 'pay.quick.expiring', warn: true, large: false }
        : { ...base, key: 'pay.quick.expired', warn: false, large: false };
    case 'paid':
      return { ...base, large: false };
    default: {
      const never: never = v.status;
      return never;
    }
  }
}
