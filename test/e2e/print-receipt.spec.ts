// Issue 14 points 1 and 4: the receipt HTML (the system-printer path) rendered in Chromium for 58 and
// 80 mm paper, checked (width, no overflowing line, the QR decodes to out_trade_no) and saved as
// docs/receipt-58mm.png and docs/receipt-80mm.png for the README.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { expect, test } from '@playwright/test';
import { layoutToHtml } from '../../src/core/printing/html';
import { layoutDoc } from '../../src/core/printing/layout';
import { sampleReceipt, sampleRefund } from '../unit/printing/support/fixtures';

for (const width of [58, 80] as const) {
  test(`receipt HTML at ${width} mm: fits the paper, QR decodes to out_trade_no`, async ({ page }) => {
    const receipt = sampleReceipt({ refundedFen: 400, status: 'PARTIALLY_REFUNDED' });
    const html = layoutToHtml(layoutDoc({ kind: 'receipt', receipt, refunds: [sampleRefund()] }, { width, locale: 'zh-CN' }));
    await page.setViewportSize({ width: 420, height: 1400 });
    await page.setContent(html);
    const slip = page.locator('.slip');
    const box = await slip.boundingBox();
    // CSS mm at 96 dpi: the slip is the paper's width
    expect(Math.round(box!.width)).toBe(Math.round((width * 96) / 25.4));
    const overflowing = await page.$$eval('.l', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(overflowing).toEqual([]);
    await expect(page.getByText('SANDBOX').first()).toBeVisible();
    // render the QR larger in its own shot so the decoder reads it as a scanner would
    const qr = page.locator('.qr svg');
    const png = PNG.sync.read(await qr.screenshot({ scale: 'device' }));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    expect(code?.data).toBe(receipt.outTradeNo);
    await slip.screenshot({ path: `docs/receipt-${width}mm.png` });
  });
}
