// (c) Expiry: the shared clock jumps past time_expire; the QR goes, the status says expired, and the
// cashier may return to the sale with nothing lost (issue 15.2: only on the explicit "return" choice;
// Esc now starts a clean sale, see ergonomics-sale.spec.ts).
import { test, expect } from './harness';
import { ringUp, tillReady } from './ui-steps';

test('an unpaid QR expires: status expired, QR gone, sale kept', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Noodles', qty: 3, price: '12' }]);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  const charged = till.ipcLog.find((r) => r.kind === 'result' && r.name === 'charge')?.payload as { value: { expiresAt: number } };
  await expect(page.getByTestId('countdown')).toContainText(/[89]:\d\d|10:00/);

  till.clock.jump(charged.value.expiresAt - till.clock.now() + 60_000);
  await expect(status).toHaveAttribute('data-status', 'expired', { timeout: 15_000 });
  await expect(page.getByTestId('qr')).toHaveCount(0);
  await expect(page.getByTestId('countdown')).toHaveCount(0);
  await till.shot('payment-expired');

  await page.getByTestId('back').click(); // back to the sale (was Esc before issue 15.2)
  await expect(page.getByTestId('sale-line')).toHaveCount(1);
  await expect(page.getByTestId('total')).toHaveText('¥36.00');
});
