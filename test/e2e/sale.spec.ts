// (a) A sale end to end: ring up with lines and the keyboard, Charge on Enter, the QR on screen is
// read back from a screenshot (jsQR) and handed to the simulator's phone, then Paid and the receipt.
import { test, expect } from './harness';
import { payOnPhone, readQr, ringUp, tillReady } from './ui-steps';

test('a sale end to end: QR read off the screen, paid by the phone, receipt shown', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await till.shot('till-empty');

  await ringUp(page, [{ name: '拿铁 Latte', qty: 2, price: '18.5' }]);
  // the keypad: screen keys and the physical keyboard, into the typed line's price
  await page.getByTestId('line-name').fill('Cookie');
  await page.getByTestId('line-price').fill('');
  await page.getByTestId('key-3').click();
  await page.getByTestId('key-dot').click();
  await page.getByTestId('key-2').click();
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.type('05'); // refused third decimal: "3.205" stays "3.20" with an error
  await expect(page.getByTestId('line-price')).toHaveValue('3.20');
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('total')).toHaveText('¥40.20');
  await till.shot('till-lines');

  await page.keyboard.press('Enter'); // Charge on Enter
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('pay-amount')).toHaveText('¥40.20');
  await expect(page.getByTestId('countdown')).toBeVisible();
  const box = await page.getByTestId('qr').boundingBox();
  expect(box && Math.min(box.width, box.height)).toBeGreaterThanOrEqual(280);
  await till.shot('payment-qr');

  const codeUrl = await readQr(page);
  expect(codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
  // what the screen showed is what core returned for this charge
  const charged = till.ipcLog.find((r) => r.kind === 'result' && r.name === 'charge')?.payload as { value?: { codeUrl?: string } };
  expect(charged.value?.codeUrl).toBe(codeUrl);

  await payOnPhone(till, codeUrl);
  await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  const receipt = page.getByTestId('receipt');
  await expect(receipt).toBeVisible();
  await expect(page.getByTestId('receipt-total')).toHaveText('¥40.20');
  await expect(receipt).toContainText('拿铁 Latte');
  await expect(receipt).toContainText('Cookie');
  await expect(page.getByTestId('receipt-transaction-id')).toHaveText(/^\d{20,32}$/);
  await expect(page.getByTestId('receipt-out-trade-no')).not.toBeEmpty();
  await expect(page.getByTestId('qr')).toHaveCount(0);
  await till.shot('payment-paid-receipt');

  await page.keyboard.press('Enter'); // New sale
  await expect(page.getByTestId('total')).toHaveText('¥0.00');
  await expect(page.getByTestId('sale-line')).toHaveCount(0);
});

test('the sandbox phone panel acts on the QR shown: a failed card, then paying', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await page.getByTestId('line-name').fill('Tea');
  await page.getByTestId('line-price').fill('5');
  await page.getByTestId('line-price').press('+'); // adds the line from the price field
  await expect(page.getByTestId('sale-line')).toHaveCount(1);
  await expect(page.getByTestId('line-price')).toHaveValue('');
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('phone-panel')).toBeVisible();
  await page.getByTestId('phone-fail').click();
  // a failed card leaves a Native order NOTPAY: the customer may still pay another way
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', /waiting|failed/);
  await page.getByTestId('phone-pay').click();
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await till.shot('payment-phone-panel-paid');
});
