// The exact bill parser on real-shaped fixtures of every bill_type, and every bad input refused with
// its line and reason (zh-CN and English) and nothing partial returned.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBeijing } from '../../../src/common/beijing-time';
import { parseBill } from '../../../src/core/wxpay/bill';
import { parseBillResult, parseBillText, reconcileBillText, type BillError, type ParsedBill } from '../../../src/core/reconcile';

const MCH = '1900000109';
const fixture = (name: string): string => readFileSync(join(__dirname, '../../fixtures/bills', name), 'utf8');
const bj = (t: string): number => parseBeijing(t.replace(/[- :]/g, '')) ?? NaN;

function parsed(text: string): ParsedBill {
  const r = parseBillText(text, MCH);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function refused(text: string): BillError {
  const r = parseBillText(text, MCH);
  if (r.ok) throw new Error('the bill was accepted');
  expect(Object.keys(r)).not.toContain('value'); // nothing partial
  expect(r.message).toMatch(/^Bill refused/);
  expect(r.messageZh).toMatch(/^对账单无法使用/);
  return r;
}

describe('fixtures of every bill_type', () => {
  it('ALL (27 columns, BOM, CRLF): payments, a reversed quick pay, a refund; amounts in fen, fees in 1/1000 fen', () => {
    const text = fixture('all.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const b = parsed(text);
    expect(b.layout).toBe('ALL');
    expect(b.rows).toHaveLength(4);
    const [p1, p2, p3, r1] = b.rows;
    expect(p1).toMatchObject({
      line: 2, tradeTime: bj('2026-01-14 09:12:33'), appid: 'wx2421b1c4370ec43b', mchId: MCH, subMchId: '0', deviceInfo: 'till-1',
      transactionId: '4200002001202601140001234567', outTradeNo: 'T20260114000001', tradeType: 'NATIVE', tradeState: 'SUCCESS',
      bank: 'CMB_CREDIT', currency: 'CNY', settleFen: 1999, couponFen: 0, refundId: null, outRefundNo: null, refundFen: 0,
      body: '咖啡, 大杯', attach: 'shift=3', feeMilliFen: 11994, rate: '0.60%', orderFen: 1999, appliedRefundFen: 0, refundAppliedAt: null,
    });
    expect(p2).toMatchObject({ orderFen: 1, feeMilliFen: 6, tradeType: 'MICROPAY' });
    expect(p3).toMatchObject({ tradeState: 'REVOKED', orderFen: 880 });
    expect(r1).toMatchObject({
      line: 5, tradeState: 'REFUND', refundId: '50300001012026011400012345678', outRefundNo: 'R20260114000001', refundFen: 500,
      appliedRefundFen: 500, refundType: 'ORIGINAL', refundStatus: 'SUCCESS', feeMilliFen: -3000,
    });
    expect(b.summary).toEqual({ count: 4, settleFen: 2880, refundFen: 500, rechargeRefundFen: 0, feeMilliFen: 14280, orderFen: 2880, appliedRefundFen: 500 });
  });

  it('SUCCESS (20 columns, LF, no BOM): payments only', () => {
    const b = parsed(fixture('success.csv'));
    expect(b.layout).toBe('SUCCESS');
    expect(b.rows.map((r) => [r.outTradeNo, r.orderFen, r.feeMilliFen, r.refundId])).toEqual([
      ['T20260114000001', 1999, 11994, null],
      ['T20260114000002', 1, 6, null],
    ]);
  });

  it('REFUND (29 columns): application and success times, a closed refund', () => {
    const b = parsed(fixture('refund.csv'));
    expect(b.layout).toBe('REFUND');
    expect(b.rows[0]).toMatchObject({ refundAppliedAt: bj('2026-01-14 16:30:00'), refundSucceededAt: bj('2026-01-14 16:30:12'), refundFen: 500, refundStatus: 'SUCCESS' });
    expect(b.rows[1]).toMatchObject({ refundSucceededAt: null, refundFen: 0, appliedRefundFen: 1, refundStatus: 'REFUNDCLOSE' });
    expect(b.summary.appliedRefundFen).toBe(501);
  });

  it('RECHARGE_REFUND (REFUND columns): the recharge-coupon part is read and summed', () => {
    const b = parsed(fixture('recharge-refund.csv'));
    expect(b.rows[0]).toMatchObject({ refundFen: 1000, rechargeRefundFen: 200, couponFen: 200, appliedRefundFen: 1200, rateNote: '充值券' });
    expect(b.summary.rechargeRefundFen).toBe(200);
  });

  it('the client’s raw rows (parseBill) type to the same result', () => {
    for (const f of ['all.csv', 'success.csv', 'refund.csv', 'recharge-refund.csv']) {
      const text = fixture(f);
      expect(parseBillResult(parseBill(text, MCH))).toEqual(parseBillText(text, MCH));
    }
  });
});

describe('bad input is refused with line and reason', () => {
  const all = fixture('all.csv');
  const lines = all.slice(1).split('\r\n').filter((l) => l !== '');
  const join = (ls: readonly string[]): string => ls.join('\r\n') + '\r\n';
  const replaceCell = (line: number, column: number, value: string): string =>
    join(lines.map((l, i) => (i + 1 === line ? l.split(',`').map((c, j) => (j === column ? (j === 0 ? '`' + value : value) : c)).join(',`') : l)));

  it('truncated in the middle of a row, after the rows, and in the summary', () => {
    expect(refused(all.slice(0, all.indexOf('矿泉水')))).toMatchObject({ reason: 'no-summary', line: 3 });
    expect(refused(join(lines.slice(0, 5)))).toMatchObject({ reason: 'no-summary', line: 5 });
    expect(refused(join([...lines.slice(0, 6), lines[6]!.slice(0, 12)]))).toMatchObject({ reason: 'summary-columns', line: 7 });
    expect(refused('')).toMatchObject({ reason: 'empty', line: 0 });
  });

  it('a row with the wrong column count, or without backquotes', () => {
    expect(refused(join(lines.map((l, i) => (i === 2 ? l.replace(',`0.00006', '') : l))))).toMatchObject({ reason: 'column-count', line: 3 });
    expect(refused(join(lines.map((l, i) => (i === 3 ? l.slice(1) : l))))).toMatchObject({ reason: 'no-backquote', line: 4 });
  });

  it('a header of no known layout (legacy or shifted columns)', () => {
    const h = lines[0]!.split(',');
    const swapped = [h[1], h[0], ...h.slice(2)].join(',');
    expect(refused(join([swapped, ...lines.slice(1)]))).toMatchObject({ reason: 'unknown-layout', line: 1 });
  });

  it('float-looking and over-precise amounts', () => {
    const e = refused(replaceCell(2, 12, '1.999e1'));
    expect(e).toMatchObject({ reason: 'bad-amount', line: 2 });
    expect(e.message).toContain('应结订单金额 "1.999e1" is not a decimal amount');
    expect(e.messageZh).toContain('第 2 行');
    expect(refused(replaceCell(3, 24, '0.011'))).toMatchObject({ reason: 'bad-amount', line: 3 });
    expect(refused(replaceCell(3, 24, '-0.01'))).toMatchObject({ reason: 'bad-amount', line: 3 });
    expect(refused(replaceCell(2, 22, '0.119940'))).toMatchObject({ reason: 'bad-amount', line: 2 });
    expect(refused(replaceCell(2, 0, '2026-01-14 25:12:33'))).toMatchObject({ reason: 'bad-time', line: 2 });
  });

  it('a summary that does not add up (count, totals, refunds, fees)', () => {
    const withSummary = (s: string): string => join([...lines.slice(0, 6), s]);
    expect(refused(withSummary('`5,`28.80,`5.00,`0.00,`0.14280,`28.80,`5.00'))).toMatchObject({ reason: 'summary-mismatch', line: 7 });
    const e = refused(withSummary('`4,`28.81,`5.00,`0.00,`0.14280,`28.80,`5.00'));
    expect(e.message).toContain('应结订单总金额 is 2881 but the rows add up to 2880');
    expect(refused(withSummary('`4,`28.80,`4.99,`0.00,`0.14280,`28.80,`5.00'))).toMatchObject({ reason: 'summary-mismatch' });
    expect(refused(withSummary('`4,`28.80,`5.00,`0.00,`0.14281,`28.80,`5.00'))).toMatchObject({ reason: 'summary-mismatch' });
    expect(refused(withSummary('`4,`28.80,`5.00,`0.00,`0.14280,`28.80,`5.01'))).toMatchObject({ reason: 'summary-mismatch' });
    expect(refused(withSummary('`4.0,`28.80,`5.00,`0.00,`0.14280,`28.80,`5.00'))).toMatchObject({ reason: 'bad-summary', line: 7 });
  });

  it('the streaming reconciler gives no report for a refused bill, only the error', () => {
    const bad = join([...lines.slice(0, 6), '`4,`28.81,`5.00,`0.00,`0.14280,`28.80,`5.00']);
    const r = reconcileBillText(bad, { receipts: [], refunds: [] }, MCH);
    expect(r).toEqual(parseBillText(bad, MCH));
    expect(r).toMatchObject({ ok: false, reason: 'summary-mismatch', line: 7 });
  });

  it('a row of another merchant', () => {
    expect(refused(replaceCell(4, 2, '1900000110'))).toMatchObject({ reason: 'other-merchant', line: 4 });
  });

  it('the unaltered fixture passes the same helpers (the cases above fail for their stated reason only)', () => {
    expect(parseBillText(join(lines), MCH).ok).toBe(true);
    expect(parseBillText(replaceCell(2, 22, '0.11994'), MCH).ok).toBe(true);
  });
});
