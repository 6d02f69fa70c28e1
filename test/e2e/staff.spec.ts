// Issue 11 (i11-staff): first run with the setup code, staff added by the owner, the lock key, sign-in
// with tries left, a cashier's sale, and a refund above the threshold that needs a second manager.
import { test, expect } from './harness';
import { sell, signInUi, tillReady } from './ui-steps';

test.use({ tillSignIn: false });

const OWNER_PIN = '24681357';
const MIA_PIN = '86420975';
const AMY_PIN = '13579246';

test('first run, staff, lock key, sign-in with tries left, sale, refund needing a second manager', async ({ till }) => {
  test.setTimeout(180_000);
  const { page } = till;
  const code = till.setupCode;
  expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

  // first run: nothing of the till shows before the owner exists
  await expect(page.getByTestId('first-run')).toBeVisible();
  await expect(page.getByTestId('mode-badge')).toHaveCount(0);
  await page.getByTestId('setup-code').fill('WRNG-CODE-2345');
  await page.getByTestId('owner-name').fill('Owner Zhang');
  await page.getByTestId('owner-pin').fill(OWNER_PIN);
  await page.getByTestId('owner-pin-again').fill(OWNER_PIN);
  await page.getByTestId('create-owner').click();
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'SETUP_CODE_WRONG');
  await page.getByTestId('setup-code').fill(code ?? '');
  await page.getByTestId('owner-pin').fill(OWNER_PIN);
  await page.getByTestId('owner-pin-again').fill(OWNER_PIN);
  await till.shot('staff-first-run');
  await page.getByTestId('create-owner').click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Owner Zhang');
  await tillReady(till);

  // the owner adds a manager and a cashier, and sets the rules
  await page.getByTestId('staff-open').click();
  for (const [name, role, pin] of [
    ['Mia', 'manager', MIA_PIN],
    ['Amy', 'cashier', AMY_PIN],
  ] as const) {
    await page.getByTestId('staff-add-name').fill(name);
    await page.getByTestId('staff-add-role').selectOption(role);
    await page.getByTestId('staff-add-pin').fill(pin);
    await page.getByTestId('staff-add').click();
    await expect(page.locator(`[data-testid="staff-row"][data-name="${name}"]`)).toBeVisible();
  }
  await page.getByTestId('policy-above').fill('5');
  await page.getByTestId('policy-idle').fill('0');
  await page.getByTestId('policy-save').click();
  await expect(page.getByTestId('staff-saved')).toBeVisible();
  await till.shot('staff-screen');
  await page.getByTestId('staff-close').click();

  // the lock key; the cashier signs in by PIN alone after one wrong try (tries left shown)
  await page.keyboard.press('F12');
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await signInUi(page, '11112222');
  await expect(page.getByTestId('tries-left')).toContainText('4');
  await till.shot('staff-tries-left');
  await signInUi(page, AMY_PIN);
  await expect(page.getByTestId('signed-in-as')).toContainText('Amy');
  // issue 13: money is taken only inside a shift; Amy opens one (this spec started without the default)
  expect((await till.core.dispatch('openShift', { floatFen: 0 })).ok).toBe(true);
  await page.keyboard.press('F1');
  await sell(till, [{ name: 'Teapot', price: '20' }]);

  // a cashier cannot refund
  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  const detail = page.getByTestId('receipt-detail');
  await detail.getByTestId('refund-open').click();
  await detail.getByTestId('refund-amount').fill('10');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error')).toHaveAttribute('data-code', 'ROLE_REQUIRED');

  // the owner signs in by name; above ¥5 a second manager must add their PIN
  await page.keyboard.press('F12');
  await signInUi(page, OWNER_PIN, 'Owner Zhang');
  await expect(page.getByTestId('signed-in-as')).toContainText('Owner Zhang');
  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  await detail.getByTestId('refund-open').click();
  await detail.getByTestId('refund-amount').fill('10');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error')).toHaveAttribute('data-code', 'SECOND_APPROVER_REQUIRED');
  await detail.getByTestId('refund-approver').fill('Mia');
  // the PIN is never kept, not even a wrong one: the form stays open with the error and an empty PIN
  // (checked on a refused try, where the form stays; a successful refund closes the form)
  await detail.getByTestId('refund-pin').fill('97531864');
  await detail.getByTestId('refund-submit').click();
  await expect(detail.getByTestId('error')).toHaveAttribute('data-code', 'PIN_WRONG');
  await expect(detail.getByTestId('refund-pin')).toHaveValue('');
  await expect(detail.getByTestId('refund-approver')).toHaveValue('Mia');
  await detail.getByTestId('refund-pin').fill(MIA_PIN);
  await till.shot('staff-second-approver');
  await detail.getByTestId('refund-submit').click();
  const status = detail.getByTestId('refund-status');
  await expect(status).toHaveAttribute('data-status', /pending|processing|refunded/);
  till.clock.jump(15_000);
  await expect(status).toHaveAttribute('data-status', 'refunded', { timeout: 15_000 });

  // the refund row names both managers; the sale names the cashier
  const db = till.core.internals.store.db;
  const ids = Object.fromEntries((db.prepare('SELECT name, id FROM staff').all() as { name: string; id: string }[]).map((r) => [r.name, r.id]));
  expect(db.prepare('SELECT staff_id, second_staff_id FROM refunds').get()).toEqual({ staff_id: ids['Owner Zhang'], second_staff_id: ids['Mia'] });
  expect(db.prepare('SELECT staff_id FROM sales').get()).toEqual({ staff_id: ids['Amy'] });
  // no PIN crossed back over the bridge
  const results = JSON.stringify(till.ipcLog.filter((r) => r.kind === 'result' || r.kind === 'event'));
  for (const pin of [OWNER_PIN, MIA_PIN, AMY_PIN]) expect(results).not.toContain(pin);
});
