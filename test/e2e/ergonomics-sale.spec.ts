// Issue 15.2 in the browser with the real core: no keystroke silently changes money.
import { test, expect } from './harness';
import { ringUp, tillReady } from './ui-steps';

test('after a cancel the next customer is not charged the old lines; return only on request', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Sandwich', price: '8.80' }, { name: 'Juice', price: '12' }]);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('qr')).toBeVisible();
  await page.keyboard.press('Escape'); // cancel
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await page.keyboard.press('Escape'); // before issue 15.2 this went back to the old lines
  await expect(page.getByTestId('sale-line')).toHaveCount(0);
  await expect(page.getByTestId('total')).toHaveText('¥0.00');

  // the next customer: 5, Enter charges ¥5.00 only
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('pay-amount')).toHaveText('¥5.00');
  await expect(page.getByTestId('qr')).toBeVisible();
  const last = till.ipcLog.filter((r) => r.kind === 'call' && r.name === 'charge').at(-1)?.payload as { lines: { unitFen: number }[] };
  expect(last.lines.map((l) => l.unitFen)).toEqual([500]);

  // cancelled again: this time the cashier explicitly returns to the lines
  await page.keyboard.press('Escape');
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await page.getByTestId('back').click();
  await expect(page.getByTestId('sale-line')).toHaveCount(1);
  await expect(page.getByTestId('total')).toHaveText('¥5.00');
});

test('3*5.5 is 3 × ¥5.50; an unknown key is named; Del, ↑/↓, undo and void do what they say', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  const price = page.getByTestId('line-price');
  await price.focus();
  await page.keyboard.type('3*5.5');
  await expect(price).toHaveValue('3*5.5');
  await expect(page.getByTestId('total')).toHaveText('¥16.50');
  await page.keyboard.press('+');
  await expect(page.getByTestId('sale-line')).toHaveCount(1);

  await page.keyboard.type('2/');
  await expect(page.getByTestId('error')).toContainText('/');
  await expect(price).toHaveValue('2');
  await expect(page.getByTestId('key-clear')).toContainText(/Clear amount|清除金额/);
  await page.keyboard.press('Delete'); // clears the amount, as the button says
  await expect(price).toHaveValue('');
  await expect(page.getByTestId('sale-line')).toHaveCount(1);

  // the Remove buttons are out of the tab order
  await expect(page.getByTestId('remove-line')).toHaveAttribute('tabindex', '-1');
  await page.keyboard.type('4');
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('sale-line').nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('key-clear')).toContainText(/Remove selected line|删除所选行/);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('sale-line')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('sale-line')).toHaveCount(2);
  await expect(page.getByTestId('total')).toHaveText('¥20.50');

  await page.keyboard.press('F8'); // 作废整单
  await expect(page.getByTestId('sale-line')).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('total')).toHaveText('¥20.50');
});

test('digits on the paid screen start the next sale; F9 asks before switching language', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  const lang = await page.evaluate(() => document.documentElement.lang);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('locale-confirm')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('locale-confirm')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);

  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
  const codeUrl = (till.ipcLog.filter((r) => r.kind === 'result' && r.name === 'charge').at(-1)?.payload as { value: { codeUrl: string } }).value.codeUrl;
  expect(till.sim.phone.scanAndPay(codeUrl).ok).toBe(true);
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await page.keyboard.type('42');
  await expect(page.getByTestId('line-price')).toHaveValue('42');
  await expect(page.getByTestId('total')).toHaveText('¥42.00');
});
