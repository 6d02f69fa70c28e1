// Issue 16 point 5: the head-office page in Chromium against a real PostgreSQL. Two tills enrol and push
// their sales; the owner opens the page with the owner key and sees every till's sync state, the history
// across tills with tail search, day totals per till and tender, makes an enrolment code and revokes a till.
import { expect, test } from '@playwright/test';
import { formatBeijingDate } from '../../src/common/beijing-time';
import { ensureOwnerKey } from '../../src/hq/tills';
import { compareWithHq, enrolledTill, removeTempDirs, sell, startHq, type Hq, type Till } from '../support/hq-fixture';
import { pgOrSkip, type PgServer } from '../support/pg-server';

let pgs: PgServer | null = null;
let hq: Hq;
let tills: Till[] = [];
let ownerKey = '';

test.beforeAll(async () => {
  pgs = await pgOrSkip();
  if (!pgs) return;
  hq = await startHq(pgs);
  ownerKey = (await ensureOwnerKey(hq.pool))!;
  tills = await Promise.all(['Counter 1', 'Counter 2'].map((n) => enrolledTill(hq, n.replace(' ', '-'))));
  for (const t of tills) {
    sell(t, 30, Date.UTC(2026, 10, 28, 2));
    expect(await t.pusher.drain()).toBe(true);
  }
});

test.afterAll(async () => {
  for (const t of tills) await t.close();
  await hq?.close();
  pgs?.close();
  removeTempDirs();
});

test('the owner sees tills, history with tail search, day totals, makes a code and revokes a till', async ({ browser }) => {
  test.skip(!pgs, 'PostgreSQL not available (see the [skip] line above)');
  const context = await browser.newContext({ ignoreHTTPSErrors: true }); // HQ's self-signed certificate
  const page = await context.newPage();
  await page.goto(hq.server.url);
  await page.getByLabel(/Owner key/).fill('wrong');
  await page.getByRole('button', { name: /Open/ }).click();
  await expect(page.getByRole('alert')).toContainText('owner key required');
  await page.getByLabel(/Owner key/).fill(ownerKey);
  await page.getByRole('button', { name: /Open/ }).click();

  const tillsTable = page.locator('#tills');
  for (const t of tills) await expect(tillsTable).toContainText(t.tillId);
  await expect(tillsTable.locator('tr')).toHaveCount(3);

  // history across tills: 60 receipts exist, the page lists the newest 50; a tail search finds one
  await expect(page.locator('#history tr')).toHaveCount(51);
  const one = tills[1]!.db.prepare('SELECT out_trade_no FROM receipts ORDER BY paid_at LIMIT 1').get() as { out_trade_no: string };
  await page.getByLabel(/Order number tail/).fill(one.out_trade_no.slice(-8));
  await page.getByRole('button', { name: /Search/ }).click();
  await expect(page.locator('#history tr')).toHaveCount(2);
  await expect(page.locator('#history')).toContainText(one.out_trade_no);

  // day totals per till and tender for the first sales day, equal to the tills' own sums
  const first = tills[0]!.db.prepare('SELECT min(paid_at) AS t FROM receipts').get() as { t: number };
  const day = formatBeijingDate(first.t).replace(/^(\d{4})(\d\d)(\d\d)$/, '$1-$2-$3');
  await page.locator('#day').fill(day);
  await page.getByRole('button', { name: /Show/ }).click();
  const start = Date.parse(`${day}T00:00:00+08:00`);
  for (const t of tills) {
    const s = t.db.prepare('SELECT count(*) AS n, coalesce(sum(total_fen), 0) AS fen FROM receipts WHERE paid_at >= ? AND paid_at < ?').get(start, start + 86_400_000) as { n: number; fen: number };
    if (s.n === 0) continue;
    await expect(page.locator('#totals tr', { hasText: t.name })).toContainText(`${s.n}${(s.fen / 100).toFixed(2)}`);
  }

  // an enrolment code and HQ's fingerprint for a new till
  await page.getByLabel(/New till name/).fill('Counter 3');
  await page.getByRole('button', { name: /Make enrolment code/ }).click();
  await expect(page.locator('#code')).toContainText(/\d{4}-\d{4}-\d{4}/);
  await expect(page.locator('#code')).toContainText(hq.cert.fingerprint);

  // revoke counter 2: its next push is refused
  await page.locator('#tills tr', { hasText: tills[1]!.tillId }).getByRole('button', { name: /Revoke/ }).click();
  await expect(page.locator('#tills tr', { hasText: tills[1]!.tillId })).toContainText('revoked');
  sell(tills[1]!, 1);
  expect(await tills[1]!.pusher.pushOnce()).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/REVOKED/) });
  const c = await compareWithHq(hq, tills[0]!);
  expect(c.missing).toEqual([]);
  await context.close();
});
