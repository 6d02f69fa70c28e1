// Issue 16.2 in the till window: the owner enrols the till at head office from Settings with what HQ's page
// shows (address, certificate fingerprint, one-time code). A wrong code and a wrong certificate show HQ's
// reason; the enrolled till shows its id, sends a sale by itself (the header says synced); once HQ revokes
// it, the header and the Head office card say so; the owner makes it leave. HQ runs on a real PostgreSQL
// started by this spec (skipped with the reason printed when PostgreSQL is missing, except in CI where
// WXPAY_REQUIRE_PG=1 makes it a failure).
import { mkdirSync } from 'node:fs';
import { en } from '../../src/renderer/src/i18n/en';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';
import { createEnrolCode, revokeTill } from '../../src/hq/tills';
import { startHq, type Hq } from '../support/hq-fixture';
import { pgOrSkip, type PgServer } from '../support/pg-server';
import { expect, SCREENS_DIR, test } from './harness';
import { sell, tillReady } from './ui-steps';

let pgs: PgServer | null = null;
let hq: Hq;

test.beforeAll(async () => {
  pgs = await pgOrSkip(); // prints "[skip] HQ PostgreSQL suites: <reason>" when PostgreSQL is missing
  if (pgs) hq = await startHq(pgs);
});
test.afterAll(async () => {
  await hq?.close();
  pgs?.close();
});

