// Issue 15 point 6: one language at a time, on screen. Every screen and main dialog is visited in zh-CN
// and in English; the page's visible text (plus placeholders and tooltips) is collected, what the test
// itself typed (product, store and staff names, amounts, ids, dates) and a small allowlist (key caps,
// WeChat Pay's field names, formats) are removed, and any Han character left in the English UI or any
// English word left in the Chinese UI fails the test, named with the screen it was on.
import type { Page } from '@playwright/test';
import { en } from '../../src/renderer/src/i18n/en';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';
import { TEST_OWNER } from '../support/signed-in-core';
import { test, expect } from './harness';
import { charge, payOnPhone, readQr, ringUp, signInUi, tillReady } from './ui-steps';

const LOCALES = ['zh-CN', 'en'] as const;
type Locale = (typeof LOCALES)[number];

/** Same in both languages: key caps, WeChat Pay's own field names, formats. */
const SAME_IN_BOTH = new Set([
  'F1', 'F2', 'F3', 'F4', 'F6', 'F9', 'F12', 'Enter', 'Esc', 'Del', 'Ctrl', 'Tab', 'AppID', 'mch_id', 'PIN', 'CSV', 'API',
  'EAN', 'UPC', 'PEM', 'apiclient_cert', 'Windows', 'ESC', 'POS',
  'name', 'price', 'barcode', 'category', 'quick_key', // CSV column names, as the file has them
  'HMAC', 'mm', // the sign type's name (HMAC-SHA256); paper width, written 58mm in Chinese too
]);
/** The language switch and its question name the other language in its own script (so do language pickers' options, see pageText). */
const NAMES_THE_OTHER_LANGUAGE = [en['nav.locale'], zhCN['nav.locale'], en['locale.confirmTitle'], zhCN['locale.confirmTitle']];
/** What this test typed or the harness created: not UI text. */
const USER_DATA = [TEST_OWNER.name, 'Kiwi', 'Tea', 'Milk', 'Fruit'];

const HAN = /[\u3400-\u9fff]/;

/** Visible text, placeholders and tooltips, less the options of language pickers (each language named in its own script). */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder],[title],[aria-label]')].flatMap((el) =>
      ['placeholder', 'title', 'aria-label'].map((a) => el.getAttribute(a) ?? ''),
    );
    const languageNames = new Set([...document.querySelectorAll('option[value="zh-CN"], option[value="en"]')].map((o) => (o.textContent ?? '').trim()));
    const lines = document.body.innerText.split('\n').filter((line) => !languageNames.has(line.trim()));
    return [...lines, ...attrs].join('\n');
  });
}

