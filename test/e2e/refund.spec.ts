// (d) Refunds from history, approved by the signed-in owner (issue 11): a partial refund, then the
// rest, with live progress; then a lockout after wrong PINs of the second manager a large refund needs.
import { test, expect } from './harness';
import { sell, setManagerPin, tillReady } from './ui-steps';

const PIN = '97531864'; // issue 11: Manager Wang's own PIN

test('partial then full refund with the manager PIN; too frequent is explained', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await setManagerPin(page, PIN);
  await till.shot('settings-pin-set');
  await page.keyboard.press('F1');
  await sell(till, [{ name: 'Jacket', price: '100' }]);

  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  const detail = page.getByTestId('receipt-detail');
  await expect(detail.getByTestId('refundable')).toHaveText('¥100.00');

  await detail.getByTestId('refund-open').click();
  await expect(detail.getByTestId('refund-amount')).toHaveValue('100.00'); // default = refundable
  await detail.getByTestId('refund-amount').fill('30');
  await detail.getByTestId('refund-reason').fill('Wrong size');
  await till.shot('refund-form');
  await detail.getByTestId('refund-submit').click();

  const status = detail.getByTestId('refund-status');
  await expect(status).toHaveAttribute('data-status', /pending|processing/);
  await till.shot('refund-processing');
  till.clock.jump(15_000); // the gateway settles refunds after a while
  await expect(status).toHaveAttribute('data-status', 'refunded', { timeout: 15_000 });
  await expect(detail.getByTestId('refundable')).toHaveText('¥70.00');
  await expect(detail.getByTestId('receipt-status')).toHaveAttribute('data-status', 'PARTIALLY_REFUNDED');
  await expect(detail.getByTestId('refund-row')).toHaveCount(1);
  await till.shot('refund-partial-done');

  // a more-than-refundable amount is refused in plain words before anything is sent
  await detail.getByTestId('refund-open').click();
  await detail.getByTestId('refund-amount').fill('70.01');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error')).toContainText('¥70.00');

  // the rest at once: WeChat allows one refund per order per minute
  await detail.getByTestId('refund-amount').fill('70');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error')).toHaveAttribute('data-code', 'REFUND_TOO_FREQUENT');
  await expect(detail.getByTestId('refund-pin')).toHaveCount(0); // below the threshold no second PIN is asked (none kept: staff.spec)

  till.clock.jump(61_000);
  await detail.getByTestId('refund-submit').click();
  await expect(status).toHaveAttribute('data-status', /pending|processing|refunded/);
  till.clock.jump(15_000);
  await expect(status).toHaveAttribute('data-status', 'refunded', { timeout: 15_000 });
  await expect(detail.getByTestId('refundable')).toHaveText('¥0.00');
  await expect(detail.getByTestId('receipt-status')).toHaveAttribute('data-status', 'REFUNDED');
  await expect(detail.getByTestId('refund-row')).toHaveCount(2);
  await expect(detail.getByTestId('refund-open')).toBeDisabled();
  await expect(page.getByTestId('day-totals')).toContainText('¥100.00');
  await till.shot('refund-full-done');
});

test('wrong PINs lock refunds out, even for the right PIN', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await setManagerPin(page, PIN);
  // issue 11: every refund needs a second manager here; Manager Wang's PIN is the one guessed
  expect((await till.core.dispatch('addStaff', { name: 'Manager Wang', role: 'manager', pin: PIN })).ok).toBe(true);
  expect((await till.core.dispatch('saveStaffPolicy', { secondApprovalAboveFen: 0 })).ok).toBe(true);
  await page.keyboard.press('F1');
  await sell(till, [{ name: 'Socks', price: '9.90' }]);
  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  const detail = page.getByTestId('receipt-detail');
  await detail.getByTestId('refund-open').click();
  await detail.getByTestId('refund-approver').fill('Manager Wang');
  const error = detail.getByTestId('error');

  const refundAnswers = () =>
    till.ipcLog.filter((r) => r.kind === 'result' && r.name === 'requestRefund').map((r) => (r.payload as { code?: string }).code ?? 'OK');
  const tryPin = async (pin: string): Promise<string> => {
    const before = refundAnswers().length;
    await detail.getByTestId('refund-pin').fill(pin);
    await detail.getByTestId('refund-submit').click();
    await expect.poll(() => refundAnswers().length).toBe(before + 1);
    const code = refundAnswers().at(-1) ?? '';
    await expect(error).toHaveAttribute('data-code', code); // the screen says what core answered
    return code;
  };

  const codes: string[] = [];
  for (let i = 0; i < 6 && codes.at(-1) !== 'PIN_LOCKED'; i++) codes.push(await tryPin('00000000'));
  expect(codes[0]).toBe('PIN_WRONG');
  expect(codes.at(-1)).toBe('PIN_LOCKED');
  await expect(error).toContainText('锁定');
  // the lockout is raised as an alert on the till, in plain words
  await expect(page.locator('[data-testid="alert"][data-kind="PIN_LOCKOUT"]')).toContainText('店长密码');
  await till.shot('refund-locked-out');

  expect(await tryPin(PIN)).toBe('PIN_LOCKED');
  await expect(detail.getByTestId('refund-row')).toHaveCount(0);
});
