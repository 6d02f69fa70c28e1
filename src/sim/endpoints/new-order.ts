// The one way an order is born in the simulator (unifiedorder and micropay): the request's own copy
// of each field, nothing paid, nothing refunded.
import { own, type Call } from '../sim-context';
import type { OrderRecord } from '../sim-types';

export function newOrder(
  call: Call,
  born: Pick<OrderRecord, 'tradeType' | 'state' | 'authCode' | 'timeExpire' | 'fingerprint'>,
): OrderRecord {
  const { p, now, merchant } = call;
  return {
    mchId: merchant.mchId,
    appid: own(p.appid) || merchant.appid,
    outTradeNo: own(p.out_trade_no),
    totalFee: Number(p.total_fee),
    body: own(p.body),
    attach: own(p.attach),
    deviceInfo: own(p.device_info),
    createdAt: now,
    transactionId: null,
    prepayId: null,
    codeUrls: [],
    paidAt: null,
    endedAt: null,
    openid: null,
    failReason: null,
    pending: null,
    refunds: [],
    ...born,
  };
}
