// downloadbill (wxpay-v2.md 4.8): backquoted CSV in the post-2018 layouts (ALL 27, SUCCESS 20,
// REFUND 29 columns) plus the 7-column summary, amounts in yuan, gzip on tar_type=GZIP. Failures
// are unsigned XML with error_code ("No Bill Exist" / 20002 when the day has no rows).
import { gzipSync } from 'node:zlib';
import { buildXml } from '../../core/wxpay/xml';
import { formatBeijingDate, formatBeijingDisplay, parseBeijingDate } from '../../common/beijing-time';
import type { Call, EndpointReply, SimContext } from '../sim-context';
import type { OrderRecord, RefundRecord } from '../sim-types';

const HEAD = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类';
const COLUMNS = {
  ALL: `${HEAD},应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注`,
  SUCCESS: `${HEAD},应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注`,
  REFUND: `${HEAD},应结订单金额,代金券金额,退款申请时间,退款成功时间,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注`,
} as const;
const SUMMARY_HEAD = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
/** The fee rate, 0.6 %, as thousandths of a fen per fen: fees stay integers (1/1000 fen = 0.00001 yuan). */
const FEE_MILLIFEN_PER_FEN = 6;

type BillType = keyof typeof COLUMNS;

// Bills state amounts in yuan (fees with 5 decimals); formatted from integers without floating point.
const decimal = (n: number, places: number): string => {
  const unit = 10 ** places;
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.trunc(abs / unit)}.${String(abs % unit).padStart(places, '0')}`;
};
const yuan = (fen: number): string => decimal(fen, 2);
/** Fee in thousandths of a fen. */
const feeMilliFen = (fen: number): number => fen * FEE_MILLIFEN_PER_FEN;
const feeYuan = (milliFen: number): string => decimal(milliFen, 5);

function fail(msg: string, code: string): EndpointReply {
  return { type: 'raw', contentType: 'text/xml; charset=utf-8', body: Buffer.from(buildXml({ return_code: 'FAIL', return_msg: msg, error_code: code })) };
}

interface Row {
  cells: string[];
  settle: number;
  refund: number;
  fee: number;
  order: number;
  applied: number;
}

function head(o: OrderRecord, at: number, state: string): string[] {
  return [formatBeijingDisplay(at), o.appid, o.mchId, '0', o.deviceInfo, o.transactionId ?? '', o.outTradeNo, o.openid ?? '', o.tradeType, state, 'OTHERS', 'CNY'];
}

function paymentRow(type: BillType, o: OrderRecord): Row {
  const at = o.paidAt ?? o.createdAt;
  const f = o.totalFee;
  const tail =
    type === 'ALL'
      ? [yuan(f), '0.00', '0', '0', '0.00', '0.00', '', '', o.body, o.attach, feeYuan(feeMilliFen(f)), '0.60%', yuan(f), '0.00', '']
      : [yuan(f), '0.00', o.body, o.attach, feeYuan(feeMilliFen(f)), '0.60%', yuan(f), '']; // SUCCESS
  return { cells: [...head(o, at, 'SUCCESS'), ...tail], settle: f, refund: 0, fee: feeMilliFen(f), order: f, applied: 0 };
}

function refundRow(type: BillType, o: OrderRecord, r: RefundRecord): Row {
  const f = o.totalFee;
  const status = r.status === 'PROCESSING' ? 'PROCESSING' : r.status;
  const refunded = r.status === 'REFUNDCLOSE' ? 0 : r.refundFee;
  const fee = -feeMilliFen(refunded);
  const feeText = feeYuan(fee);
  const tail =
    type === 'ALL'
      ? [yuan(f), '0.00', r.refundId, r.outRefundNo, yuan(refunded), '0.00', 'ORIGINAL', status, o.body, o.attach, feeText, '0.60%', yuan(f), yuan(r.refundFee), '']
      : [yuan(f), '0.00', formatBeijingDisplay(r.createdAt), r.settledAt === null ? '' : formatBeijingDisplay(r.settledAt), r.refundId, r.outRefundNo, yuan(refunded), '0.00', 'ORIGINAL', status, o.body, o.attach, feeText, '0.60%', yuan(f), yuan(r.refundFee), '']; // REFUND
  return { cells: [...head(o, r.createdAt, 'REFUND'), ...tail], settle: 0, refund: refunded, fee, order: 0, applied: r.refundFee };
}

export function downloadBill(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  if (!p.bill_date) return fail('missing parameter', '20001');
  const day = parseBeijingDate(p.bill_date);
  if (day === null) return fail('invalid bill_date', '20003');
  const type = p.bill_type || 'ALL';
  if (type !== 'ALL' && type !== 'SUCCESS' && type !== 'REFUND' && type !== 'RECHARGE_REFUND') return fail('invalid bill_type', '20003');
  if (p.tar_type && p.tar_type !== 'GZIP') return fail('invalid tar_type', '20003');
  if (type === 'RECHARGE_REFUND') return fail('No Bill Exist', '20002'); // no recharge coupons here
  const rows: Row[] = [];
  for (const o of ctx.ledger.allOrders(now, merchant.mchId)) {
    // Only paid orders and refund applications appear; a reversed-after-payment order keeps its row.
    if (type !== 'REFUND' && o.paidAt !== null && formatBeijingDate(o.paidAt) === p.bill_date) rows.push(paymentRow(type, o));
    if (type !== 'SUCCESS') {
      for (const r of o.refunds) if (formatBeijingDate(r.createdAt) === p.bill_date) rows.push(refundRow(type, o, r));
    }
  }
  if (rows.length === 0) return fail('No Bill Exist', '20002');
  rows.sort((a, b) => (a.cells[0] ?? '').localeCompare(b.cells[0] ?? ''));
  const sum = (k: 'settle' | 'refund' | 'fee' | 'order' | 'applied'): number => rows.reduce((s, r) => s + r[k], 0);
  const lines = [
    COLUMNS[type],
    ...rows.map((r) => r.cells.map((c) => '`' + c).join(',')),
    SUMMARY_HEAD,
    ['' + rows.length, yuan(sum('settle')), yuan(sum('refund')), '0.00', feeYuan(sum('fee')), yuan(sum('order')), yuan(sum('applied'))]
      .map((c) => '`' + c)
      .join(','),
  ];
  const text = Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
  if (p.tar_type === 'GZIP') return { type: 'raw', contentType: 'application/x-gzip', body: gzipSync(text) };
  return { type: 'raw', contentType: 'text/plain; charset=utf-8', body: text };
}
