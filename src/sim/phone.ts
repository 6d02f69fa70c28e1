// The customer's phone. It knows only what a real phone knows: the code_url it read from the QR
// (Native), or the auth code it shows to the cashier's scanner (quick pay).
import type { Clock } from '../common/clock';
import type { IdMint } from './ids';
import type { AuthCodePlan, Ledger } from './ledger';
import type { SimMerchant } from './sim-types';

export type PhoneFailReason = 'NOTENOUGH' | 'BANKERROR';
export type AuthCodeThen = AuthCodePlan['then'];

export type PhoneOutcome =
  | { readonly ok: true; readonly message: string; readonly totalFee: number; readonly merchantName: string }
  | { readonly ok: false; readonly reason: PhoneRefusal | PhoneFailReason; readonly message: string };

/** Why the phone could not even offer to pay. */
export type PhoneRefusal = 'CODE_UNKNOWN' | 'CODE_EXPIRED' | 'ORDER_PAID' | 'ORDER_CLOSED';

export interface MintOptions {
  /** What the customer does after the cashier scans: pay at once (default), pay after entering a
   * password (USERPAYING for afterMs), fail after afterMs, not enough money, or walk away. */
  readonly then?: AuthCodeThen;
  readonly afterMs?: number;
}

export interface SimPhone {
  /** Scans the QR and shows the payment sheet, then walks away (abandons). */
  scan(codeUrl: string): PhoneOutcome;
  scanAndPay(codeUrl: string): PhoneOutcome;
  /** Scans now, confirms after ms (the order stays NOTPAY meanwhile; closing it first cancels). */
  scanAndPayAfter(codeUrl: string, ms: number): PhoneOutcome;
  /** Scans and tries to pay, but the payment fails; the Native order stays NOTPAY (another card may follow). */
  scanAndFail(codeUrl: string, reason: PhoneFailReason): PhoneOutcome;
  /** A fresh 18-digit quick-pay code for this phone's user. */
  mintAuthCode(opts?: MintOptions): string;
  /** Finishes a quick-pay order waiting for this code's password now (pay or fail). */
  enterPassword(authCode: string, result?: 'pay' | 'fail'): PhoneOutcome;
  /** The customer walks away from the password: the order stays USERPAYING until reversed or auto-revoked. */
  abandonPassword(authCode: string): PhoneOutcome;
}

const SHEET = (m: SimMerchant | undefined): string => m?.name ?? m?.mchId ?? '';

export function createPhone(deps: {
  ledger: Ledger;
  ids: IdMint;
  clock: Clock;
  openid: string;
  codeUrlTtlMs: number;
  merchant: (mchId: string) => SimMerchant | undefined;
}): SimPhone {
  const { ledger, ids, clock, openid } = deps;

  function open(codeUrl: string): { ok: true; o: NonNullable<ReturnType<Ledger['orderByCodeUrl']>> } | PhoneOutcome {
    const now = clock.now();
    const o = ledger.orderByCodeUrl(codeUrl, now);
    if (!o) return { ok: false, reason: 'CODE_UNKNOWN', message: '二维码无效' };
    const issued = o.codeUrls.find((c) => c.url === codeUrl);
    if (!issued || now - issued.issuedAt >= deps.codeUrlTtlMs) return { ok: false, reason: 'CODE_EXPIRED', message: '二维码已过期' };
    if (o.state === 'SUCCESS' || o.state === 'REFUND') return { ok: false, reason: 'ORDER_PAID', message: '订单已支付' };
    if (o.state !== 'NOTPAY') return { ok: false, reason: 'ORDER_CLOSED', message: '订单已关闭' };
    return { ok: true, o };
  }

  const sheet = (o: { totalFee: number; mchId: string }, message: string): PhoneOutcome => ({
    ok: true,
    message,
    totalFee: o.totalFee,
    merchantName: SHEET(deps.merchant(o.mchId)),
  });

  return {
    scan(codeUrl) {
      const r = open(codeUrl);
      return 'o' in r ? sheet(r.o, '已扫码，未支付') : r;
    },
    scanAndPay(codeUrl) {
      const r = open(codeUrl);
      if (!('o' in r)) return r;
      const now = clock.now();
      ledger.markPaid(r.o, now, openid, ids.transactionId(now));
      return sheet(r.o, '支付成功');
    },
    scanAndPayAfter(codeUrl, ms) {
      const r = open(codeUrl);
      if (!('o' in r)) return r;
      r.o.pending = { at: clock.now() + Math.max(0, ms), to: 'SUCCESS', openid };
      return sheet(r.o, '正在支付');
    },
    scanAndFail(codeUrl, reason) {
      const r = open(codeUrl);
      if (!('o' in r)) return r;
      return { ok: false, reason, message: reason === 'NOTENOUGH' ? '零钱余额不足' : '银行系统异常' };
    },
    mintAuthCode(opts) {
      let code = ids.authCode();
      while (ledger.mintedCodes.has(code) || ledger.usedCodes.has(code)) code = ids.authCode();
      ledger.mintedCodes.set(code, { then: opts?.then ?? 'pay', afterMs: Math.max(0, opts?.afterMs ?? 10_000), mintedAt: clock.now(), openid });
      return code;
    },
    enterPassword(authCode, result = 'pay') {
      const now = clock.now();
      const o = ledger.allOrders(now).find((x) => x.authCode === authCode);
      if (!o) return { ok: false, reason: 'CODE_UNKNOWN', message: '付款码未使用' };
      if (o.state !== 'USERPAYING') return { ok: false, reason: o.paidAt !== null ? 'ORDER_PAID' : 'ORDER_CLOSED', message: '订单不在支付中' };
      o.pending = result === 'pay' ? { at: now, to: 'SUCCESS', openid } : { at: now, to: 'PAYERROR', openid, reason: 'PAYERROR' };
      ledger.settle(o, now);
      return result === 'pay' ? sheet(o, '支付成功') : { ok: false, reason: 'BANKERROR', message: '支付失败' };
    },
    abandonPassword(authCode) {
      const now = clock.now();
      const o = ledger.allOrders(now).find((x) => x.authCode === authCode);
      if (!o) return { ok: false, reason: 'CODE_UNKNOWN', message: '付款码未使用' };
      if (o.state !== 'USERPAYING') return { ok: false, reason: o.paidAt !== null ? 'ORDER_PAID' : 'ORDER_CLOSED', message: '订单不在支付中' };
      o.pending = null;
      return sheet(o, '已取消输入密码');
    },
  };
}
