// Issue 13 point 6: the shop's day through the real renderer. No shift at start: a charge is refused in
// plain words; the cashier opens a shift (a float that is not money is refused first), takes a cash sale
// (change in large digits) and a WeChat sale, pays out cash, counts the drawer (a count with letters is
// refused), closes the shift with a difference a manager accepts, closes the day (Z 1) and reads it.
import { test, expect } from './harness';
import { ringUp, sell, setManagerPin, tillReady } from './ui-steps';

test.use({ openShift: false });

test('a day: shift with a cash difference, cash and WeChat sales, the Z report read back', async ({ till }) => {
  const { page } = till;
  await tillReady(till);

  // No shift: the charge is refused, and what was rung up stays.
  await ringUp(page, [{ name: 'Tea', price: '12.34' }]);
  await page.getByTestId('charge').click();
  await expect(page.getByTestId('error').last()).toHaveAttribute('data-code', 'SHIFT_NOT_OPEN');
  await expect(page.getByTestId('total')).toHaveText('¥12.34');

  await setManagerPin(page, '2468');

  // Open a shift: a float that is not money is refused in plain words, then ¥200.
  await page.keyboard.press('F4');
  await page.getByTestId('shift-float').fill('2OO');
  await page.getByTestId('shift-open').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('shift-float')).toHaveValue('2OO'); // nothing lost
  await page.getByTestId('shift-float').fill('200');
  await page.getByTestId('shift-open').click();
  await expect(page.getByTestId('shift-expected')).toHaveText('¥200.00');

  // A cash sale of the rung-up ¥12.34: ¥50 tendered, ¥37.66 change in large digits.
  await page.keyboard.press('F1');
  await expect(page.getByTestId('total')).toHaveText('¥12.34');
  await page.getByTestId('cash-open').click();
  await expect(page.getByTestId('cash-due')).toHaveText('¥12.34');
  await page.getByTestId('cash-tendered').fill('50');
  await expect(page.getByTestId('cash-change-preview')).toHaveText('¥37.66');
  await page.getByTestId('cash-confirm').click();
  await expect(page.getByTestId('cash-change')).toHaveText('¥37.66');
  await till.shot('cash-change');
  await page.getByTestId('cash-new-sale').click();
  await expect(page.getByTestId('total')).toHaveText('¥0.00');

  // A WeChat sale inside the shift.
  await sell(till, [{ name: 'Latte', price: '26' }]);

  // issue 13.1 (w2-cash): the cash sale is a receipt in History like the WeChat one, its tender shown.
  await page.keyboard.press('F2');
  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId('payment-kind')).not.toHaveAttribute('data-kind', 'CASH');
  await expect(rows.nth(1).getByTestId('payment-kind')).toHaveAttribute('data-kind', 'CASH');
  await expect(rows.nth(1)).toContainText('¥12.34');
  await rows.nth(1).click();
  await expect(page.getByTestId('receipt-kind')).toHaveAttribute('data-kind', 'CASH');
  await till.shot('history-cash-receipt');

  // Pay out ¥5 for milk; expected = 200 + 12.34 − 5.
  await page.keyboard.press('F4');
  await page.getByTestId('move-kind').selectOption('PAY_OUT');
  await page.getByTestId('move-amount').fill('5');
  await page.getByTestId('move-reason').fill('milk');
  await page.getByTestId('move-record').click();
  await expect(page.getByTestId('shift-move')).toContainText('milk');
  await expect(page.getByTestId('shift-expected')).toHaveText('¥207.34');

  // Count: a count with letters is refused; then 1 × ¥100 + 1 × ¥5 = ¥105: −¥102.34 is above the ¥10
  // default limit and needs a manager.
  await page.getByTestId('count-10000').fill('1a');
  await page.getByTestId('shift-close').click();
  await expect(page.getByTestId('error').first()).toBeVisible();
  await expect(page.getByTestId('shift-open-summary')).toBeVisible(); // still open
  await page.getByTestId('count-10000').fill('1');
  await page.getByTestId('count-500').fill('1');
  await expect(page.getByTestId('shift-counted')).toHaveText('¥105.00');
  await expect(page.getByTestId('shift-diff')).toContainText('-¥102.34');
  await page.getByTestId('shift-close').click();
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'SHIFT_DIFF_NEEDS_MANAGER');
  await expect(page.getByTestId('shift-manager')).toBeVisible();
  // The signed-in owner is a manager: they accept the difference on purpose (issue 11: no name + PIN typed)
  await page.getByTestId('shift-accept').check();
  await till.shot('shift-close-difference');
  await page.getByTestId('shift-close').click();
  await expect(page.getByTestId('shift-closed-diff')).toHaveText('-¥102.34');
  await expect(page.getByTestId('shift-none')).toBeVisible();

  // Close the day and read the Z report.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('day-report')).toHaveAttribute('data-kind', 'X');
  await page.getByTestId('report-z').click();
  await page.getByTestId('z-confirm-yes').click();
  const report = page.getByTestId('day-report');
  await expect(report).toHaveAttribute('data-kind', 'Z');
  await expect(report).toHaveAttribute('data-seq', '1');
  await expect(page.getByTestId('report-cash')).toContainText('¥12.34');
  await expect(page.getByTestId('report-wechat')).toContainText('¥26.00');
  await expect(page.getByTestId('report-total')).toContainText('¥38.34');
  await expect(page.getByTestId('report-drawer-diff')).toHaveText('-¥102.34');
  await expect(page.getByTestId('hour-chart')).toBeVisible();
  expect(await page.getByTestId('bar-cash').evaluateAll((bars) => bars.reduce((s, b) => s + Number(b.getAttribute('data-fen')), 0))).toBe(1234);
  await till.shot('z-report');

  // A second Z of the same day is refused; the CSV carries the Z.
  await page.getByTestId('report-z').click();
  await page.getByTestId('z-confirm-yes').click();
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'Z_ALREADY_CLOSED');
  await page.getByTestId('z-1').click();
  await page.getByTestId('report-csv').click();
  const href = (await page.getByTestId('report-csv-link').getAttribute('href')) ?? '';
  const csv = decodeURIComponent(href.replace(/^data:text\/csv;charset=utf-8,/, ''));
  expect(csv).toContain('"report","Z 1"');
  expect(csv).toContain('"CASH",1,"12.34","0.00","12.34"');
  expect(csv).toContain('"cash",1,0,"200.00","207.34","105.00","-102.34"');
});
