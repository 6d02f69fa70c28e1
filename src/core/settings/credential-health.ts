// Issue 10 point 3: after the API key or certificate is changed on the merchant platform, every call
// of the till fails (签名错误 / certificate rejected) until the manager enters the new ones. This
// watches the engine's client for such rejections so start-up recovery can finish (the open items are
// left "unresolved — credentials rejected") instead of blocking the till for ever. A settings change
// (new key or certificate) resets it: the open items' watchers keep asking and resume by themselves.
import { PROTOCOL_FAIL } from '../wxpay/codes';
import type { Outcome, WxPayClient } from '../wxpay/types';

/** The state a recovery item is shown in while the gateway rejects the till's credentials. */
export const CREDENTIALS_REJECTED = 'CREDENTIALS_REJECTED';

/** The gateway refused our signature or our client certificate: only new credentials help. */
export function isCredentialRejection(o: Outcome<unknown>): boolean {
  if (o.kind !== 'fix') return false;
  if (o.code === 'SIGNERROR' || o.code === 'TLS_CLIENT_CERT_REJECTED' || o.code.startsWith('CLIENT_CERT_')) return true;
  // return_code=FAIL carries WeChat's words: 签名错误 (key), 证书验证失败 / certificate (certificate).
  return o.code === PROTOCOL_FAIL && /签名错误|证书|certificate|sign/i.test(o.message);
}

export interface CredentialHealth {
  /** Resolves once a call has been rejected for its credentials (since the last reset). */
  whenRejected(): Promise<void>;
  rejected(): boolean;
  /** New credentials: unknown again until a call says otherwise. */
  reset(): void;
  /** The engine's client, observed. */
  watch(client: WxPayClient): WxPayClient;
}

export function createCredentialHealth(onRejected?: () => void): CredentialHealth {
  let isRejected = false;
  let signal!: () => void;
  let pending = new Promise<void>((r) => (signal = r));

  const observe = <T>(o: Outcome<T>): Outcome<T> => {
    if (isCredentialRejection(o)) {
      if (!isRejected) {
        isRejected = true;
        signal();
        onRejected?.();
      }
    } else if (o.kind === 'ok' && isRejected) {
      // A signed answer: the credentials work again.
      isRejected = false;
      pending = new Promise<void>((r) => (signal = r));
    }
    return o;
  };
  const wrap =
    <A extends unknown[], T>(fn: (...a: A) => Promise<Outcome<T>>) =>
    async (...a: A): Promise<Outcome<T>> =>
      observe(await fn(...a));

  return {
    whenRejected: () => pending,
    rejected: () => isRejected,
    reset() {
      if (!isRejected) return;
      isRejected = false;
      pending = new Promise<void>((r) => (signal = r));
    },
    watch: (c) => ({
      unifiedOrder: wrap((r) => c.unifiedOrder(r)),
      orderQuery: wrap((r) => c.orderQuery(r)),
      closeOrder: wrap((r) => c.closeOrder(r)),
      refund: wrap((r) => c.refund(r)),
      refundQuery: wrap((r) => c.refundQuery(r)),
      microPay: wrap((r) => c.microPay(r)),
      reverse: wrap((r) => c.reverse(r)),
      downloadBill: wrap((r) => c.downloadBill(r)),
      getSignKey: wrap(() => c.getSignKey()),
      close: () => c.close(),
    }),
  };
}