/** The other language's script in `text`, as a list of offending pieces (empty when clean). */
function otherScript(text: string, locale: Locale): string[] {
  let rest = text;
  for (const s of [...NAMES_THE_OTHER_LANGUAGE, ...USER_DATA]) rest = rest.split(s).join(' ');
  // A command to type ("wxpay-pos setup-code …") is the same in both, as in the dictionaries' test.
  rest = rest.replace(/"[^"\n]*"/g, ' ');
  if (locale === 'en') return [...new Set(rest.split('\n').filter((line) => HAN.test(line)).map((l) => l.trim()))];
  // Tokens with a digit are ids, codes, times or amounts (out_trade_no, T-01, 2026-11-29, ¥12.00).
  const tokens = rest.split(/[\s,.;:!?()[\]{}<>"'“”‘’（）【】「」《》，。；：！？、·/|=+*×—–-]+/).filter((w) => w && !/\d/.test(w));
  const words = tokens.flatMap((w) => w.match(/[A-Za-z][A-Za-z_]+/g) ?? []).filter((w) => !SAME_IN_BOTH.has(w));
  return [...new Set(words)];
}

test('every screen and main dialog shows one language only (zh-CN and English)', async ({ till }) => {
  test.setTimeout(60_000);
  const { page } = till;
  await tillReady(till);
  expect((await till.core.dispatch('saveProduct', { name: 'Kiwi', priceFen: 900, barcode: null, category: 'Fruit', quickKey: 1 })).ok).toBe(true);

  const found: Record<string, string[]> = {};
  for (const locale of LOCALES) {
    const check = async (screen: string): Promise<void> => {
      const bad = otherScript(await pageText(page), locale);
      if (bad.length > 0) found[`${locale} ${screen}`] = bad;
    };
    expect((await till.core.dispatch('saveSettings', { locale })).ok).toBe(true);
    await page.reload();
    await tillReady(till);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);

    // the till, with a line rung up, the quick keys and the sync status
    await page.getByTestId('line-price').fill('12');
    await page.keyboard.press('+');
    await check('till');
    // the quick-pay panel's manual code dialog
    await page.getByTestId('quick-code-open').click();
    await expect(page.getByTestId('quick-code-dialog')).toBeVisible();
    await check('quick-pay manual code');
    await page.getByTestId('quick-code-close').click();
    // the payment screen, waiting and cancelled
    await page.getByTestId('charge').click();
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
    await check('payment waiting');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'cancelled');
    await check('payment cancelled');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('sale-line')).toHaveCount(0);
    // a paid sale: the payment screen with its receipt (and History has a receipt to open)
    await ringUp(page, [{ name: 'Tea', price: '8' }]);
    await charge(page);
    await payOnPhone(till, await readQr(page));
    await expect(page.getByTestId('receipt')).toBeVisible({ timeout: 15_000 });
    await check('payment paid with receipt');
    await page.getByTestId('new-sale').click();
    // the cash tender panel, closed again
    await page.getByTestId('line-price').fill('12');
    await page.getByTestId('cash-open').click();
    await expect(page.getByTestId('cash-panel')).toBeVisible();
    await check('cash tender');
    await page.getByTestId('cash-panel').getByRole('button').last().click();
    // the language question (F9), answered no
    await page.keyboard.press('F9');
    await check('language question');
    await page.keyboard.press('Escape');

    // history, a receipt and its refund form
    await page.keyboard.press('F2');
    await page.getByTestId('history-row').first().click();
    await page.getByTestId('refund-open').click();
    await expect(page.getByTestId('refund-amount')).toBeVisible();
    await check('history receipt refund');
    await page.keyboard.press('Escape');
    // settings: catalog, printer, scanner, go-live checklist
    await page.keyboard.press('F3');
    await expect(page.getByTestId('catalog-card')).toBeVisible();
    await check('settings');
    await page.getByTestId('printer-kind').selectOption('network');
    await expect(page.getByTestId('printer-address')).toBeVisible();
    await check('settings, network printer');
    // --- issue 16.2 till enrolment (i16-enrol): the Head office card's form, with a format message
    await page.getByTestId('hq-start').click();
    await page.getByTestId('hq-code').fill('12');
    await page.getByTestId('hq-enrol').click();
    await expect(page.getByTestId('head-office').getByTestId('error')).toBeVisible();
    await check('settings, head office form');
    // shift (F4) and reports (F6), with an X report shown
    await page.keyboard.press('F4');
    await expect(page.getByTestId('shift-expected')).toBeVisible();
    await page.getByTestId('count-10000').fill('1');
    await expect(page.getByTestId('shift-diff')).toBeVisible();
    await check('shift with a count');
    await page.keyboard.press('F6');
    await page.getByTestId('report-x').click();
    await expect(page.getByTestId('report-csv')).toBeEnabled();
    await check('reports X');
    await page.getByTestId('report-z').click();
    await expect(page.getByTestId('z-confirm')).toBeVisible();
    await check('close-the-day question');
    await page.getByTestId('z-confirm').getByRole('button').last().click();
    // staff
    await page.getByTestId('staff-open').click();
    await expect(page.getByTestId('staff-close')).toBeVisible();
    await check('staff');
    await page.getByTestId('staff-close').click();
    // sign-in after the lock key, with a wrong PIN's message
    await page.keyboard.press('F12');
    await signInUi(page, '11112222');
    await expect(page.getByTestId('tries-left')).toBeVisible();
    await check('sign-in');
    await signInUi(page, TEST_OWNER.pin);
    await tillReady(till);
    await page.keyboard.press('F1');
  }
  expect(found).toEqual({});
});

test.describe('before the first owner exists', () => {
  test.use({ tillSignIn: false });

  test('the first-run screen shows one language only (zh-CN and English)', async ({ till }) => {
    const { page } = till;
    const found: Record<string, string[]> = {};
    for (const locale of LOCALES) {
      // No one can sign in to change the language yet: set it in core, as a restored settings file would.
      expect(till.core.internals.settings.save({ locale }).ok).toBe(true);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await page.getByTestId('setup-code').fill('WRNG-CODE-2345');
      await page.getByTestId('owner-name').fill(TEST_OWNER.name);
      await page.getByTestId('owner-pin').fill(TEST_OWNER.pin);
      await page.getByTestId('owner-pin-again').fill(TEST_OWNER.pin);
      await page.getByTestId('create-owner').click();
      await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'SETUP_CODE_WRONG');
      const bad = otherScript(await pageText(page), locale);
      if (bad.length > 0) found[`${locale} first run`] = bad;
    }
    expect(found).toEqual({});
  });
});
