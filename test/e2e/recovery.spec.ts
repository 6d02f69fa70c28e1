// (f) The till restarts in the middle of a payment: on start-up the recovery banner lists the open
// payment while core resolves it with the gateway, no new sale is taken until then, and afterwards
// the till works again.
import { test, expect } from './harness';
import { readQr, ringUp, sell, tillReady } from './ui-steps';

test('a restart mid-payment shows the recovery banner and resolves it', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Cake', price: '6.60' }]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
  await readQr(page);
  const charged = till.ipcLog.find((r) => r.kind === 'result' && r.name === 'charge')?.payload as { value: { outTradeNo: string } };
  const outTradeNo = charged.value.outTradeNo;

  await till.restart();
  const banner = page.getByTestId('recovery-banner');
  await expect(banner).toBeVisible();
  const item = banner.getByTestId('recovery-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(outTradeNo);
  await expect(item).toContainText('¥6.60');
  await till.shot('recovery-banner');

  // recovery resolves the attempt with the gateway; then the till takes sales again
  await expect(banner).toHaveAttribute('data-finished', 'true', { timeout: 20_000 });
  // the QR from before the restart is gone from the screen: core treats that sale as cancelled
  await expect(item).toHaveAttribute('data-state', 'NOTPAY');
  await expect(page.getByTestId('qr')).toHaveCount(0);
  const recovered = till.ipcLog.filter((r) => r.kind === 'event' && r.name === 'recovery').at(-1)?.payload as { finished: boolean; items: { outNo: string }[] };
  expect(recovered.finished).toBe(true);
  expect(recovered.items.map((i) => i.outNo)).toEqual([outTradeNo]);
  await till.shot('recovery-finished');
  await page.getByTestId('recovery-dismiss').click();
  await expect(banner).toHaveCount(0);

  await sell(till, [{ name: 'Bread', price: '4' }]);
});
