// Issue 13.1 split tender: part cash, the rest by WeChat. The cashier opens the cash panel, chooses "rest
// by WeChat", types the cash part (the rest shown in large digits) and shows the QR for the rest; the
// simulator's phone pays it; History shows one row with both parts; the manager refunds the cash part.
// Then a split whose QR is cancelled: once WeChat confirms it closed, the till says in large type to give
// the cash back, the cashier confirms, and the next sale starts clean.
import { test, expect } from './harness';
import { payOnPhone, readQr, ringUp, tillReady } from './ui-steps';
import { callsOf, scan } from './quickpay-steps';

test('split sale: cash part + the rest by WeChat QR, one History row, cash part refunded', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Kettle', price: '100' }]);
  await page.getByTestId('cash-open').click();
  await page.getByTestId('split-open').click();
  await page.getByTestId('split-cash').fill('30');
  await expect(page.getByTestId('split-rest')).toHaveText('¥70.00');
  await page.getByTestId('split-tendered').fill('50');
  await expect(page.getByTestId('split-change')).toHaveText('¥20.00');
  await page.getByTestId('split-cash').press('Enter'); // the cash part is taken: the rest is due
  await expect(page.getByTestId('split-panel')).toHaveAttribute('data-stage', 'rest-due');
  await till.shot('split-panel');
  await expect(page.getByTestId('split-charge')).toBeFocused();
  await page.keyboard.press('Enter');

  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('pay-amount')).toHaveText('¥70.00'); // WeChat is asked for the rest only
  await expect(page.getByTestId('split-note')).toHaveAttribute('data-state', 'PENDING');
  await payOnPhone(till, await readQr(page));
  await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await expect(page.getByTestId('split-note')).toHaveAttribute('data-state', 'PAID');
  await expect(page.getByTestId('receipt-total')).toHaveText('¥100.00');
  await till.shot('split-paid');
  await page.getByTestId('new-sale').click();
  await expect(page.getByTestId('total')).toHaveText('¥0.00');

  await page.keyboard.press('F2');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('¥100.00');
  await expect(rows.first().getByTestId('split-parts')).toContainText('¥30.00');
  await expect(rows.first().getByTestId('split-parts')).toContainText('¥70.00');
  await rows.first().click();
  const detail = page.getByTestId('receipt-detail');
  await expect(detail.getByTestId('detail-split')).toContainText('¥100.00');
  await detail.getByTestId('refund-open').click();
  await expect(detail.getByTestId('refund-part-WECHAT')).toBeChecked(); // the WeChat part by default
  await expect(detail.getByTestId('refund-amount')).toHaveValue('70.00');
  await detail.getByTestId('refund-part-CASH').check();
  await expect(detail.getByTestId('refund-amount')).toHaveValue('30.00');
  await detail.getByTestId('refund-amount').fill('30.01'); // above the cash part: refused before sending
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error').first()).toBeVisible();
  await detail.getByTestId('refund-amount').fill('30');
  await detail.getByTestId('refund-reason').fill('Lid broken');
  await till.shot('split-refund-cash');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('refund-status')).toHaveAttribute('data-status', 'refunded');
  await expect(detail.getByTestId('refund-row')).toHaveCount(1);
  await expect(detail.getByTestId('refundable')).toHaveText('¥70.00'); // the WeChat part is untouched
});

test('split sale cancelled: give back the cash part, then the next sale starts clean', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Teapot', price: '88' }]);
  await page.getByTestId('cash-open').click();
  await page.getByTestId('split-open').click();
  await page.getByTestId('split-cash').fill('8');
  await expect(page.getByTestId('split-rest')).toHaveText('¥80.00');
  await page.getByTestId('split-confirm').click();
  await page.getByTestId('split-charge').click();
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await page.keyboard.press('Escape');
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  // still pending while WeChat may yet report a payment
  await expect(page.getByTestId('split-note')).toHaveAttribute('data-state', 'PENDING');
  till.clock.jump(6 * 60_000); // past the 5-minute floor: the till closes the order at WeChat
  const note = page.getByTestId('split-note');
  await expect(note).toHaveAttribute('data-state', 'VOID', { timeout: 20_000 });
  await expect(page.getByTestId('split-give-back')).toContainText('¥8.00');
  await expect(page.getByTestId('split-owed')).toContainText('¥8.00'); // the banner says it too (it survives a restart)
  await till.shot('split-give-back');
  await page.getByTestId('split-returned').click();
  await expect(note).toHaveAttribute('data-state', 'RETURNED');
  await expect(page.getByTestId('split-owed')).toHaveCount(0);
  await page.getByTestId('new-sale').click();
  await expect(page.getByTestId('total')).toHaveText('¥0.00');
  await expect(page.getByTestId('sale-line')).toHaveCount(0);
  await expect(page.getByTestId('split-owed')).toHaveCount(0);
});

test('split sale: a payment code scanned while the rest is due pays the rest (quick pay)', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await ringUp(page, [{ name: 'Cups', price: '45' }]);
  await page.getByTestId('cash-open').click();
  await page.getByTestId('split-open').click();
  await page.getByTestId('split-cash').fill('5');
  await page.getByTestId('split-tendered').fill('10');
  await page.getByTestId('split-confirm').click();
  await expect(page.getByTestId('split-rest')).toHaveText('¥40.00');
  await scan(page, till.sim.phone.mintAuthCode());
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await expect(page.getByTestId('pay-amount')).toHaveText('¥40.00');
  await expect(page.getByTestId('split-note')).toHaveAttribute('data-state', 'PAID');
  const sent = callsOf(till.ipcLog, 'splitQuickPay') as { cashFen: number; tenderedFen: number }[];
  expect(sent).toEqual([expect.objectContaining({ cashFen: 500, tenderedFen: 1000 })]);
  expect(callsOf(till.ipcLog, 'quickPay')).toHaveLength(0);
  expect(callsOf(till.ipcLog, 'charge')).toHaveLength(0);
});
