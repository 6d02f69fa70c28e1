// (g) Secrets: the API key typed in Settings is never displayed and never comes back over the bridge;
// no certificate bytes or the sandbox merchant's key cross it either. Also walks every screen in
// English for the screenshots (artifacts/screens/en-*.png).
import { readFileSync } from 'node:fs';
import { test, expect } from './harness';
import { approveInSettings, readQr, ringUp, setManagerPin, tillReady } from './ui-steps';

const API_KEY = 'Qm7xR2vK9pL4sT8wZ3nB6cY1dF5gH0jE'; // 32 letters/digits, made up for this test
const SANDBOX_KEY = '192006250b4c09247ec02edce69f6a2d';
const PIN = '1357';
const MANAGER = 'Manager Li';

/** A few base64 body lines of each test certificate and key: none may ever cross the bridge. */
function certFragments(): string[] {
  const out: string[] = [];
  for (const f of ['merchant-1900000109.pem', 'merchant-1900000109.key', 'server.key', 'ca.pem']) {
    const lines = readFileSync(`resources/test-certs/${f}`, 'utf8').split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l));
    out.push(...lines.slice(1, 4));
  }
  const p12 = readFileSync('resources/test-certs/merchant-1900000109.p12');
  out.push(p12.subarray(64, 112).toString('base64'), p12.subarray(64, 112).toString('hex'));
  return out;
}

