// refund (/secapi/pay/refund) and refundquery (wxpay-v2.md 4.6-4.7): idempotent by out_refund_no,
// sum <= total, <= 50 per order, optional spacing, PROCESSING then the scripted final status.
import { formatBeijingDisplay } from '../../common/beijing-time';
import { bizErr, ok, own, type Call, type EndpointReply, type Fields, type SimContext } from '../sim-context';
import type { OrderRecord, RefundRecord } from '../sim-types';
import { findOrder } from './orders';

const MAX_REFUNDS = 50;
const REFUND_WINDOW_MS = 365 * 24 * 3600_000;
const PAGE_WITH_OFFSET = 10;
const PAGE_WITHOUT_OFFSET = 20;

function refundReply(o: OrderRecord, r: RefundRecord): EndpointReply {
  return ok({
    transaction_id: o.transactionId ?? '',
    out_trade_no: o.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: r.refundFee,
    total_fee: o.totalFee,
    fee_type: 'CNY',
    cash_fee: o.totalFee,
    cash_refund_fee: r.refundFee,
  });
}

export function refund(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  const o = findOrder(ctx, call);
  if (o === 'missing-ref') return bizErr('LACK_PARAMS', 'transaction_id和out_trade_no至少填一个');
  if (!o) return bizErr('ORDERNOTEXIST', '订单不存在');
  const totalFee = Number(p.total_fee);
  const refundFee = Number(p.refund_fee);
  const outRefundNo = p.out_refund_no ?? '';
  const fp = `${o.outTradeNo}|${totalFee}|${refundFee}`;
  const previous = ctx.ledger.refund(merchant.mchId, outRefundNo, now);
  if (previous) {
    // Same out_refund_no = same refund: answer as before, never refund twice.
    if (previous.fingerprint !== fp) return bizErr('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
    return refundReply(o, previous);
  }
  if (o.paidAt === null) return bizErr('ORDERNOTEXIST', '订单不存在或未支付');
  if (o.state === 'REVOKED') return bizErr('TRADE_STATE_ERROR', '订单已撤销，不能退款');
  if (totalFee !== o.totalFee) return bizErr('PARAM_ERROR', 'total_fee与订单金额不一致');
  if (now - o.paidAt > REFUND_WINDOW_MS) return bizErr('TRADE_OVERDUE', '订单已经超过退款期限');
  const refunded = o.refunds.filter((r) => r.status !== 'REFUNDCLOSE').reduce((s, r) => s + r.refundFee, 0);
  if (refunded >= o.totalFee) return bizErr('ERROR', '订单已全额退款');
  if (refunded + refundFee > o.totalFee) return bizErr('REFUND_FEE_INVALID', '累计退款金额大于支付金额');
  if (o.refunds.length >= MAX_REFUNDS) return bizErr('ERROR', '订单部分退款次数已达上限(50次)');
  const last = o.refunds[o.refunds.length - 1];
  if (ctx.cfg.refundSpacingMs > 0 && last && now - last.createdAt < ctx.cfg.refundSpacingMs) {
    return bizErr('FREQUENCY_LIMITED', '同一笔订单两次退款需间隔1分钟以上，请稍后再试');
  }
  const r: RefundRecord = {
    mchId: merchant.mchId,
    outTradeNo: o.outTradeNo,
    outRefundNo: own(outRefundNo),
    refundId: ctx.ids.refundId(now),
    refundFee,
    totalFee,
    createdAt: now,
    fingerprint: fp,
    finalStatus: ctx.refundScript.take(outRefundNo),
    status: 'PROCESSING',
    settledAt: null,
  };
  ctx.ledger.addRefund(o, r);
  o.state = 'REFUND';
  ctx.ledger.settle(o, now); // a zero refund delay finishes at once
  return refundReply(o, r);
}

function itemFields(r: RefundRecord, n: number): Fields {
  const f: Fields = {
    [`out_refund_no_${n}`]: r.outRefundNo,
    [`refund_id_${n}`]: r.refundId,
    [`refund_channel_${n}`]: 'ORIGINAL',
    [`refund_fee_${n}`]: r.refundFee,
    [`settlement_refund_fee_${n}`]: r.refundFee,
    [`refund_status_${n}`]: r.status,
    [`refund_account_${n}`]: 'REFUND_SOURCE_UNSETTLED_FUNDS',
    [`refund_recv_accout_${n}`]: '支付用户零钱',
  };
  if (r.status === 'SUCCESS' && r.settledAt !== null) f[`refund_success_time_${n}`] = formatBeijingDisplay(r.settledAt);
  return f;
}

export function refundQuery(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  const notFound = bizErr('REFUNDNOTEXIST', '退款订单查询失败');
  let order: OrderRecord | undefined;
  let items: RefundRecord[];
  let totalCount: number | null = null;
  // Priority: refund_id > out_refund_no > transaction_id > out_trade_no.
  if (p.refund_id || p.out_refund_no) {
    const r = p.refund_id
      ? ctx.ledger.refundById(merchant.mchId, p.refund_id, now)
      : ctx.ledger.refund(merchant.mchId, p.out_refund_no ?? '', now);
    if (!r) return notFound;
    order = ctx.ledger.order(merchant.mchId, r.outTradeNo, now);
    items = [r];
  } else {
    const o = findOrder(ctx, call);
    if (o === 'missing-ref') return bizErr('LACK_PARAMS', 'refund_id、out_refund_no、transaction_id、out_trade_no至少填一个');
    if (!o || o.refunds.length === 0) return notFound;
    order = o;
    if (p.offset !== undefined && p.offset !== '') {
      const offset = Number(p.offset);
      totalCount = o.refunds.length;
      if (offset > totalCount) return bizErr('PARAM_ERROR', 'offset参数错误');
      items = o.refunds.slice(offset, offset + PAGE_WITH_OFFSET);
    } else {
      items = o.refunds.slice(0, PAGE_WITHOUT_OFFSET);
    }
  }
  if (!order) return notFound;
  const fields: Fields = {
    transaction_id: order.transactionId ?? '',
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
    fee_type: 'CNY',
    cash_fee: order.totalFee,
    refund_count: items.length,
  };
  if (totalCount !== null) fields.total_refund_count = totalCount;
  items.forEach((r, n) => Object.assign(fields, itemFields(r, n)));
  return ok(fields);
}
