// The order facts orderquery and micropay report, shaped as WeChat's response fields.
import { formatBeijing } from '../../common/beijing-time';
import type { Fields } from '../sim-context';
import type { OrderRecord, TradeState } from '../sim-types';

export function tradeStateDesc(o: OrderRecord): string {
  const s: TradeState = o.state;
  switch (s) {
    case 'SUCCESS':
      return '支付成功';
    case 'REFUND':
      return '订单发生过退款';
    case 'NOTPAY':
      return '订单未支付';
    case 'CLOSED':
      return '订单已关闭';
    case 'REVOKED':
      return '订单已撤销';
    case 'USERPAYING':
      return '需要用户输入支付密码';
    case 'PAYERROR':
      return '支付失败,请撤销订单';
    case 'ACCEPT':
      return '已接收，等待扣款';
    default: {
      const never: never = s;
      throw new Error(`unknown trade state ${String(never)}`);
    }
  }
}

/** Fields of a paid order (payment facts), as orderquery and micropay SUCCESS carry them. */
export function paidFields(o: OrderRecord): Fields {
  const f: Fields = {
    openid: o.openid ?? '',
    is_subscribe: 'N',
    trade_type: o.tradeType,
    bank_type: 'OTHERS',
    total_fee: o.totalFee,
    fee_type: 'CNY',
    cash_fee: o.totalFee,
    transaction_id: o.transactionId ?? '',
    out_trade_no: o.outTradeNo,
    time_end: o.paidAt === null ? '' : formatBeijing(o.paidAt),
  };
  if (o.attach) f.attach = o.attach;
  if (o.deviceInfo) f.device_info = o.deviceInfo;
  return f;
}

export function queryFields(o: OrderRecord): Fields {
  const base: Fields =
    o.paidAt !== null
      ? paidFields(o)
      : { out_trade_no: o.outTradeNo, total_fee: o.totalFee, trade_type: o.tradeType, ...(o.attach ? { attach: o.attach } : {}) };
  return { ...base, trade_state: o.state, trade_state_desc: tradeStateDesc(o) };
}
