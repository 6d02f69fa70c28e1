// downloadbill (wxpay-v2.md 4.8, reconciliation.md): a day's bill exists only from 10:00 Beijing the next
// day ("Bill Creating" before), for the last 3 months; backquoted CSV in the ALL 27 / SUCCESS 20 /
// REFUND 29 column layouts with the 7-column summary, gzip on tar_type=GZIP. Paid orders and accepted
// refunds only; a paid quick pay reversed later keeps its row, marked REVOKED. Failures are unsigned
// XML with error_code ("No Bill Exist" / 20002 when the day has no rows). Tests may plant
// discrepancies (bill-tampers.ts).
import { gzipSync } from 'node:zlib';
import { DAY_MS, formatBeijingDate, formatBeijingDisplay, parseBeijingDate } from '../../common/beijing-time';
import { buildXml } from '../../core/wxpay/xml';
import { renderBill, type BillEntry, type BillOrder } from '../bill-writer';
import type { Call, EndpointReply, SimContext } from '../sim-context';
import type { OrderRecord } from '../sim-types';

/** A day's bill can be fetched from 10:00 Beijing the next day (generated from 09:00). */
const READY_AFTER_MS = DAY_MS + 10 * 3_600_000;
const MONTHS_BACK = 3;

/** code null: no error_code element (none is documented for "Bill Creating"). */
function fail(msg: string, code: string | null): EndpointReply {
  const fields: Record<string, string> = { return_code: 'FAIL', return_msg: msg };
  if (code !== null) fields.error_code = code;
  return { type: 'raw', contentType: 'text/xml; charset=utf-8', body: Buffer.from(buildXml(fields)) };
}

/** yyyyMMdd of the oldest day still served: the same calendar day MONTHS_BACK months before today. */
function oldestBillDate(now: number): string {
  const today = formatBeijingDate(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(4, 6)) - 1 - MONTHS_BACK;
  const d = Number(today.slice(6, 8));
  const t = new Date(Date.UTC(y, m, d));
  return `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
}

function billOrder(o: OrderRecord): BillOrder {
  return {
    appid: o.appid,
    mchId: o.mchId,
    deviceInfo: o.deviceInfo,
    transactionId: o.transactionId ?? '',
    outTradeNo: o.outTradeNo,
    openid: o.openid ?? '',
    tradeType: o.tradeType,
    totalFen: o.totalFee,
    body: o.body,
    attach: o.attach,
  };
}

/** The day's payment and refund entries of one merchant, as WeChat would list them. */
function entriesOf(orders: readonly OrderRecord[], billDate: string): BillEntry[] {
  const out: BillEntry[] = [];
  for (const o of orders) {
    const order = billOrder(o);
    if (o.paidAt !== null && formatBeijingDate(o.paidAt) === billDate) {
      out.push({ kind: 'payment', order, at: o.paidAt, state: o.state === 'REVOKED' ? 'REVOKED' : 'SUCCESS' });
    }
    for (const r of o.refunds) {
      if (formatBeijingDate(r.createdAt) !== billDate) continue;
      out.push({ kind: 'refund', order, at: r.createdAt, settledAt: r.settledAt, refundId: r.refundId, outRefundNo: r.outRefundNo, appliedFen: r.refundFee, status: r.status });
    }
  }
  return out;
}

export function downloadBill(ctx: SimContext, call: Call): EndpointReply {
  const { p, now, merchant } = call;
  if (!p.bill_date) return fail('missing parameter', '20001');
  const day = parseBeijingDate(p.bill_date);
  if (day === null) return fail('invalid bill_date', '20003');
  const type = p.bill_type || 'ALL';
  if (type !== 'ALL' && type !== 'SUCCESS' && type !== 'REFUND' && type !== 'RECHARGE_REFUND') return fail('invalid bill_type', '20003');
  if (p.tar_type && p.tar_type !== 'GZIP') return fail('invalid tar_type', '20003');
  if (day > now) return fail('invalid bill_date', '20003'); // a day that has not begun
  if (now < day + READY_AFTER_MS) return fail('Bill Creating', null);
  if (p.bill_date < oldestBillDate(now)) return fail('invalid bill_date', '20003'); // older than 3 months
  if (type === 'RECHARGE_REFUND') return fail('No Bill Exist', '20002'); // no recharge coupons here
  const all = entriesOf(ctx.ledger.allOrders(now, merchant.mchId), p.bill_date);
  const tampered = ctx.billTampers.apply(all, day + DAY_MS / 2);
  const entries = tampered.entries.filter((e) => (type === 'SUCCESS' ? e.kind === 'payment' : type === 'REFUND' ? e.kind === 'refund' : true));
  if (entries.length === 0) return fail('No Bill Exist', '20002');
  const text = Buffer.from(renderBill(type, entries, { display: formatBeijingDisplay, summarySkewFen: tampered.summarySkewFen }), 'utf8');
  if (p.tar_type === 'GZIP') return { type: 'raw', contentType: 'application/x-gzip', body: gzipSync(text) };
  return { type: 'raw', contentType: 'text/plain; charset=utf-8', body: text };
}
