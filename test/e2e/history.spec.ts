// (e) History: search by out_trade_no / transaction_id, amount and date range, status filter, the
// day's totals; and the list stays windowed (few DOM rows) while pages load by keyset cursor.
// The till runs in sandbox mode: history shows only sandbox receipts, each stamped 沙箱 / SANDBOX, and
// LIVE receipts in the same file (older ones and some from today) are neither listed nor counted.
import { beijingDayStart, formatBeijingDisplay } from '../../src/common/beijing-time';
import { seedReceipts } from '../../src/core/store/seed-receipts';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';
import { test, expect } from './harness';
import { sell, tillReady } from './ui-steps';

const SEEDED = 50_000; // older receipts (the store's own bench covers 1,000,000 rows)
const SEEDED_LIVE = 2_000; // real receipts of the same days, from before the till went back to sandbox
const TODAY_LIVE = 5;
const EMPTY = zhCN['history.empty'];

test('history search, filters, day totals, and a windowed list over many rows', async ({ till }) => {
  test.setTimeout(120_000);
  const { page } = till;
  await tillReady(till);
  const db = till.core.internals.store.db;
  const now = till.clock.now();
  const seeded = seedReceipts(db, { count: SEEDED, startMs: now - 90 * 86_400_000, audit: false, batch: 10_000, seed: 7, mode: 'SANDBOX' });
  expect(seeded.lastPaidAt).toBeLessThan(now - 86_400_000 * 2);
  seedReceipts(db, { count: SEEDED_LIVE, startMs: now - 90 * 86_400_000, meanGapMs: 3_600_000, audit: false, seed: 8, tillId: 'L01', mode: 'LIVE' });
  const midnight = beijingDayStart(now); // the shop's "today" is the Beijing day, whatever the machine's zone
  const todayLive = seedReceipts(db, { count: TODAY_LIVE, startMs: Math.max(midnight, now - 300_000), meanGapMs: 10_000, audit: false, seed: 9, tillId: 'L02', mode: 'LIVE' });
  expect(todayLive.lastPaidAt).toBeLessThan(now + 86_400_000 - (now - midnight));
  const live = db.prepare("SELECT out_trade_no AS o, transaction_id AS t FROM receipts WHERE mode = 'LIVE' ORDER BY paid_at DESC LIMIT 1").get() as { o: string; t: string };

  const a = await sell(till, [{ name: 'A', price: '12.34' }]);
  const b = await sell(till, [{ name: 'B', price: '56.78' }]);
  await sell(till, [{ name: 'C', price: '12.34' }]);

  await page.keyboard.press('F2');
  const rows = page.getByTestId('history-row');
  await expect(rows.first()).toBeVisible();
  // today's LIVE receipts are not added to the sandbox day
  await expect(page.getByTestId('day-totals')).toContainText('3');
  await expect(page.getByTestId('day-totals')).toContainText('¥81.46');
  await till.shot('history');
  // every row is a sandbox receipt, and says so
  await expect(rows.first()).toHaveAttribute('data-mode', 'SANDBOX');
  await expect(rows.first().getByTestId('history-row-sandbox')).toHaveText(zhCN['receipt.sandboxShort']);
  expect(await rows.count()).toBeGreaterThan(10);
  expect(await page.locator('[data-testid="history-row"]:not([data-mode="SANDBOX"])').count()).toBe(0);
  expect(await page.locator('[data-testid="history-row"] [data-testid="history-row-sandbox"]').count()).toBe(await rows.count());

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
  expect(await page.locator('[data-testid="history-row"]:not([data-mode="SANDBOX"])').count()).toBe(0);

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

  // a LIVE receipt is not found from sandbox mode, by either number
  const answers = () => till.ipcLog.filter((r) => r.kind === 'result' && r.name === 'listReceipts');
  for (const text of [live.o, live.t]) {
    const before = answers().length;
    await search.fill(text);
    await search.press('Enter');
    await expect.poll(() => answers().length).toBeGreaterThan(before);
    expect(answers().at(-1)?.payload).toEqual({ ok: true, value: { rows: [], nextCursor: null } });
    await expect(rows).toHaveCount(0);
    await expect(page.getByTestId('history-foot')).toHaveText(EMPTY);
  }

  // amount within today's date range
  const today = formatBeijingDisplay(await page.evaluate(() => Date.now())).slice(0, 10); // the Beijing date
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
  const detail = page.getByTestId('receipt-detail').getByTestId('receipt');
  await expect(detail).toHaveAttribute('data-sale-id', second ?? '-');
  await expect(detail).toHaveAttribute('data-mode', 'SANDBOX');
  await expect(detail.getByTestId('receipt-sandbox')).toHaveText(zhCN['receipt.sandboxStamp']);
  expect(zhCN['receipt.sandboxStamp']).toContain('沙箱');
  await till.shot('history-detail');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('receipt-detail')).toHaveCount(0);

  // bad input gets plain words, and the filters are kept
  await page.getByTestId('history-amount').fill('12.345');
  await page.getByTestId('history-find').click();
  await expect(page.getByTestId('error')).toBeVisible();
  await expect(page.getByTestId('history-amount')).toHaveValue('12.345');
});
