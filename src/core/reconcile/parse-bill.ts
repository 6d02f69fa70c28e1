// downloadbill text → typed rows, exactly or not at all. Built on the one bill splitter
// (core/wxpay/bill.ts scanBill), row by row, so a 100,000-row bill is held once, typed.
// Every amount is read from its decimal text into integers; the summary line must equal the rows' sums.
import { fail, ok, type Result } from '../../common/result';
import { parseBeijingDate } from '../../common/beijing-time';
import { BillFormatError, scanBill } from '../wxpay/bill';
import type { BillResult } from '../wxpay/types';
import { amountError, billError, shapeError, type BillError } from './bill-error';
import { layoutOf, SUMMARY_COLUMNS } from './bill-layout';
import type { BillRow, BillSummary, ParsedBill } from './bill-records';
import { readYuan } from './yuan';

/** Thrown inside the visitor to stop at the first bad cell; never leaves this module. */
class Refused {
  constructor(readonly error: BillError) {}
}

/** Beijing midnights of the dates seen (a bill spans one or two dates): each is validated once. */
const dayStarts = new Map<string, number | null>();

function dayStart(date: string): number | null {
  let ms = dayStarts.get(date);
  if (ms === undefined) {
    if (dayStarts.size > 1000) dayStarts.clear();
    ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseBeijingDate(date.replace(/-/g, '')) : null;
    dayStarts.set(date, ms);
  }
  return ms;
}