test('the owner enrols from Settings; wrong code and certificate show why; a sale syncs; revoked shows; the owner leaves', async ({ till }) => {
  test.skip(!pgs, 'PostgreSQL not available (see the [skip] line above)');
  test.setTimeout(150_000);
  const { page } = till;
  mkdirSync(SCREENS_DIR, { recursive: true });
  expect((await till.core.dispatch('saveSettings', { locale: 'en' })).ok).toBe(true);
  await page.reload();
  await tillReady(till);
  await expect(page.getByTestId('sync-status')).toHaveCount(0); // a till working alone shows nothing

  // Settings: the card says the till works alone; the form opens with the address field focused
  await page.keyboard.press('F3');
  const card = page.getByTestId('head-office');
  await expect(card.getByTestId('hq-status')).toHaveAttribute('data-state', 'off');
  await expect(card.getByTestId('hq-status')).toHaveText(en['hq.alone']);
  await card.getByTestId('hq-start').click();
  await expect(card.getByTestId('hq-url')).toBeFocused();

  // a fingerprint not in HQ's format: refused on the screen, in plain words, before HQ is asked
  await card.getByTestId('hq-url').fill(hq.server.url);
  await card.getByTestId('hq-fingerprint').fill('AB:CD:EF');
  await card.getByTestId('hq-code').fill('1234-5678-9012');
  await card.getByTestId('hq-enrol').click();
  await expect(card.getByTestId('error')).toHaveText(en['hq.bad.fingerprint']);

  // a code HQ never made: HQ's reason
  await card.getByTestId('hq-fingerprint').fill(hq.cert.fingerprint);
  await card.getByTestId('hq-enrol').click();
  await expect(card.getByTestId('error')).toHaveAttribute('data-code', 'HQ_CODE_REFUSED');
  await expect(card.getByTestId('error')).toHaveText(en['error.HQ_CODE_REFUSED']);
  await expect(card.getByTestId('hq-code')).toHaveValue(''); // type the new code again
  await till.shot('settings-head-office-refused-en');

  // the right code, but a certificate that is not the one HQ shows: refused, and the code stays unused
  const code = await createEnrolCode(hq.pool, 'Counter 1');
  await card.getByTestId('hq-fingerprint').fill('AB:'.repeat(31) + 'AB');
  await card.getByTestId('hq-code').fill(code);
  await card.getByTestId('hq-enrol').click();
  await expect(card.getByTestId('error')).toHaveAttribute('data-code', 'HQ_FINGERPRINT_MISMATCH');
  await expect(card.getByTestId('error')).toHaveText(en['error.HQ_FINGERPRINT_MISMATCH']);
  expect((await hq.pool.query('SELECT used_at FROM enrol_codes WHERE till_name = $1', ['Counter 1'])).rows[0].used_at).toBeNull();

  // all three as HQ shows them: enrolled; the card shows the till id HQ gave
  await card.getByTestId('hq-fingerprint').fill(hq.cert.fingerprint);
  await card.getByTestId('hq-code').fill(code);
  await card.getByTestId('hq-enrol').click();
  await expect(card.getByTestId('hq-note')).toHaveText(en['hq.justEnrolled']);
  await expect(card).toHaveAttribute('data-enrolled', 'true');
  const tillId = (await card.getByTestId('hq-till-id').getAttribute('data-till-id')) ?? '';
  expect((await hq.pool.query('SELECT name FROM tills WHERE id = $1', [tillId])).rows).toEqual([{ name: 'Counter 1' }]);
  await expect(card.getByTestId('hq-till-id')).toHaveText(en['hq.enrolled'].replace('{tillId}', tillId));
  await expect(card.getByTestId('hq-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await till.shot('settings-head-office-en');
  // the page got the till id, HQ's address and fingerprint and the sync state - nothing of the credential
  const answer = till.ipcLog.filter((r) => r.kind === 'result' && r.name === 'enrolAtHeadOffice').map((r) => r.payload as { ok: boolean; value?: Record<string, Record<string, unknown>> }).find((r) => r.ok);
  expect(Object.keys(answer?.value ?? {}).sort()).toEqual(['enrolment', 'status']);
  expect(Object.keys(answer?.value?.enrolment ?? {}).sort()).toEqual(['fingerprint', 'tillId', 'url']);

  // the same card in Chinese, one language only
  expect((await till.core.dispatch('saveSettings', { locale: 'zh-CN' })).ok).toBe(true);
  await page.reload();
  await tillReady(till);
  await page.keyboard.press('F3');
  await expect(card.getByTestId('hq-till-id')).toHaveText(zhCN['hq.enrolled'].replace('{tillId}', tillId));
  await expect(card.getByTestId('hq-status')).toHaveText(zhCN['sync.synced'], { timeout: 20_000 });
  await till.shot('settings-head-office-zh-CN');
  expect((await till.core.dispatch('saveSettings', { locale: 'en' })).ok).toBe(true);
  await page.reload();
  await tillReady(till);

  // a sale at the counter reaches HQ by itself; the header says synced
  await page.keyboard.press('F1');
  const { outTradeNo } = await sell(till, [{ name: 'Tea', price: '8' }]);
  await expect
    .poll(async () => (await hq.pool.query('SELECT count(*)::int AS n FROM receipts WHERE till_id = $1 AND out_trade_no = $2', [tillId, outTradeNo])).rows[0].n, { timeout: 30_000 })
    .toBe(1);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });
  await expect(page.getByTestId('sync-status')).toHaveText(en['sync.synced']);

  // HQ revokes the till: the next sale still completes at the counter, and the header says the till was revoked
  expect(await revokeTill(hq.pool, tillId)).toBe(true);
  await sell(till, [{ name: 'Tea', price: '9' }]);
  till.core.internals.hq.nudge();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'revoked', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toContainText('Head office has revoked this till');
  await page.keyboard.press('F3');
  await expect(card.getByTestId('hq-status')).toHaveAttribute('data-state', 'revoked');
  await expect(card.getByTestId('hq-revoked')).toHaveText(en['hq.revokedHelp']);
  await till.shot('settings-head-office-revoked-en');

  // the owner makes the till leave: asked first, then it works alone again
  await card.getByTestId('hq-leave').click();
  await expect(card.getByTestId('hq-leave-no')).toBeFocused();
  await card.getByTestId('hq-leave-yes').click();
  await expect(card.getByTestId('hq-note')).toHaveText(en['hq.left']);
  await expect(card.getByTestId('hq-status')).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('sync-status')).toHaveCount(0, { timeout: 20_000 });
  await expect(card.getByTestId('hq-start')).toBeVisible();
});

test('a cashier sees the head-office state but no way to enrol', async ({ till }) => {
  test.skip(!pgs, 'PostgreSQL not available (see the [skip] line above)');
  const { page } = till;
  expect((await till.core.dispatch('saveSettings', { locale: 'en' })).ok).toBe(true);
  const added = (await till.core.dispatch('addStaff', { name: 'Amy', role: 'cashier', pin: '135790' })) as { ok: true; value: { staffId: string } };
  expect(added.ok).toBe(true);
  expect((await till.core.dispatch('signIn', { staffId: added.value.staffId, pin: '135790' })).ok).toBe(true);
  await page.reload();
  await tillReady(till);
  await page.keyboard.press('F3');
  const card = page.getByTestId('head-office');
  await expect(card.getByTestId('hq-owner-only')).toHaveText(en['hq.ownerOnly']);
  await expect(card.getByTestId('hq-start')).toHaveCount(0);
  await expect(card.getByTestId('hq-form')).toHaveCount(0);
});
