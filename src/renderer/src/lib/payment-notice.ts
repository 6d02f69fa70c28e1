// The headline of the payment screen: the status, unless something the cashier must know is not yet
// known (issue 10 point 4). "Unknown" is never shown as "expired" or "failed": while WeChat Pay cannot
// be reached, contradicts the sale or was paid but not recorded, that is what the screen says; a cancel
// or expiry not yet confirmed closed says so, with a "still watching" marker.
import type { PaymentView } from '../../../common/api';
import type { MessageKey } from '../i18n/zh-CN';

export interface PaymentNotice {
  readonly key: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  /** A warning the cashier must act on (do not charge again): shown in the alert style. */
  readonly warn: boolean;
  /** Show the "still watching" marker: core still asks WeChat Pay about this payment. */
  readonly watching: boolean;
}

export function paymentNotice(v: PaymentView): PaymentNotice {
  const c = v.connection;
  // The QR phases already say "waiting" and a countdown; the marker matters once the QR is gone.
  const watching = v.watching && v.status !== 'waiting' && v.status !== 'paying' && v.status !== 'creating';
  if (v.status !== 'paid' && !c.ok) {
    switch (c.trouble) {
      case 'UNREACHABLE':
        return { key: 'pay.notice.unreachable', params: { n: c.failures }, warn: true, watching };
      case 'CONTRADICTS':
        return { key: 'pay.notice.contradicts', params: {}, warn: true, watching };
      case 'NOT_RECORDED':
        return { key: 'pay.notice.notRecorded', params: {}, warn: true, watching };
      default: {
        const never: never = c.trouble;
        return never;
      }
    }
  }
  if (v.watching && v.status === 'cancelled') return { key: 'pay.notice.cancelUnconfirmed', params: {}, warn: true, watching };
  if (v.watching && v.status === 'expired') return { key: 'pay.notice.expiredUnconfirmed', params: {}, warn: false, watching };
  return { key: `pay.status.${v.status}`, params: {}, warn: false, watching };
}
