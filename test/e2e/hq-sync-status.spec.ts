// Issue 16 point 3 in the till window: after enrolment the header shows the head-office sync state —
// synced, and "HQ unreachable since ..." with the number of rows waiting when HQ is down; a sale taken
// meanwhile is in the outbox and reaches HQ by itself when HQ is back.
import { createEnrolCode } from '../../src/hq/tills';
import { startHq, type Hq } from '../support/hq-fixture';
import { pgOrSkip, type PgServer } from '../support/pg-server';
import { expect, test } from './harness';

let pgs: PgServer | null = null;
let hq: Hq;

test.beforeAll(async () => {
  pgs = await pgOrSkip();
  if (pgs) hq = await startHq(pgs);
});
test.afterAll(async () => {
  await hq?.close();
  pgs?.close();
});

test('the header shows synced, then HQ unreachable with rows waiting, then synced again', async ({ till }) => {
  test.skip(!pgs, 'PostgreSQL not available (see the [skip] line above)');
  test.setTimeout(120_000);
  const { page } = till;
  await expect(page.getByTestId('sync-status')).toHaveCount(0); // a till working alone shows nothing
  const code = await createEnrolCode(hq.pool, 'Counter 1');
  const r = await till.core.internals.hq.enrol(hq.server.url, hq.cert.fingerprint, code);
  expect(r.ok).toBe(true);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 20_000 });

  await hq.kill();
  const db = till.core.internals.store.db;
  db.prepare("INSERT INTO audit_log(seq, at, actor, action, subject, detail, prev_hash, hash) SELECT coalesce(max(seq), 0) + 1, 1, 'test', 'note', 'x', '{}', 'p', 'h' FROM audit_log").run();
  till.core.internals.hq.nudge();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'unreachable', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toContainText('1');

  await hq.restart(); // same address: the till's link finds it by itself
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  const n = (await hq.pool.query("SELECT count(*)::int AS n FROM till_rows WHERE kind = 'audit' AND payload->>'action' = 'note'")).rows[0].n;
  expect(n).toBe(1);
});
