// Issue 11 point 4 follow-up (w2-ack): a broken audit chain shows on the till; refunds are refused in
// plain words until the signed-in owner acknowledges it with a note; then they work again. On the way, a
// wrong second-approver PIN on the refund form says how many tries are left.
import { test, expect } from './harness';
import { sell, tillReady } from './ui-steps';

const MIA_PIN = '86420975';

test('broken audit chain: refunds refused, owner acknowledges, refunds allowed; second approver tries left', async ({ till }) => {
  test.setTimeout(120_000);
  const { page } = till;
  await tillReady(till);
  // every refund needs a second manager here, so the refund form asks for Mia's PIN
  expect((await till.core.dispatch('addStaff', { name: 'Mia', role: 'manager', pin: MIA_PIN })).ok).toBe(true);
  expect((await till.core.dispatch('saveStaffPolicy', { secondApprovalAboveFen: 0 })).ok).toBe(true);
  await page.keyboard.press('F1');
  await sell(till, [{ name: 'Tea', price: '12' }]);
  await expect(page.getByTestId('audit-broken')).toHaveCount(0);

  // the attack: an audit row edited behind the till's back, found by the background check
  const db = till.core.internals.store.db;
  db.exec('DROP TRIGGER audit_log_no_update');
  db.prepare("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1").run();
  expect(await till.core.internals.checkAudit()).toMatchObject({ ok: false, brokenAt: 1 });

  const banner = page.getByTestId('audit-broken');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('防篡改校验');
  await expect(banner.getByTestId('audit-ack-note')).toBeVisible(); // the harness signed in the owner
  await till.shot('audit-broken-banner');

  // a refund is refused in plain words; nothing is refunded
  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  const detail = page.getByTestId('receipt-detail');
  await detail.getByTestId('refund-open').click();
  await detail.getByTestId('refund-approver').fill('Mia');
  await detail.getByTestId('refund-pin').fill(MIA_PIN);
  await detail.getByTestId('refund-submit').click();
  const error = detail.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'AUDIT_BROKEN');
  await expect(error).toContainText('审计记录的防篡改校验未通过');
  await expect(detail.getByTestId('refund-row')).toHaveCount(0);

  // the owner writes what they checked (too short first) and acknowledges
  await banner.getByTestId('audit-ack-note').fill('ok');
  await banner.getByTestId('audit-ack').click();
  await expect(banner.getByTestId('error')).toContainText('3 到 500');
  await banner.getByTestId('audit-ack-note').fill('Compared with last night’s backup: only row 1 differs');
  await banner.getByTestId('audit-ack').click();
  await expect(page.getByTestId('audit-broken')).toHaveCount(0);
  expect(till.core.internals.chainGuard.state()).toEqual({ ok: true });

  // a wrong second-approver PIN says how many tries are left
  await detail.getByTestId('refund-pin').fill('00000000');
  await detail.getByTestId('refund-submit').click();
  await expect(error).toHaveAttribute('data-code', 'PIN_WRONG');
  await expect(error).toContainText('还可再试 4 次');
  await till.shot('refund-second-approver-tries-left');

  // refunds work again
  await detail.getByTestId('refund-pin').fill(MIA_PIN);
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('refund-status')).toBeVisible();
  await expect(detail.getByTestId('refund-status')).toHaveAttribute('data-status', /pending|processing|refunded/);
});
