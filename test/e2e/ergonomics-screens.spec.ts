// Issue 15.3/15.7/15.8: every screen at 1024×768, 1366×768 and 1920×1080 in both languages, saved to
// artifacts/screens/ergonomics/ (and the till with quick keys to docs/screenshots/ for the README).
// Checked on the way: the QR is at least half the payment panel's shorter side and never below 320 px,
// with the amount directly above it; the refund confirm button is in view; focus starts in the first input.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, SCREENS_DIR } from './harness';
import { tillReady } from './ui-steps';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const LOCALES = ['zh-CN', 'en'] as const;
const OUT = join(SCREENS_DIR, 'ergonomics');
const DOCS = 'docs/screenshots';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}

test('every screen at three sizes in both languages; QR size, refund bar, first-input focus', async ({ till }) => {
  test.setTimeout(180_000);
  const { page } = till;
  mkdirSync(OUT, { recursive: true });
  mkdirSync(DOCS, { recursive: true });
  await tillReady(till);
  const products = [
    { name: '拿铁 Latte', priceFen: 2600, barcode: '6901234567892', category: 'Coffee', quickKey: 1 },
    { name: '美式 Americano', priceFen: 1800, barcode: null, category: 'Coffee', quickKey: 2 },
    { name: '可颂 Croissant', priceFen: 1200, barcode: null, category: 'Bakery', quickKey: 3 },
    { name: '矿泉水 Water', priceFen: 300, barcode: null, category: 'Drinks', quickKey: 4 },
  ];
  for (const p of products) expect((await till.core.dispatch('saveProduct', p)).ok).toBe(true);
  // one paid sale so History has a receipt to open
  const charged = (await till.core.dispatch('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 800 }], cashier: 'e2e' })) as { ok: true; value: { codeUrl: string } };
  expect(till.sim.phone.scanAndPay(charged.value.codeUrl).ok).toBe(true);

  for (const locale of LOCALES) {
    expect((await till.core.dispatch('saveSettings', { locale })).ok).toBe(true);
    await page.reload();
    await tillReady(till);
    await expect(page.getByTestId('quick-key')).toHaveCount(4);
    // the till: 3* then a quick key, and a typed line
    await page.getByTestId('line-price').focus();
    await page.keyboard.type('3*');
    await page.getByTestId('quick-key').first().click();
    await page.getByTestId('line-price').fill('12');
    await page.keyboard.press('+');
    await expect(page.getByTestId('total')).toHaveText('¥90.00');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shot(page, `${locale}-${size.width}x${size.height}-till`);
      if (size.width === 1366) await page.screenshot({ path: join(DOCS, `till-quick-keys-${locale}.png`) });
    }
    // the payment screen
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
    await expect(page.getByTestId('qr')).toBeVisible();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const qr = (await page.getByTestId('qr').boundingBox())!;
      const panel = (await page.locator('.payment-main').boundingBox())!;
      const amount = (await page.getByTestId('pay-amount').boundingBox())!;
      expect(qr.width, `QR at ${size.width}x${size.height}`).toBeGreaterThanOrEqual(320);
      expect(qr.width).toBeGreaterThanOrEqual(Math.floor(Math.min(panel.width, panel.height) / 2));
      expect(amount.y + amount.height).toBeLessThanOrEqual(qr.y); // the amount directly above
      expect(qr.y - (amount.y + amount.height)).toBeLessThan(40);
      await shot(page, `${locale}-${size.width}x${size.height}-payment`);
    }
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
    await shot(page, `${locale}-cancelled`);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sale-line')).toHaveCount(0);
    await expect(page.getByTestId('line-price')).toBeFocused(); // the till's first input

    // history and a receipt's refund form
    await page.keyboard.press('F2');
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('refund-open').click();
    await expect(page.getByTestId('refund-amount')).toBeFocused();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const submit = (await page.getByTestId('refund-submit').boundingBox())!;
      expect(submit.y + submit.height, `refund confirm in view at ${size.width}x${size.height}`).toBeLessThanOrEqual(size.height);
      expect(submit.y).toBeGreaterThanOrEqual(0);
      await shot(page, `${locale}-${size.width}x${size.height}-history-refund`);
    }
    await page.keyboard.press('Escape');
    // settings (with the catalog)
    await page.keyboard.press('F3');
    await expect(page.getByTestId('catalog-card')).toBeVisible();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shot(page, `${locale}-${size.width}x${size.height}-settings`);
    }
    await page.keyboard.press('F1');
  }
});

test('catalog: a product added in Settings is a quick key; a bad CSV is refused whole with rows and reasons', async ({ till }) => {
  const { page } = till;
  await tillReady(till);
  await page.keyboard.press('F3');
  await page.getByTestId('catalog-name').fill('Bagel');
  await page.getByTestId('catalog-price').fill('9');
  await page.getByTestId('catalog-quick-key').fill('1');
  await page.getByTestId('catalog-save').click();
  await expect(page.getByTestId('catalog-row')).toHaveCount(1);
  await page.getByTestId('catalog-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('name,price,barcode\nTea,5,6901234567892\nCake,-1,\nJuice,6,6901234567892\n') });
  const errors = page.getByTestId('catalog-import-errors');
  await expect(errors).toContainText(/3/);
  await expect(errors).toContainText(/4/);
  await expect(page.getByTestId('catalog-row')).toHaveCount(1); // nothing half-imported
  await page.keyboard.press('F1');
  await page.getByTestId('quick-key').click();
  await page.getByTestId('line-price').focus();
  await page.keyboard.type('*2');
  await page.keyboard.press('+');
  await expect(page.getByTestId('sale-line')).toHaveCount(1);
  await expect(page.getByTestId('total')).toHaveText('¥18.00');
});
