// The detail layouts of downloadbill (wxpay-v2.md 4.8, the post-2018 "settlement" format of a direct
// merchant). A bill is accepted only when its header is exactly one of these: a column that moved
// would otherwise put an amount into the wrong field.
export type BillType = 'ALL' | 'SUCCESS' | 'REFUND' | 'RECHARGE_REFUND';

const HEAD = ['交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号', '用户标识', '交易类型', '交易状态', '付款银行', '货币种类'];

const REFUND_COLUMNS: readonly string[] = [...HEAD, '应结订单金额', '代金券金额', '退款申请时间', '退款成功时间', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'];

export const BILL_COLUMNS: Readonly<Record<BillType, readonly string[]>> = {
  ALL: [...HEAD, '应结订单金额', '代金券金额', '微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'],
  SUCCESS: [...HEAD, '应结订单金额', '代金券金额', '商品名称', '商户数据包', '手续费', '费率', '订单金额', '费率备注'],
  REFUND: REFUND_COLUMNS,
  // Refunds of recharge coupons: the doc gives no separate table; they use the REFUND columns.
  RECHARGE_REFUND: REFUND_COLUMNS,
};

export const SUMMARY_COLUMNS: readonly string[] = ['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额'];

/** The layout a header names: the first type whose columns it matches exactly (REFUND before RECHARGE_REFUND). */
export function layoutOf(header: readonly string[]): 'ALL' | 'SUCCESS' | 'REFUND' | null {
  for (const t of ['ALL', 'SUCCESS', 'REFUND'] as const) {
    const cols = BILL_COLUMNS[t];
    if (cols.length === header.length && cols.every((c, i) => c === header[i])) return t;
  }
  return null;
}
