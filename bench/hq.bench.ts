// `npm run bench:hq` (issue 16 point 7): head office on a real PostgreSQL (Debian's, started here in a
// temporary directory). Measures
//   1. what the outbox trigger adds to a sale's commit (the same sales with the outbox on and off),
//   2. ingest from 20 simulated tills pushing at once over HTTPS (receipts/s),
//   3. a till offline for a day (5,000 sales) catching up by itself (seconds),
//   4. consolidated day totals across 20 tills over HQ_BENCH_ROWS receipts (default 10,000,000), p50/p99.
// Writes docs/bench/hq.md. HQ_BENCH_ROWS=1000000 for a quicker run; HQ_BENCH_TILL_SALES (default 1,000 per
// till for the ingest part).
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { realClock } from '../src/common/clock';
import { migrate } from '../src/core/store/migrations';
import { seedReceipts } from '../src/core/store/seed-receipts';
import { enableOutbox, waitingCount } from '../src/core/sync/outbox-repo';
import { dayTotals } from '../src/hq/reports';
import { compareWithHq, enrolledTill, removeTempDirs, startHq, type Till } from '../test/support/hq-fixture';
import { startLocalPg } from '../src/hq/local-pg';
import { emitMetrics, machineLine, quantile } from './lib/report';

const ROWS = Number(process.env.HQ_BENCH_ROWS ?? 10_000_000);
const TILL_SALES = Number(process.env.HQ_BENCH_TILL_SALES ?? 1_000);
const TILLS = 20;
const lines: string[] = [];
const say = (s: string): void => {
  console.log(s);
  lines.push(s);
};

// ---------- 1. commit overhead ----------
function commitTimes(outbox: boolean, n: number): number[] {
  const db = new Database(':memory:');
  migrate(db);
  if (outbox) enableOutbox(db, 'till-bench', Date.now());
  seedReceipts(db, { count: 200, startMs: Date.UTC(2026, 0, 1), seed: 99, batch: 1 }); // warm-up
  const times: number[] = [];
  let last = performance.now();
  seedReceipts(db, {
    count: n, startMs: Date.UTC(2026, 1, 1), seed: 7, batch: 1,
    onProgress: () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
    },
  });
  if (outbox && waitingCount(db) < n) throw new Error('the outbox did not receive every sale');
  db.close();
  return times;
}

const pg = await startLocalPg({ fast: true });
if ('reason' in pg) {
  console.error(`hq bench needs PostgreSQL: ${pg.reason}`);
  process.exit(1);
}

