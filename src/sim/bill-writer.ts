// Writes a downloadbill body the way WeChat does (wxpay-v2.md 4.8): header, backquoted detail rows,
// summary header, backquoted summary; yuan amounts from integers (never floats); fee 0.6 % with 5
// decimals. Plain entries in, text out: the endpoint, tests and the reconciliation benchmark share it.

const HEAD = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类';
export const SIM_BILL_COLUMNS = {
  ALL: `${HEAD},应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注`,
  SUCCESS: `${HEAD},应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注`,
  REFUND: `${HEAD},应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注`,
} as const;
export type SimBillType = keyof typeof SIM_BILL_COLUMNS;
const SUMMARY_HEAD = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
/** The fee rate, 0.6 %, as thousandths of a fen per fen: fees stay integers (1/1000 fen = 0.00001 yuan). */
const FEE_MILLIFEN_PER_FEN = 6;

/** What one order contributes to a bill, independent of the simulator's books. */
export interface BillOrder {
  readonly appid: string;
  readonly mchId: string;
  readonly deviceInfo: string;
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly openid: string;
  readonly tradeType: string;
  readonly totalFen: number;
  readonly body: string;
  readonly attach: string;
}

export type BillEntry =
  /** A payment row; state REVOKED for a paid quick pay that was reversed afterwards. */
  | { readonly kind: 'payment'; readonly order: BillOrder; readonly at: number; readonly state: 'SUCCESS' | 'REVOKED' }
  /** A refund row, written when WeChat accepted the refund. */
  | {
      readonly kind: 'refund';
      readonly order: BillOrder;
      readonly at: number;
      readonly settledAt: number | null;
      readonly refundId: string;
      readonly outRefundNo: string;
      /** 申请退款金额 */
      readonly appliedFen: number;
      readonly status: string;
    };

export interface RenderOptions {
  /** Formats a time as yyyy-MM-dd HH:mm:ss (Beijing). */
  readonly display: (ms: number) => string;
  readonly eol?: '\r\n' | '\n';
  readonly bom?: boolean;
  /** Test hook: added to 应结订单总金额 and 订单总金额 in the summary (a bill whose summary lies). */
  readonly summarySkewFen?: number;
}

const decimal = (n: number, places: number): string => {
  const unit = 10 ** places;
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.trunc(abs / unit)}.${String(abs % unit).padStart(places, '0')}`;
};
const yuan = (fen: number): string => decimal(fen, 2);
const feeYuan = (milliFen: number): string => decimal(milliFen, 5);
export const feeMilliFen = (fen: number): number => fen * FEE_MILLIFEN_PER_FEN;

function cells(type: SimBillType, e: BillEntry, display: (ms: number) => string): { cells: string[]; settle: number; refund: number; fee: number; order: number; applied: number } {
  const o = e.order;
  const f = o.totalFen;
  const head = [display(e.at), o.appid, o.mchId, '0', o.deviceInfo, o.transactionId, o.outTradeNo, o.openid, o.tradeType, e.kind === 'payment' ? e.state : 'REFUND', 'OTHERS', 'CNY'];
  if (e.kind === 'payment') {
    const fee = feeYuan(feeMilliFen(f));
    const tail =
      type === 'SUCCESS'
        ? [yuan(f), '0.00', o.body, o.attach, fee, '0.60%', yuan(f), '']
        : [yuan(f), '0.00', '0', '0', '0.00', '0.00', '', '', o.body, o.attach, fee, '0.60%', yuan(f), '0.00', '']; // ALL
    return { cells: [...head, ...tail], settle: f, refund: 0, fee: feeMilliFen(f), order: f, applied: 0 };
  }
  const refunded = e.status === 'REFUNDCLOSE' ? 0 : e.appliedFen;
  const fee = -feeMilliFen(refunded);
  const mid = [e.refundId, e.outRefundNo, yuan(refunded), '0.00', 'ORIGINAL', e.status, o.body, o.attach, feeYuan(fee), '0.60%', yuan(f), yuan(e.appliedFen), ''];
  const tail = type === 'REFUND' ? [yuan(f), '0.00', display(e.at), e.settledAt === null ? '' : display(e.settledAt), ...mid] : [yuan(f), '0.00', ...mid];
  return { cells: [...head, ...tail], settle: 0, refund: refunded, fee, order: 0, applied: e.appliedFen };
}

/** The bill text for these entries (already filtered to the day and type), rows in time order. */
export function renderBill(type: SimBillType, entries: readonly BillEntry[], opts: RenderOptions): string {
  const sorted = [...entries].sort((a, b) => a.at - b.at);
  const lines: string[] = [SIM_BILL_COLUMNS[type]];
  let settle = 0, refund = 0, fee = 0, order = 0, applied = 0;
  for (const e of sorted) {
    const r = cells(type, e, opts.display);
    lines.push('`' + r.cells.join(',`'));
    settle += r.settle;
    refund += r.refund;
    fee += r.fee;
    order += r.order;
    applied += r.applied;
  }
  const skew = opts.summarySkewFen ?? 0;
  lines.push(SUMMARY_HEAD);
  lines.push('`' + [String(sorted.length), yuan(settle + skew), yuan(refund), '0.00', feeYuan(fee), yuan(order + skew), yuan(applied)].join(',`'));
  const eol = opts.eol ?? '\r\n';
  return (opts.bom ? '\ufeff' : '') + lines.join(eol) + eol;
}
