// (e) History: search by out_trade_no / transaction_id, amount and date range, status filter, the
// day's totals; and the list stays windowed (few DOM rows) while pages load by keyset cursor.
import { seedReceipts } from '../../src/core/store/seed-receipts';
import { test, expect } from './harness';
import { sell, tillReady } from './ui-steps';

const SEEDED = 50_000; // older receipts (the store's own bench covers 1,000,000 rows)

test('history search, filters, day totals, and a windowed list over many rows', async ({ till }) => {
  test.setTimeout(120_000);
  const { page } = till;
  await tillReady(till);
  const seeded = seedReceipts(till.core.internals.store.db, { count: SEEDED, startMs: till.clock.now() - 90 * 86_400_000, audit: false, batch: 10_000, seed: 7 });
  expect(seeded.lastPaidAt).toBeLessThan(till.clock.now() - 86_400_000 * 2);

  const a = await sell(till, [{ name: 'A', price: '12.34' }]);
  const b = await sell(till, [{ name: 'B', price: '56.78' }]);
  await sell(till, [{ name: 'C', price: '12.34' }]);

  await page.keyboard.press('F2');
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('day-totals')).toContainText('3');
  await expect(page.getByTestId('day-totals')).toContainText('¥81.46');
  await till.shot('history');

  // windowing: scroll far down; pages arrive by cursor, the DOM keeps only the visible rows
  const list = page.getByTestId('history-list');
  const pagesBefore = till.ipcLog.filter((r) => r.kind === 'call' && r.name === 'listReceipts').length;
  for (let i = 0; i < 5; i++) {
    await list.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect
      .poll(() => till.ipcLog.filter((r) => r.kind === 'call' && r.name === 'listReceipts' && (r.payload as { cursor?: string }).cursor).length)
      .toBeGreaterThanOrEqual(i + 1);
  }
  expect(till.ipcLog.filter((r) => r.kind === 'call' && r.name === 'listReceipts').length).toBeGreaterThan(pagesBefore + 4);
  await expect.poll(() => list.evaluate((el) => el.scrollHeight)).toBeGreaterThan(500 * 48);
  expect(await rows.count()).toBeLessThan(60);

  // search by out_trade_no
  const search = page.getByTestId('history-search');
  await search.fill(b.outTradeNo);
  await search.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(b.outTradeNo);
  await till.shot('history-search');

  // by transaction_id
  await search.fill(a.transactionId);
  await search.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(a.outTradeNo);

  // amount within today's date range
  const today = await page.evaluate(() => {
    const d = new Date();
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
  await search.fill('');
  await page.getByTestId('history-amount').fill('12.34');
  await page.getByTestId('history-from').fill(today);
  await page.getByTestId('history-to').fill(today);
  await page.getByTestId('history-find').click();
  await expect(rows).toHaveCount(2);

  // status filter: nothing refunded today
  await page.getByTestId('history-amount').fill('');
  await page.getByTestId('history-status').selectOption('REFUNDED');
  await page.getByTestId('history-find').click();
  await expect(rows).toHaveCount(0);
  await expect(page.getByTestId('history-foot')).not.toBeEmpty();

  // a detail from the list
  await page.getByTestId('history-status').selectOption('');
  await page.getByTestId('history-find').click();
  await expect(rows).toHaveCount(3);
  // keyboard: arrows move between rows, Enter opens one
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const second = await rows.nth(1).getAttribute('data-sale-id');
  await expect(page.getByTestId('receipt-detail').getByTestId('receipt')).toHaveAttribute('data-sale-id', second ?? '-');
  await till.shot('history-detail');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('receipt-detail')).toHaveCount(0);

  // bad input gets plain words, and the filters are kept
  await page.getByTestId('history-amount').fill('12.345');
  await page.getByTestId('history-find').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('history-amount')).toHaveValue('12.345');
});
