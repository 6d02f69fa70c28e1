// Issue 14 point 2 in the browser harness: Settings' printer card refuses a bad address in plain words,
// saves a network printer (the fake TCP 9100 printer), prints a test page; a sale's receipt reprints
// from History. The fake printer decodes what it got.
import { test, expect } from './harness';
import { decodeEscpos } from '../unit/printing/support/escpos-decode';
import { startFakePrinter } from '../unit/printing/support/fake-printer';
import { sell, tillReady } from './ui-steps';

test('printer settings: bad address in plain words, test page and a reprint from History reach the printer', async ({ till }) => {
  const { page } = till;
  const fake = await startFakePrinter('ok');
  try {
    await tillReady(till);
    const { outTradeNo } = await sell(till, [{ name: '绿茶 Green tea', price: '6' }]);

    await page.keyboard.press('F3');
    const card = page.getByTestId('printer-settings');
    await card.getByTestId('printer-kind').selectOption('network');
    await card.getByTestId('printer-address').fill('192.168.1.50');
    await card.getByTestId('printer-save').click();
    await expect(card.getByTestId('printer-message')).toContainText('主机:端口');
    await expect(card.getByTestId('printer-message')).toContainText('host:port');

    await card.getByTestId('printer-address').fill(`127.0.0.1:${fake.port}`);
    await card.getByTestId('printer-width').selectOption('58');
    await card.getByTestId('printer-save').click();
    await expect(card.getByTestId('printer-message')).not.toContainText('host:port');
    await card.getByTestId('printer-test').click();
    await fake.waitForJobs(1);
    expect(decodeEscpos(fake.jobs[0]!).lines.some((l) => l.includes('打印测试页'))).toBe(true);
    await expect(card.getByTestId('print-job').first()).toHaveAttribute('data-state', 'printed');

    await page.keyboard.press('F2');
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('reprint').click();
    await fake.waitForJobs(2);
    const slip = decodeEscpos(fake.jobs[1]!);
    expect(slip.qr).toEqual([outTradeNo]);
    expect(slip.lines.some((l) => l.includes('补打'))).toBe(true);
  } finally {
    await fake.close();
  }
});
