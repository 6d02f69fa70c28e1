// Read-only snapshots of the books for the control API, tests and the UI's sandbox panel.
import type { OrderRecord, RefundRecord, RefundState, TradeState } from './sim-types';

export interface SimRefundView {
  readonly mchId: string;
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly refundFee: number;
  readonly status: RefundState;
  readonly createdAt: number;
  readonly settledAt: number | null;
}

export interface SimOrderView {
  readonly mchId: string;
  readonly outTradeNo: string;
  readonly tradeType: 'NATIVE' | 'MICROPAY';
  readonly state: TradeState;
  readonly totalFee: number;
  readonly refundedFee: number;
  readonly body: string;
  readonly transactionId: string | null;
  readonly createdAt: number;
  readonly paidAt: number | null;
  readonly endedAt: number | null;
  readonly timeExpire: number | null;
  readonly codeUrls: readonly string[];
  readonly authCode: string | null;
  readonly refunds: readonly SimRefundView[];
}

export function refundView(r: RefundRecord): SimRefundView {
  return {
    mchId: r.mchId,
    outTradeNo: r.outTradeNo,
    outRefundNo: r.outRefundNo,
    refundId: r.refundId,
    refundFee: r.refundFee,
    status: r.status,
    createdAt: r.createdAt,
    settledAt: r.settledAt,
  };
}

export function orderView(o: OrderRecord): SimOrderView {
  return {
    mchId: o.mchId,
    outTradeNo: o.outTradeNo,
    tradeType: o.tradeType,
    state: o.state,
    totalFee: o.totalFee,
    refundedFee: o.refunds.filter((r) => r.status !== 'REFUNDCLOSE').reduce((s, r) => s + r.refundFee, 0),
    body: o.body,
    transactionId: o.transactionId,
    createdAt: o.createdAt,
    paidAt: o.paidAt,
    endedAt: o.endedAt,
    timeExpire: o.timeExpire,
    codeUrls: o.codeUrls.map((c) => c.url),
    authCode: o.authCode,
    refunds: o.refunds.map(refundView),
  };
}