/** Two ASCII digits at i, or NaN. */
function two(t: string, i: number): number {
  const a = t.charCodeAt(i) - 48;
  const b = t.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** yyyy-MM-dd HH:mm:ss (Beijing) → epoch ms. Beijing has no daylight saving: a day is 24 h. */
function time(text: string, line: number, column: string): number {
  if (text.length === 19 && text[10] === ' ' && text[13] === ':' && text[16] === ':') {
    const day = dayStart(text.slice(0, 10));
    const h = two(text, 11);
    const mi = two(text, 14);
    const s = two(text, 17);
    if (day !== null && h < 24 && mi < 60 && s < 60) return day + ((h * 60 + mi) * 60 + s) * 1000;
  }
  throw new Refused(billError('bad-time', line, `${column} "${text}" is not a time (yyyy-MM-dd HH:mm:ss)`, `${column}“${text}”不是有效时间`));
}

function fen(text: string, line: number, column: string): number {
  const r = readYuan(text, 2, false);
  if (!r.ok) throw new Refused(amountError(line, column, text, r.problem));
  return r.units;
}

/** 手续费: 5 decimals of a yuan = thousandths of a fen; negative on refund rows. */
function milliFen(text: string, line: number, column: string): number {
  const r = readYuan(text, 5, true);
  if (!r.ok) throw new Refused(amountError(line, column, text, r.problem));
  return r.units;
}

/** "0" and "" mean "no refund id" on payment rows. */
const idOrNull = (s: string): string | null => (s === '' || s === '0' ? null : s);

type Cells = readonly string[];

function rowReader(header: readonly string[]): (cells: Cells, line: number) => BillRow {
  const layout = layoutOf(header);
  if (layout === null) {
    throw new Refused(billError('unknown-layout', 1, `the header is not the ALL, SUCCESS or REFUND layout (${header.length} columns)`, `表头不是已知的对账单格式（${header.length} 列）`));
  }
  const idx = new Map(header.map((h, i) => [h, i]));
  const col = (name: string): number => idx.get(name) ?? -1;
  const at = (cells: Cells, i: number): string => (i < 0 ? '' : (cells[i] ?? ''));
  const c = {
    time: col('交易时间'), appid: col('公众账号ID'), mch: col('商户号'), sub: col('特约商户号'), dev: col('设备号'),
    tx: col('微信订单号'), otn: col('商户订单号'), openid: col('用户标识'), type: col('交易类型'), state: col('交易状态'),
    bank: col('付款银行'), cur: col('货币种类'), settle: col('应结订单金额'), coupon: col('代金券金额'),
    applied: col('退款申请时间'), succeeded: col('退款成功时间'), rid: col('微信退款单号'), orn: col('商户退款单号'),
    refund: col('退款金额'), recharge: col('充值券退款金额'), rtype: col('退款类型'), rstatus: col('退款状态'),
    body: col('商品名称'), attach: col('商户数据包'), fee: col('手续费'), rate: col('费率'), order: col('订单金额'),
    appliedFee: col('申请退款金额'), note: col('费率备注'),
  };
  const optFen = (cells: Cells, i: number, line: number, name: string): number => (i < 0 ? 0 : fen(at(cells, i), line, name));
  const optTime = (cells: Cells, i: number, line: number, name: string): number | null => {
    const t = at(cells, i);
    return i < 0 || t === '' ? null : time(t, line, name);
  };
  return (cells, line) => {
    const tradeState = at(cells, c.state);
    const outTradeNo = at(cells, c.otn);
    if (outTradeNo === '') throw new Refused(billError('bad-amount', line, '商户订单号 is empty', '商户订单号为空'));
    if (tradeState === '') throw new Refused(billError('bad-amount', line, '交易状态 is empty', '交易状态为空'));
    return {
      line,
      tradeTime: time(at(cells, c.time), line, '交易时间'),
      appid: at(cells, c.appid),
      mchId: at(cells, c.mch),
      subMchId: at(cells, c.sub),
      deviceInfo: at(cells, c.dev),
      transactionId: at(cells, c.tx),
      outTradeNo,
      openid: at(cells, c.openid),
      tradeType: at(cells, c.type),
      tradeState,
      bank: at(cells, c.bank),
      currency: at(cells, c.cur),
      settleFen: fen(at(cells, c.settle), line, '应结订单金额'),
      couponFen: fen(at(cells, c.coupon), line, '代金券金额'),
      refundAppliedAt: optTime(cells, c.applied, line, '退款申请时间'),
      refundSucceededAt: optTime(cells, c.succeeded, line, '退款成功时间'),
      refundId: idOrNull(at(cells, c.rid)),
      outRefundNo: idOrNull(at(cells, c.orn)),
      refundFen: optFen(cells, c.refund, line, '退款金额'),
      rechargeRefundFen: optFen(cells, c.recharge, line, '充值券退款金额'),
      refundType: at(cells, c.rtype),
      refundStatus: at(cells, c.rstatus),
      body: at(cells, c.body),
      attach: at(cells, c.attach),
      feeMilliFen: milliFen(at(cells, c.fee), line, '手续费'),
      rate: at(cells, c.rate),
      orderFen: fen(at(cells, c.order), line, '订单金额'),
      appliedRefundFen: optFen(cells, c.appliedFee, line, '申请退款金额'),
      rateNote: at(cells, c.note),
    };
  };
}

function readSummary(names: readonly string[], cells: readonly string[], line: number): BillSummary {
  if (names.length !== SUMMARY_COLUMNS.length || !SUMMARY_COLUMNS.every((n, i) => n === names[i])) {
    throw new Refused(billError('bad-summary', line - 1, `the summary header is not ${SUMMARY_COLUMNS.join(',')}`, '汇总表头不是已知格式'));
  }
  const v = (i: number): string => cells[i] ?? '';
  if (!/^\d{1,9}$/.test(v(0))) throw new Refused(billError('bad-summary', line, `总交易单数 "${v(0)}" is not a count`, `总交易单数“${v(0)}”不是整数`));
  return {
    count: Number(v(0)),
    settleFen: fen(v(1), line, '应结订单总金额'),
    refundFen: fen(v(2), line, '退款总金额'),
    rechargeRefundFen: fen(v(3), line, '充值券退款总金额'),
    feeMilliFen: milliFen(v(4), line, '手续费总金额'),
    orderFen: fen(v(5), line, '订单总金额'),
    appliedRefundFen: fen(v(6), line, '申请退款总金额'),
  };
}

/**
 * Running sums the summary line must equal. Order amounts (应结/订单) count payment rows only: a refund
 * row repeats its order's amount but moves no new money in; refunds count refund rows; fees all rows.
 */
class RowSums {
  count = 0;
  settleFen = 0;
  refundFen = 0;
  rechargeRefundFen = 0;
  feeMilliFen = 0;
  orderFen = 0;
  appliedRefundFen = 0;

  add(r: BillRow): void {
    this.count++;
    this.feeMilliFen += r.feeMilliFen;
    if (r.tradeState === 'REFUND') {
      this.refundFen += r.refundFen;
      this.rechargeRefundFen += r.rechargeRefundFen;
      this.appliedRefundFen += r.appliedRefundFen;
    } else {
      this.settleFen += r.settleFen;
      this.orderFen += r.orderFen;
    }
  }
}

/** What the summary line of these rows must say. */
export function sumRows(rows: readonly BillRow[]): BillSummary {
  const s = new RowSums();
  for (const r of rows) s.add(r);
  return { ...s };
}

const SUMMARY_NAMES: Record<keyof BillSummary, string> = {
  count: '总交易单数', settleFen: '应结订单总金额', refundFen: '退款总金额', rechargeRefundFen: '充值券退款总金额',
  feeMilliFen: '手续费总金额', orderFen: '订单总金额', appliedRefundFen: '申请退款总金额',
};

function checkSummary(stated: BillSummary, sums: RowSums, line: number): void {
  for (const k of Object.keys(SUMMARY_NAMES) as (keyof BillSummary)[]) {
    if (stated[k] !== sums[k]) {
      const name = SUMMARY_NAMES[k];
      const unit = k === 'count' ? '' : k === 'feeMilliFen' ? ' (thousandths of a fen)' : ' (fen)';
      throw new Refused(billError('summary-mismatch', line, `${name} is ${stated[k]} but the rows add up to ${sums[k]}${unit}`, `${name}为 ${stated[k]}，但明细合计为 ${sums[k]}`));
    }
  }
}

function run<T>(build: () => T): Result<T, BillError> {
  try {
    return ok(build());
  } catch (e) {
    if (e instanceof Refused) return fail(e.error);
    if (e instanceof BillFormatError) return fail(shapeError(e.reason, e.line, e.message));
    throw e;
  }
}

/** Receives a bill as it is read: the layout first, then each typed row in order. */
export interface BillSink {
  begin(layout: ParsedBill['layout']): void;
  row(r: BillRow): void;
}

export interface BillHead {
  readonly layout: ParsedBill['layout'];
  readonly summary: BillSummary;
}

/**
 * Reads a bill's text (BOM, CRLF or LF) row by row into the sink, holding no rows itself. The verdict
 * comes last: a sink must treat what it received as provisional until this returns ok (the summary
 * is checked after the last row). mchId: every row must belong to this merchant.
 */
export function readBillText(text: string, sink: BillSink, mchId?: string): Result<BillHead, BillError> {
  return run(() => {
    let read: ((cells: Cells, line: number) => BillRow) | null = null;
    let layout: ParsedBill['layout'] = 'ALL';
    const sums = new RowSums();
    const tail = scanBill(
      text,
      {
        header(h) {
          read = rowReader(h);
          layout = layoutOf(h) ?? 'ALL';
          sink.begin(layout);
        },
        row(cells, line) {
          if (read === null) return;
          const r = read(cells, line);
          sums.add(r);
          sink.row(r);
        },
      },
      mchId,
    );
    const summary = readSummary(tail.summaryHeader, tail.summary, tail.summaryLine);
    checkSummary(summary, sums, tail.summaryLine);
    return { layout, summary };
  });
}

/** The whole bill as typed rows, exactly or not at all. */
export function parseBillText(text: string, mchId?: string): Result<ParsedBill, BillError> {
  const rows: BillRow[] = [];
  const head = readBillText(text, { begin: () => undefined, row: (r) => rows.push(r) }, mchId);
  return head.ok ? ok({ layout: head.value.layout, rows, summary: head.value.summary }) : head;
}

/** The same, from the client's raw rows (downloadBill's answer). Lines are counted as in the text. */
export function parseBillResult(bill: BillResult): Result<ParsedBill, BillError> {
  return run(() => {
    const read = rowReader(bill.header);
    const sums = new RowSums();
    const rows = bill.rows.map((cells, i) => {
      const r = read(cells, i + 2);
      sums.add(r);
      return r;
    });
    const summaryLine = bill.rows.length + 3;
    const summary = readSummary(bill.summaryHeader, bill.summary, summaryLine);
    checkSummary(summary, sums, summaryLine);
    return { layout: layoutOf(bill.header) ?? 'ALL', rows, summary };
  });
}
