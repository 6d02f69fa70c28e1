// Issue 14 points 1, 2a, 4: one layout, both widths, both languages, decoded back from ESC/POS bytes.
import { describe, expect, it } from 'vitest';
import { layoutToEscpos } from '../../../src/core/printing/escpos';
import { columnsFor, layoutDoc } from '../../../src/core/printing/layout';
import type { PrintDoc } from '../../../src/core/printing/print-doc';
import { textColumns } from '../../../src/core/printing/text-width';
import { decodeEscpos } from './support/escpos-decode';
import { PAID_AT, sampleReceipt, sampleRefund } from './support/fixtures';

const receiptDoc = (over: Partial<Parameters<typeof sampleReceipt>[0]> = {}): PrintDoc => ({
  kind: 'receipt',
  receipt: sampleReceipt(over),
  refunds: [],
});

describe('receipt → ESC/POS', () => {
  for (const width of [58, 80] as const) {
    it(`${width} mm zh-CN: Chinese in GB18030 Chinese mode, QR of out_trade_no, cut, every line fits`, () => {
      const layout = layoutDoc(receiptDoc(), { width, locale: 'zh-CN' });
      const slip = decodeEscpos(layoutToEscpos(layout));
      expect(slip.unknown).toEqual([]);
      expect(slip.chineseLines.some((l) => l.includes('购物小票'))).toBe(true);
      expect(slip.chineseLines.some((l) => l.includes('矿泉水 550ml'))).toBe(true);
      expect(slip.lines.some((l) => l.includes('合计') && l.includes('22.00'))).toBe(true);
      expect(slip.lines).toContain('PT01261129143005123AB12');
      expect(slip.lines.some((l) => l.includes('2026-11-29 14:30:05'))).toBe(true);
      expect(slip.qr).toEqual(['PT01261129143005123AB12']);
      expect(slip.cuts).toBe(1);
      expect(slip.pulses).toBe(0);
      for (const l of slip.lines) expect(textColumns(l), l).toBeLessThanOrEqual(columnsFor(width));
    });
  }

  it('English, LIVE: English words, no SANDBOX stamp; SANDBOX receipts carry the stamp', () => {
    const live = decodeEscpos(layoutToEscpos(layoutDoc(receiptDoc({ mode: 'LIVE' }), { width: 80, locale: 'en' })));
    expect(live.lines.some((l) => l.includes('RECEIPT'))).toBe(true);
    expect(live.lines.some((l) => /TOTAL CNY\s+22\.00/.test(l))).toBe(true);
    expect(live.lines.join('\n')).not.toMatch(/SANDBOX/);
    const sandbox = decodeEscpos(layoutToEscpos(layoutDoc(receiptDoc(), { width: 80, locale: 'en' })));
    expect(sandbox.lines.filter((l) => l.includes('SANDBOX')).length).toBeGreaterThanOrEqual(2);
  });

  it('the drawer kick (ESC p) is sent when asked, before the cut', () => {
    const bytes = layoutToEscpos(layoutDoc(receiptDoc(), { width: 58, locale: 'en' }), { openDrawer: true });
    const slip = decodeEscpos(bytes);
    expect(slip.pulses).toBe(1);
    const pulseAt = Buffer.from(bytes).indexOf(Buffer.from([0x1b, 0x70]));
    const cutAt = Buffer.from(bytes).lastIndexOf(Buffer.from([0x1d, 0x56]));
    expect(pulseAt).toBeGreaterThan(0);
    expect(pulseAt).toBeLessThan(cutAt);
  });

  it('refunds on the receipt, a refund slip, shift close and Z report all render and decode', () => {
    const withRefund: PrintDoc = { kind: 'receipt', receipt: sampleReceipt({ refundedFen: 400, status: 'PARTIALLY_REFUNDED' }), refunds: [sampleRefund()] };
    expect(decodeEscpos(layoutToEscpos(layoutDoc(withRefund, { width: 58, locale: 'zh-CN' }))).lines.some((l) => l.includes('-4.00'))).toBe(true);
    const slip = decodeEscpos(layoutToEscpos(layoutDoc({ kind: 'refund', receipt: sampleReceipt(), refund: sampleRefund() }, { width: 58, locale: 'zh-CN' })));
    expect(slip.lines.some((l) => l.includes('退款单'))).toBe(true);
    expect(slip.lines.some((l) => l.includes('RT01261129150000001XY99'))).toBe(true);
    const shift = decodeEscpos(
      layoutToEscpos(
        layoutDoc(
          {
            kind: 'shift-close',
            storeName: 'Demo',
            tillId: 'T01',
            mode: 'LIVE',
            shiftId: 'shift_7',
            cashierName: '王芳',
            closedBy: '王芳',
            openedAt: PAID_AT - 3_600_000,
            closedAt: PAID_AT,
            cashSalesFen: 1000,
            cashRefundsFen: 0,
            payInFen: 0,
            payOutFen: 0,
            acceptedBy: null,
            openingFloatFen: 20000,
            expectedCashFen: 21000,
            countedCashFen: 20950,
          },
          { width: 80, locale: 'zh-CN' },
        ),
      ),
    );
    expect(shift.lines.some((l) => l.includes('交班单'))).toBe(true);
    expect(shift.lines.some((l) => l.includes('长短款') && l.includes('-0.50'))).toBe(true);
    const z = decodeEscpos(
      layoutToEscpos(
        layoutDoc(
          { kind: 'z-report', storeName: 'Demo', tillId: 'T01', mode: 'LIVE', zNo: 12, businessDay: '20261129', printedAt: PAID_AT, salesCount: 3, grossFen: 6000, refundsFen: 400, byTender: [] },
          { width: 58, locale: 'en' },
        ),
      ),
    );
    expect(z.lines.some((l) => /Net\s+56\.00/.test(l))).toBe(true);
    expect(z.lines.some((l) => l.includes('2026-11-29'))).toBe(true);
  });

  it('a long Chinese item name wraps at a character boundary within the width', () => {
    const long = '超长商品名称'.repeat(8);
    const layout = layoutDoc(receiptDoc({ lines: [{ name: long, quantity: 1, unitFen: 100, lineFen: 100 }], totalFen: 100 }), { width: 58, locale: 'zh-CN' });
    const slip = decodeEscpos(layoutToEscpos(layout));
    const nameLines = slip.lines.filter((l) => l.includes('超长'));
    expect(nameLines.join('')).toBe(long);
    for (const l of nameLines) expect(textColumns(l)).toBeLessThanOrEqual(32);
  });
});
