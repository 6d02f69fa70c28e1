// downloadbill text layout (wxpay-v2.md 4.8): header, backquoted rows, summary header, summary.
import { describe, expect, it } from 'vitest';
import { BillFormatError, parseBill } from '../../../src/core/wxpay/bill';

const header = '交易时间,公众账号ID,商户号,微信订单号,商户订单号,交易状态,应结订单金额';
const summaryHeader = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
const summary = '`1,`0.01,`0.00,`0.00,`0.00000,`0.01,`0.00';
const row = '`2026-01-14 10:00:00,`wx2421b1c4370ec43b,`1900000109,`4200000001,`T1,`SUCCESS,`0.01';

describe('parseBill', () => {
  it('accepts LF and CRLF, a BOM and trailing blank lines', () => {
    for (const text of [[header, row, summaryHeader, summary].join('\n'), '\ufeff' + [header, row, summaryHeader, summary].join('\r\n') + '\r\n\r\n']) {
      const b = parseBill(text, '1900000109');
      expect(b.header).toHaveLength(7);
      expect(b.rows).toEqual([['2026-01-14 10:00:00', 'wx2421b1c4370ec43b', '1900000109', '4200000001', 'T1', 'SUCCESS', '0.01']]);
      expect(b.summaryHeader).toHaveLength(7);
      expect(b.summary[0]).toBe('1');
    }
  });
  it('a bill with no rows (header + summary only)', () => {
    expect(parseBill([header, summaryHeader, '`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00'].join('\n')).rows).toEqual([]);
  });
  it('rejects wrong column counts, unquoted rows, other merchants, truncated bills', () => {
    const bad = [
      [header, row.replace(',`0.01', ''), summaryHeader, summary],
      [header, row.slice(1), summaryHeader, summary],
      [header, row, summaryHeader],
      [header, row, summaryHeader, summary.replace(',`0.00', '')],
      [header, row.replace('`1900000109', '`1900000110'), summaryHeader, summary],
    ];
    for (const lines of bad) expect(() => parseBill(lines.join('\n'), '1900000109')).toThrow(BillFormatError);
  });
});
