// Issue 12 points 2 and 5: above ¥1000 the customer enters the password (USERPAYING): the till says so
// in large type until the phone pays; and a waiting quick pay cancelled by the cashier is reversed,
// the screen saying "reversing" until WeChat Pay confirms it. The 15 s before a reverse may be sent is
// passed with the virtual clock, never a sleep.
import { test, expect } from './harness';
import { callsOf, scan } from './quickpay-steps';
import { tillReady } from './ui-steps';

test('above ¥1000 the customer enters the password: large notice, then the receipt', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await page.getByTestId('line-price').fill('1500');
  await page.getByTestId('line-price').focus();
  const code = till.sim.phone.mintAuthCode({ then: 'password', afterMs: 600_000 });
  await scan(page, code);

  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'paying', { timeout: 15_000 });
  await expect(status).toHaveText('顾客正在输入支付密码');
  await expect(status).toHaveAttribute('data-large', 'true');
  await expect(page.getByTestId('qr')).toHaveCount(0); // quick pay: no QR
  await expect(page.getByTestId('payment-kind')).toHaveAttribute('data-kind', 'MICROPAY');
  await till.shot('quickpay-password');

  // a second scan while this one is in flight is refused, nothing is sent
  await scan(page, till.sim.phone.mintAuthCode());
  await expect(page.getByTestId('error')).toContainText('正在处理上一笔付款码支付');
  expect(callsOf(till.ipcLog, 'quickPay')).toHaveLength(1);

  const paid = till.sim.phone.enterPassword(code);
  expect(paid.ok, JSON.stringify(paid)).toBe(true);
  await expect(status).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await expect(page.getByTestId('receipt-total')).toHaveText('¥1,500.00');
  const order = till.sim.orders().find((o) => o.authCode === code);
  expect(order?.state).toBe('SUCCESS');
  expect(order?.tradeType).toBe('MICROPAY');
});

test('cancel while the customer enters the password: reversing, then reversed once WeChat Pay confirms', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await page.getByTestId('line-price').fill('30');
  await page.getByTestId('line-price').focus();
  const code = till.sim.phone.mintAuthCode({ then: 'password', afterMs: 600_000 });
  await scan(page, code);
  const status = page.getByTestId('payment-status');
  await expect(status).toHaveAttribute('data-status', 'paying', { timeout: 15_000 });

  await page.keyboard.press('Escape'); // Cancel
  await expect(status).toHaveAttribute('data-status', 'cancelled');
  await expect(status).toContainText('正在撤销订单'); // not "cancelled" while WeChat Pay has not confirmed
  await expect(page.getByTestId('payment-watching')).toBeVisible();
  await till.shot('quickpay-reversing');
  // no reverse before 15 s after the payment call
  const reverses = () => till.sim.journal().filter((j) => j.endpoint === 'reverse');
  expect(reverses()).toHaveLength(0);

  till.clock.jump(15_000);
  await expect(status).toHaveText('已撤销，顾客未被扣款', { timeout: 15_000 });
  await expect(page.getByTestId('payment-watching')).toHaveCount(0);
  expect(reverses().length).toBeGreaterThanOrEqual(1);
  const order = till.sim.orders().find((o) => o.authCode === code);
  expect(order?.state).toBe('REVOKED');
  expect(order?.paidAt).toBeNull();

  // the customer can no longer pay this order
  expect(till.sim.phone.enterPassword(code).ok).toBe(false);
  await page.getByTestId('back').click(); // back to the sale on request (issue 15.2: Esc starts a clean one), nothing lost
  await expect(page.getByTestId('total')).toHaveText('¥30.00');
});