test('the API key is never displayed and no secret crosses the bridge', async ({ till }) => {
  test.setTimeout(120_000);
  const { page } = till;
  await tillReady(till);

  // Settings: Test connection first (incomplete settings: answered without any network)
  await page.keyboard.press('F3');
  await page.getByTestId('test-connection').click();
  await expect(page.getByTestId('preflight-line').first()).toHaveAttribute('data-code', 'SETTINGS_INCOMPLETE');
  await expect(page.getByTestId('preflight-line')).toHaveCount(5);
  await till.shot('settings-preflight');

  // Merchant credentials need a manager: with no manager PIN set yet, the change is refused in plain words.
  await page.getByTestId('settings-appid').fill('wx0123456789abcdef');
  await page.getByTestId('settings-save').click();
  await approveInSettings(page, MANAGER, PIN);
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'PIN_NOT_SET');
  await setManagerPin(page, PIN); // the first PIN needs no approval

  await page.getByTestId('settings-appid').fill('wx0123456789abcdef');
  await page.getByTestId('settings-mchid').fill('1900000110');
  await expect(page.getByTestId('key-stored')).toHaveAttribute('data-stored', 'false');
  await page.getByTestId('settings-api-key').fill(API_KEY);
  await expect(page.getByTestId('settings-api-key')).toHaveAttribute('type', 'password');
  await page.getByTestId('settings-save').click();
  // a wrong PIN: refused, nothing stored, the prompt's fields are emptied
  await approveInSettings(page, MANAGER, '9999');
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'PIN_WRONG');
  await expect(page.getByTestId('key-stored')).toHaveAttribute('data-stored', 'false');
  await page.getByTestId('settings-api-key').fill(API_KEY);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-pin')).toHaveValue('');
  await expect(page.getByTestId('settings-approver')).toHaveValue('');
  await till.shot('settings-approve');
  await approveInSettings(page, MANAGER, PIN);
  await expect(page.getByTestId('settings-note')).toBeVisible();
  await expect(page.getByTestId('key-stored')).toHaveAttribute('data-stored', 'true');
  await expect(page.getByTestId('settings-api-key')).toHaveValue('');

  // a bad key is explained, not sent
  await page.getByTestId('settings-api-key').fill('short');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await page.getByTestId('settings-api-key').fill('');

  // the store name stays free: saved without a prompt
  await page.getByTestId('settings-store-name').fill('Tea House');
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('approve-dialog')).toHaveCount(0);
  await expect.poll(async () => ((await till.core.dispatch('getSettings', undefined)) as { value: { storeName: string } }).value.storeName).toBe('Tea House');

  // certificate import asks for approval first; then the harness's file dialog is cancelled
  await page.getByTestId('cert-password').fill('1900000110');
  await page.getByTestId('cert-import').click();
  await expect(page.getByTestId('cert-password')).toHaveValue('');
  await approveInSettings(page, MANAGER, PIN);

  // going live asks first; Esc backs out; confirming without a certificate is refused in plain words
  await page.getByTestId('mode-live').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await till.shot('settings-confirm-live');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('confirm-dialog')).toHaveCount(0);
  await page.getByTestId('mode-live').click();
  await page.getByTestId('confirm-yes').click();
  await approveInSettings(page, MANAGER, PIN);
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'CONFIG_ERROR');
  await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'SANDBOX'); // issue 15.6: the text follows the language
  const modeCalls = till.ipcLog.filter((r) => r.kind === 'call' && r.name === 'setMode').map((r) => r.payload);
  expect(modeCalls).toEqual([{ mode: 'LIVE', confirmed: true, approver: MANAGER, managerPin: PIN }]);
  await till.shot('settings');

  // English, at runtime, persisted
  await page.getByTestId('locale-toggle').click();
  await expect(page.getByTestId('nav-till')).toHaveText('Till [F1]');
  await expect.poll(async () => ((await till.core.dispatch('getSettings', undefined)) as { value: { locale: string } }).value.locale).toBe('en');
  await till.shot('en-settings');

  // every screen, in English
  await page.keyboard.press('F1');
  await ringUp(page, [
    { name: 'Flat white', qty: 2, price: '28' },
    { name: 'Croissant', price: '16.5' },
  ]);
  await till.shot('en-till');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
  const codeUrl = await readQr(page);
  await till.shot('en-payment');
  await page.getByTestId('phone-pay').click();
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'paid', { timeout: 15_000 });
  await till.shot('en-receipt');
  await page.getByTestId('new-sale').click();
  expect(codeUrl).toMatch(/^weixin:/);

  await page.keyboard.press('F2');
  await page.getByTestId('history-row').first().click();
  await expect(page.getByTestId('receipt-detail')).toBeVisible();
  await till.shot('en-history');
  await page.getByTestId('refund-open').click();
  await page.getByTestId('refund-amount').fill('16.50');
  await page.getByTestId('refund-approver').fill('Manager Li');
  await page.getByTestId('refund-pin').fill(PIN);
  await page.getByTestId('refund-submit').click();
  await expect(page.getByTestId('refund-status')).toBeVisible();
  till.clock.jump(15_000);
  await expect(page.getByTestId('refund-status')).toHaveAttribute('data-status', 'refunded', { timeout: 15_000 });
  await till.shot('en-refund');

  // ---- the key is never displayed ----
  const html = await page.content();
  expect(html).not.toContain(API_KEY);
  const fieldValues = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).join('\n'));
  expect(fieldValues).not.toContain(API_KEY);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).not.toContain(API_KEY);
  await page.keyboard.press('F3');
  await expect(page.getByTestId('key-stored')).toHaveAttribute('data-stored', 'true');
  expect(await page.content()).not.toContain(API_KEY);

  // ---- nothing secret crossed the bridge ----
  const records = till.ipcLog.map((r) => ({ ...r, text: JSON.stringify(r.payload) ?? '' }));
  expect(records.length).toBeGreaterThan(30);
  expect(records.some((r) => r.kind === 'event')).toBe(true);
  // the key went one way only: the write-only saveSettings calls (refused with the wrong PIN, then stored)
  const carrying = records.filter((r) => r.text.includes(API_KEY));
  expect(carrying.map((r) => `${r.kind}:${r.name}`)).toEqual(['call:saveSettings', 'call:saveSettings']);
  for (const r of records) {
    expect(r.text, `${r.kind} ${r.name}`).not.toContain(SANDBOX_KEY);
    expect(r.text, `${r.kind} ${r.name}`).not.toMatch(/-----BEGIN|PRIVATE KEY/);
    for (const frag of certFragments()) expect(r.text.includes(frag), `${r.kind} ${r.name} carries certificate bytes`).toBe(false);
  }
});
