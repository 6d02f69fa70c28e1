// micropay (quick pay / 付款码) and reverse (wxpay-v2.md 4.4-4.5). What the customer does is decided
// by the auth code the phone minted (pay, password then pay, fail, not enough money, walk away).
import { bizErr, fingerprint, ok, own, type Call, type EndpointReply, type SimContext } from '../sim-context';
import type { OrderRecord } from '../sim-types';
import type { AuthCodeThen } from '../phone';
import { findOrder, readExpiry } from './orders';
import { newOrder } from './new-order';
import { paidFields } from './order-fields';

export const AUTH_CODE_RE = /^1[0-5]\d{16}$/;
const MICROPAY_MIN_EXPIRE_MS = 60_000;
const REVERSE_WINDOW_MS = 7 * 24 * 3600_000;

const FAIL_DES: Record<string, string> = {
  NOTENOUGH: '用户余额不足',
  BANKERROR: '银行系统异常',
  PAYERROR: '支付失败',
};

function stateReply(o: OrderRecord): EndpointReply {
  switch (o.state) {
    case 'SUCCESS':
    case 'REFUND':
      return bizErr('ORDERPAID', '订单已支付');
    case 'USERPAYING':
    case 'NOTPAY':
    case 'ACCEPT':
      return bizErr('USERPAYING', '需要用户输入支付密码');
    case 'REVOKED':
      return bizErr('ORDERREVERSED', '订单已撤销');
    case 'CLOSED':
      return bizErr('ORDERCLOSED', '订单已关闭');
    case 'PAYERROR': {
      const code = o.failReason ?? 'PAYERROR';
      return bizErr(code === 'PAYERROR' ? 'TRADE_ERROR' : code, FAIL_DES[code] ?? '支付失败');
    }
    default: {
      const never: never = o.state;
      throw new Error(`unknown state ${String(never)}`);
    }
  }
}

/** Above ¥1000 WeChat asks for the password; so it does on the 11th payment of a day. */
export const PASSWORD_ABOVE_FEN = 100_000;
export const FREE_PAYMENTS_PER_DAY = 10;
const BEIJING_DAY = (ms: number): number => Math.floor((ms + 8 * 3600_000) / 86_400_000);

/** 'auto': pays at once unless the amount or the day's count asks for a password. */
function decide(ctx: SimContext, then: AuthCodeThen, o: OrderRecord, now: number): Exclude<AuthCodeThen, 'auto'> {
  if (then !== 'auto') return then;
  if (o.totalFee > PASSWORD_ABOVE_FEN) return 'password';
  const openid = ctx.ledger.mintedCodes.get(o.authCode ?? '')?.openid ?? ctx.phoneOpenid;
  const today = BEIJING_DAY(now);
  const paidToday = ctx.ledger
    .allOrders(now)
    .filter((x) => x.tradeType === 'MICROPAY' && x.openid === openid && x.paidAt !== null && BEIJING_DAY(x.paidAt) === today).length;
  return paidToday >= FREE_PAYMENTS_PER_DAY ? 'password' : 'pay';
}

export function microPay(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  const code = p.auth_code ?? '';
  if (!AUTH_CODE_RE.test(code)) return bizErr('AUTH_CODE_INVALID', '101 付款码无效，请重新扫码');
  const outTradeNo = p.out_trade_no ?? '';
  // auth_code is left out: a cashier may re-submit with a refreshed code for the same order.
  const fp = fingerprint(p, ['auth_code']);
  const existing = ctx.ledger.order(merchant.mchId, outTradeNo, now);
  if (existing) {
    // A re-submitted micropay (same number) reports the order's state; never charges twice.
    if (existing.tradeType !== 'MICROPAY') return bizErr('OUT_TRADE_NO_USED', '商户订单号重复');
    if (existing.fingerprint !== fp) return bizErr('INVALID_REQUEST', '201 商户订单号重复');
    return existing.state === 'SUCCESS' ? ok(paidFields(existing)) : stateReply(existing);
  }
  if (ctx.ledger.usedCodes.has(code)) return bizErr('AUTH_CODE_ERROR', '每个二维码仅限使用一次，请刷新再试');
  const plan = ctx.ledger.mintedCodes.get(code);
  if (plan && now - plan.mintedAt > ctx.cfg.authCodeTtlMs) return bizErr('AUTHCODEEXPIRE', '二维码已过期，请用户在微信上刷新后再试');
  const expiry = readExpiry(call, MICROPAY_MIN_EXPIRE_MS, '刷卡至少1分钟，其他5分钟');
  if (expiry !== null && typeof expiry === 'object') return expiry;
  ctx.ledger.usedCodes.add(own(code));
  const o: OrderRecord = newOrder(call, { tradeType: 'MICROPAY', state: 'USERPAYING', authCode: own(code), timeExpire: expiry, fingerprint: fp });
  ctx.ledger.addOrder(o);
  const openid = plan?.openid ?? ctx.phoneOpenid;
  const then = decide(ctx, plan?.then ?? 'pay', o, now);
  const afterMs = plan?.afterMs ?? 0;
  switch (then) {
    case 'pay':
      ctx.ledger.markPaid(o, now, openid, ctx.ids.transactionId(now));
      return ok(paidFields(o));
    case 'password':
      o.pending = { at: now + afterMs, to: 'SUCCESS', openid };
      return stateReply(o);
    case 'payerror':
      o.pending = { at: now + afterMs, to: 'PAYERROR', openid, reason: 'BANKERROR' };
      return stateReply(o);
    case 'notenough':
      o.state = 'PAYERROR';
      o.failReason = 'NOTENOUGH';
      o.endedAt = now;
      return stateReply(o);
    case 'abandon':
      return stateReply(o);
    default: {
      const never: never = then;
      throw new Error(`unknown plan ${String(never)}`);
    }
  }
}

export function reverse(ctx: SimContext, call: Call): EndpointReply {
  const { now } = call;
  const o = findOrder(ctx, call);
  if (o === 'missing-ref') return bizErr('LACK_PARAMS', 'transaction_id和out_trade_no至少填一个', { recall: 'N' });
  if (!o) return bizErr('ORDERNOTEXIST', '订单不存在', { recall: 'N' });
  if (now - o.createdAt > REVERSE_WINDOW_MS) return bizErr('REVERSE_EXPIRE', '订单已超过撤销期限，请使用退款', { recall: 'N' });
  if (o.state === 'REFUND') return bizErr('TRADE_ERROR', '订单已发生退款，不能撤销', { recall: 'N' });
  // The customer is typing the password: WeChat will not reverse yet; call again (the 45 s auto-revoke ends it).
  if (o.state === 'USERPAYING' && ctx.cfg.reverseWhilePaying === 'refuse') return bizErr('USERPAYING', '正在支付中', { recall: 'Y' });
  if (o.state !== 'REVOKED' && o.state !== 'CLOSED') {
    // Unpaid: the order is revoked; paid: the money goes back to the customer. Closed stays closed.
    o.state = 'REVOKED';
    o.endedAt = now;
    o.pending = null;
  }
  return ok({ recall: 'N' });
}
