// (b) The cashier cancels (Esc), then the customer pays anyway: the engine keeps watching, the
// receipt is flagged "paid after cancel", and an alert offers to open it for a refund.
import { test, expect } from './harness';
import { readQr, ringUp, tillReady } from './ui-steps';

test('cancel, then the customer pays anyway: flagged receipt and alert', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Sandwich', price: '8.80' }]);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  const codeUrl = await readQr(page);

  await page.keyboard.press('Escape'); // Cancel on Esc
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('qr')).toHaveCount(0); // hidden at once
  await till.shot('payment-cancelled');

  // the customer had already scanned: the phone pays the old code
  const outcome = till.sim.phone.scanAndPay(codeUrl);
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);

  const alert = page.getByTestId('alert');
  await expect(alert).toHaveAttribute('data-kind', 'PAID_AFTER_CANCEL', { timeout: 15_000 });
  await expect(alert).toContainText('¥8.80');
  await till.shot('alert-paid-after-cancel');

  await page.getByTestId('alert-open').click();
  const detail = page.getByTestId('receipt-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('receipt-flag')).toBeVisible();
  await expect(detail.getByTestId('receipt-total')).toHaveText('¥8.80');
  await expect(page.getByTestId('history-row').first()).toHaveClass(/flagged/);
  await expect(detail.getByTestId('refund-open')).toBeEnabled();
  await till.shot('history-paid-after-cancel');

  await page.getByTestId('alert-dismiss').click();
  await expect(page.getByTestId('alert')).toHaveCount(0);
  // dismissed for good: core no longer lists it
  const alerts = await till.core.dispatch('getAlerts', undefined);
  expect(alerts).toEqual({ ok: true, value: [] });
});
