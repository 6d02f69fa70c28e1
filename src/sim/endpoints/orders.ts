// unifiedorder (Native mode 2), orderquery and closeorder (wxpay-v2.md 4.1-4.3).
import { parseBeijing } from '../../common/beijing-time';
import { bizErr, fingerprint, ok, type Call, type EndpointReply, type SimContext } from '../sim-context';
import type { OrderRecord } from '../sim-types';
import { newOrder } from './new-order';
import { queryFields } from './order-fields';

/** 1 s of slack: callers format "now + 5 min" to whole seconds. */
const SLACK_MS = 1000;
const NATIVE_MIN_EXPIRE_MS = 5 * 60_000;

/** Checks time_start/time_expire; returns the expiry (ms) or an error reply. */
export function readExpiry(call: Call, minMs: number, label: string): number | null | EndpointReply {
  const { p, now } = call;
  if (p.time_start && parseBeijing(p.time_start) === null) return bizErr('INVALID_REQUEST', 'time_start参数格式错误');
  if (!p.time_expire) return null;
  const at = parseBeijing(p.time_expire);
  if (at === null) return bizErr('INVALID_REQUEST', 'time_expire参数格式错误');
  if (at - now < minMs - SLACK_MS) return bizErr('INVALID_REQUEST', `time_expire时间过短，${label}`);
  return at;
}

function issueCodeUrl(ctx: SimContext, o: OrderRecord, now: number): string {
  let url = ctx.ids.codeUrl();
  while (ctx.ledger.hasCodeUrl(url)) url = ctx.ids.codeUrl();
  ctx.ledger.addCodeUrl(o, url, now);
  o.prepayId = ctx.ids.prepayId(now);
  return url;
}

export function unifiedOrder(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  if (p.trade_type !== 'NATIVE') return bizErr('NOAUTH', '商户号该产品权限未开通，请前往商户平台>产品中心检查后重试');
  if (!p.product_id) return bizErr('CUSTOM_ERROR', "当trade_type是'NATIVE'时，需指定非空的product_id值");
  const outTradeNo = p.out_trade_no ?? '';
  const fp = fingerprint(p);
  const existing = ctx.ledger.order(merchant.mchId, outTradeNo, now);
  let order: OrderRecord;
  if (existing) {
    if (existing.tradeType !== 'NATIVE') return bizErr('OUT_TRADE_NO_USED', '商户订单号重复');
    switch (existing.state) {
      case 'SUCCESS':
      case 'REFUND':
        return bizErr('ORDERPAID', '该订单已支付');
      case 'CLOSED':
      case 'REVOKED':
      case 'PAYERROR':
        return bizErr('ORDERCLOSED', '该订单已关闭');
      case 'NOTPAY':
      case 'USERPAYING':
      case 'ACCEPT':
        break;
      default: {
        const never: never = existing.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
    if (existing.fingerprint !== fp) return bizErr('INVALID_REQUEST', '201 商户订单号重复');
    order = existing;
  } else {
    const expiry = readExpiry(call, NATIVE_MIN_EXPIRE_MS, '刷卡至少1分钟，其他5分钟');
    if (expiry !== null && typeof expiry === 'object') return expiry;
    order = newOrder(call, { tradeType: 'NATIVE', state: 'NOTPAY', authCode: null, timeExpire: expiry, fingerprint: fp });
    ctx.ledger.addOrder(order);
  }
  const codeUrl = issueCodeUrl(ctx, order, now);
  return ok({ trade_type: 'NATIVE', prepay_id: order.prepayId ?? '', code_url: codeUrl });
}

/** Finds the order named by transaction_id (wins) or out_trade_no. */
export function findOrder(ctx: SimContext, call: Call): OrderRecord | undefined | 'missing-ref' {
  const { p, now, merchant } = call;
  if (p.transaction_id) return ctx.ledger.orderByTransaction(merchant.mchId, p.transaction_id, now);
  if (p.out_trade_no) return ctx.ledger.order(merchant.mchId, p.out_trade_no, now);
  return 'missing-ref';
}

export function orderQuery(ctx: SimContext, call: Call): EndpointReply {
  const o = findOrder(ctx, call);
  if (o === 'missing-ref') return bizErr('LACK_PARAMS', 'transaction_id和out_trade_no至少填一个');
  if (!o) return bizErr('ORDERNOTEXIST', '订单不存在');
  return ok(queryFields(o));
}

export function closeOrder(ctx: SimContext, call: Call): EndpointReply {
  const { now, merchant, p } = call;
  const o = ctx.ledger.order(merchant.mchId, p.out_trade_no ?? '', now);
  if (!o) return bizErr('ORDERNOTEXIST', '订单不存在');
  switch (o.state) {
    case 'SUCCESS':
    case 'REFUND':
      return bizErr('ORDERPAID', '订单已支付，不能发起关单');
    case 'CLOSED':
    case 'REVOKED':
      return bizErr('ORDERCLOSED', '订单已关闭，无需继续调用');
    case 'NOTPAY':
    case 'USERPAYING':
    case 'PAYERROR':
    case 'ACCEPT':
      break;
    default: {
      const never: never = o.state;
      throw new Error(`unknown state ${String(never)}`);
    }
  }
  if (now - o.createdAt < ctx.cfg.closeFloorMs) {
    // WeChat: "do not close within 5 minutes of creation". 'silent' reproduces the community
    // report of a SUCCESS reply while the order stays open.
    if (ctx.cfg.closeEarly === 'silent') return ok({ result_msg: 'OK' });
    return bizErr('SYSTEMERROR', '订单创建后5分钟内不能关单，请稍后再试');
  }
  o.state = 'CLOSED';
  o.endedAt = now;
  o.pending = null;
  return ok({ result_msg: 'OK' });
}
