// A parsed bill: typed rows with amounts as integers. Money in fen; fees in thousandths of a fen
// (the bill writes 手续费 with 5 decimals of a yuan, so a fee can be 11.994 fen).

export interface BillRow {
  /** 1-based line in the bill text (for reports and errors). */
  readonly line: number;
  /** 交易时间 (Beijing) as epoch ms. */
  readonly tradeTime: number;
  readonly appid: string;
  readonly mchId: string;
  readonly subMchId: string;
  readonly deviceInfo: string;
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly openid: string;
  readonly tradeType: string;
  /** 交易状态: SUCCESS and REVOKED on payment rows, REFUND on refund rows. */
  readonly tradeState: string;
  readonly bank: string;
  readonly currency: string;
  /** 应结订单金额 */
  readonly settleFen: number;
  /** 代金券金额 */
  readonly couponFen: number;
  /** REFUND layout only: 退款申请时间 / 退款成功时间 as epoch ms (null when absent). */
  readonly refundAppliedAt: number | null;
  readonly refundSucceededAt: number | null;
  /** 微信退款单号 / 商户退款单号: null on payment rows ("0" or empty in the bill). */
  readonly refundId: string | null;
  readonly outRefundNo: string | null;
  /** 退款金额 */
  readonly refundFen: number;
  /** 充值券退款金额 */
  readonly rechargeRefundFen: number;
  readonly refundType: string;
  readonly refundStatus: string;
  readonly body: string;
  readonly attach: string;
  /** 手续费 in thousandths of a fen; negative on refund rows (the fee handed back). */
  readonly feeMilliFen: number;
  /** 费率 as written ("0.60%"). */
  readonly rate: string;
  /** 订单金额 */
  readonly orderFen: number;
  /** 申请退款金额 */
  readonly appliedRefundFen: number;
  readonly rateNote: string;
}

export interface BillSummary {
  readonly count: number;
  readonly settleFen: number;
  readonly refundFen: number;
  readonly rechargeRefundFen: number;
  readonly feeMilliFen: number;
  readonly orderFen: number;
  readonly appliedRefundFen: number;
}

export interface ParsedBill {
  readonly layout: 'ALL' | 'SUCCESS' | 'REFUND';
  readonly rows: readonly BillRow[];
  readonly summary: BillSummary;
}

/** A refund row (交易状态 REFUND); everything else is a payment row. */
export function isRefundRow(r: BillRow): boolean {
  return r.tradeState === 'REFUND';
}