try {
  say('# Head office (issue 16)');
  say('');
  say(machineLine());
  say('');
  const N = 5_000;
  const off = commitTimes(false, N);
  const on = commitTimes(true, N);
  const p50Off = quantile(off, 0.5);
  const p50On = quantile(on, 0.5);
  const p99Off = quantile(off, 0.99);
  const p99On = quantile(on, 0.99);
  say('## 1. What the outbox adds to a sale commit (SQLite, one transaction per sale: sale, lines, attempt, receipt, audit row)');
  say('');
  say('| | p50 ms | p99 ms |');
  say('|---|---:|---:|');
  say(`| outbox off | ${p50Off.toFixed(3)} | ${p99Off.toFixed(3)} |`);
  say(`| outbox on | ${p50On.toFixed(3)} | ${p99On.toFixed(3)} |`);
  say(`| added | **${(p50On - p50Off).toFixed(3)}** | ${(p99On - p99Off).toFixed(3)} |`);
  say('');

  // ---------- 2. ingest from 20 tills ----------
  const hq = await startHq(pg);
  const tills: Till[] = [];
  for (let i = 0; i < TILLS; i++) tills.push(await enrolledTill(hq, `T${String(i + 1).padStart(2, '0')}`));
  for (const t of tills) seedReceipts(t.db, { count: TILL_SALES, startMs: Date.UTC(2026, 10, 1), seed: 1000 + tills.indexOf(t), tillId: t.name, meanGapMs: 20_000 });
  const events = tills.reduce((s, t) => s + waitingCount(t.db), 0);
  const t0 = performance.now();
  const ok = await Promise.all(tills.map((t) => t.pusher.drain()));
  const secs = (performance.now() - t0) / 1000;
  if (!ok.every(Boolean)) throw new Error('a till did not drain');
  for (const t of tills) {
    const c = await compareWithHq(hq, t);
    if (c.missing.length || c.extra.length || c.different.length) throw new Error(`till ${t.name} differs from HQ`);
  }
  const receiptsPerSec = (TILLS * TILL_SALES) / secs;
  say(`## 2. Ingest: ${TILLS} tills push ${TILLS * TILL_SALES} receipts (${events} outbox rows with audit rows and refunds) at once over HTTPS`);
  say('');
  say(`${secs.toFixed(2)} s → **${receiptsPerSec.toFixed(0)} receipts/s** (${(events / secs).toFixed(0)} rows/s); every till compared row by row afterwards.`);
  say('');

  // ---------- 3. catch-up after a day offline ----------
  const away = await enrolledTill(hq, 'T-away');
  seedReceipts(away.db, { count: 5_000, startMs: Date.UTC(2026, 10, 20), seed: 4242, tillId: 'T-away', meanGapMs: 17_000 });
  const rows = waitingCount(away.db);
  away.pusher.start();
  const c0 = performance.now();
  while (waitingCount(away.db) > 0) await realClock.sleep(20);
  const catchUp = (performance.now() - c0) / 1000;
  await away.pusher.stop();
  say(`## 3. A till offline for a day (5,000 sales, ${rows} outbox rows) catches up by itself`);
  say('');
  say(`**${catchUp.toFixed(2)} s** from the pusher's start to an empty outbox (target ≤ 30 s).`);
  say('');
  for (const t of [...tills, away]) await t.close();

  // ---------- 4. day totals over many receipts ----------
  const idx = (await hq.pool.query("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'receipts' AND indexname <> 'receipts_pkey'")).rows as { indexname: string; indexdef: string }[];
  for (const i of idx) await hq.pool.query(`DROP INDEX ${i.indexname}`);
  const tillIds = (await hq.pool.query('SELECT id FROM tills ORDER BY id LIMIT 20')).rows.map((r) => r.id as string);
  const days = 365;
  const l0 = performance.now();
  const chunk = 1_000_000;
  for (let from = 0; from < ROWS; from += chunk) {
    const to = Math.min(ROWS, from + chunk) - 1;
    await hq.pool.query(
      `INSERT INTO receipts (till_id, id, seq, sale_id, out_trade_no, transaction_id, tender, mode, total_fen, refunded_fen, paid_at, beijing_day, lines)
       SELECT ($1::text[])[1 + g % 20], 'B' || g, g, 'S' || g, 'BENCH' || g, 'TX' || g, CASE WHEN g % 3 = 0 THEN 'MICROPAY' ELSE 'NATIVE' END, 'LIVE',
              100 + (g * 7919) % 50000, CASE WHEN g % 40 = 0 THEN 100 ELSE 0 END,
              $2::bigint + (g % $3) * 86400000 + (g * 37) % 86400000, (date '2025-01-01' + (g % $3)::int), '[]'::jsonb
         FROM generate_series($4::bigint, $5::bigint) g`,
      [tillIds, Date.UTC(2024, 11, 31, 16), days, from, to],
    );
    process.stdout.write(`  loaded ${to + 1} receipts (${((performance.now() - l0) / 1000).toFixed(0)} s)\n`);
  }
  for (const i of idx) await hq.pool.query(i.indexdef);
  await hq.pool.query('VACUUM ANALYZE receipts');
  const loadSecs = (performance.now() - l0) / 1000;
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) await dayTotals(hq.pool, '2025-06-01'); // warm
  for (let i = 0; i < 300; i++) {
    const d = new Date(Date.UTC(2025, 0, 1) + ((i * 53) % days) * 86_400_000).toISOString().slice(0, 10);
    const s = performance.now();
    const r = await dayTotals(hq.pool, d);
    samples.push(performance.now() - s);
    if (r.length === 0) throw new Error(`no totals for ${d}`);
  }
  const plan = (await hq.pool.query("EXPLAIN (ANALYZE, BUFFERS) SELECT till_id, tender, count(*), sum(total_fen), sum(refunded_fen) FROM receipts WHERE beijing_day = '2025-06-01' GROUP BY till_id, tender")).rows.map((r) => r['QUERY PLAN'] as string);
  const p50 = quantile(samples, 0.5);
  const p99 = quantile(samples, 0.99);
  say(`## 4. Day totals per till and tender across 20 tills over ${ROWS.toLocaleString('en')} receipts (${days} days)`);
  say('');
  say(`Loaded in ${loadSecs.toFixed(0)} s (generate_series, indexes rebuilt, VACUUM ANALYZE). 300 queries over different days, through the HQ code (reports.ts dayTotals):`);
  say(`p50 **${p50.toFixed(2)} ms**, p99 **${p99.toFixed(2)} ms** (target ≤ 100 ms).`);
  say('');
  say('Index: `receipts_day_till ON receipts(beijing_day, till_id, tender) INCLUDE (total_fen, refunded_fen)` — an index-only scan of one day. Plan:');
  say('');
  say('```');
  for (const l of plan) say(l);
  say('```');
  await hq.close();
  mkdirSync('docs/bench', { recursive: true });
  writeFileSync('docs/bench/hq.md', `${lines.join('\n')}\n`);
  emitMetrics({
    commit_added_p50_ms: p50On - p50Off,
    ingest_receipts_per_s: receiptsPerSec,
    catch_up_5000_s: catchUp,
    day_totals_p99_ms: p99,
    day_totals_rows_m: ROWS / 1e6,
  });
} finally {
  pg.close();
  removeTempDirs();
}
