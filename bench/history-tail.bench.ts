// Issue 15.4: history search by the tail of an order number on the 1M-receipt database. Target: p99 ≤ 10 ms.
// The database: the store bench's cached 1M file when one exists (any schema version; copied with
// SQLite's backup, then migrated to this branch's latest), else seeded here (several minutes).
// Control (must miss the target, or the bench cannot tell a fast search from a slow one): the same tail
// matched by a scan of the table (`NOT INDEXED`, `LIKE '%tail'`), same rows asserted, on 30 samples.
// Writes docs/bench/history-tail.md and a BENCH_METRICS line.
// Run: npx tsx bench/history-tail.bench.ts   (HISTORY_TAIL_N=200000 for a smaller one)
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seededRandom } from '../src/common/random';
import { latestVersion, listReceipts, openStore } from '../src/core/store';
import { seedReceipts } from '../src/core/store/seed-receipts';
import { emitMetrics, machineLine, quantile } from './lib/report';

const N = Number(process.env.HISTORY_TAIL_N ?? 1_000_000);
const TARGET_P99_MS = 10;
const dir = join(tmpdir(), 'wxpay-pos-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `history-tail-v${latestVersion()}-${N}.db`);

async function build(): Promise<string> {
  if (existsSync(file)) return 'cached';
  const partial = `${file}.partial`;
  for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
  const source = readdirSync(dir).find((f) => new RegExp(`^store-v\\d+-\\w+-seed\\d+-${N}\\.db$`).test(f));
  const t = performance.now();
  if (source) {
    const src = new Database(join(dir, source), { readonly: true, fileMustExist: true });
    await src.backup(partial);
    src.close();
  }
  const s = openStore(partial); // migrates (the tail columns and indexes of migration 010)
  if (!source) {
    s.db.pragma('synchronous = OFF');
    seedReceipts(s.db, { count: N, startMs: Date.UTC(2024, 0, 1, 1), meanGapMs: 60_000, seed: 42, batch: 50_000, audit: false });
  }
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  s.close();
  renameSync(partial, file);
  return `${source ? `copied from ${source} and migrated` : 'seeded'} in ${((performance.now() - t) / 1000).toFixed(0)} s`;
}

const note = await build();
console.log(machineLine());
console.log(`database: ${file} (${note})`);
const store = openStore(file);
const db = store.db;
const total = (db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;
const r = seededRandom(11);
const pick = db.prepare('SELECT out_trade_no, transaction_id FROM receipts WHERE rowid = ?');
const samples = Array.from({ length: 1000 }, () => pick.get(1 + Math.floor(r() * total)) as { out_trade_no: string; transaction_id: string });

const lines: string[] = [];
const say = (line: string): void => {
  console.log(line);
  lines.push(line);
};

function measure(name: string, texts: readonly { text: string; want: string; col: 'outTradeNo' | 'transactionId' }[]): number {
  const times: number[] = [];
  // CPU time of this process per query too: on a shared, overloaded machine the wall time mostly
  // measures waiting for a core, the CPU time what the query costs
  const cpu: number[] = [];
  texts.forEach((x, i) => {
    const c = process.cpuUsage();
    const t = performance.now();
    const page = listReceipts(db, { text: x.text, limit: 50 });
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    if (!page.rows.some((row) => row[x.col] === x.want)) throw new Error(`wrong result: ${name} ${x.text}`);
    if (i >= 20) {
      times.push(ms); // the first 20 warm the cache
      cpu.push((used.user + used.system) / 1000);
    }
  });
  const p50 = quantile(times, 0.5);
  const p99 = quantile(times, 0.99);
  say(`| ${name} | ${times.length} | ${p50.toFixed(2)} | ${p99.toFixed(2)} | ${quantile(cpu, 0.5).toFixed(2)} | ${quantile(cpu, 0.99).toFixed(2)} | ${p99 <= TARGET_P99_MS ? 'pass' : 'MISS'} |`);
  return p99;
}

/** The control: the same tail found by scanning every receipt; the same row must come back. */
function measureScan(texts: readonly { text: string; want: string }[]): number {
  const scan = db.prepare("SELECT transaction_id FROM receipts NOT INDEXED WHERE lower(transaction_id) LIKE '%' || lower(?) ORDER BY paid_at DESC LIMIT 50");
  const times = texts.map((x) => {
    const t = performance.now();
    const rows = scan.all(x.text) as { transaction_id: string }[];
    const ms = performance.now() - t;
    if (!rows.some((row) => row.transaction_id === x.want)) throw new Error(`control: wrong result ${x.text}`);
    return ms;
  });
  const p99 = quantile(times, 0.99);
  say(`| control: table scan, tail of transaction_id, last 8 | ${times.length} | ${quantile(times, 0.5).toFixed(2)} | ${p99.toFixed(2)} | - | - | ${p99 <= TARGET_P99_MS ? 'pass (control should miss)' : 'MISS (as it must)'} |`);
  return p99;
}

say('# History tail search (issue 15 point 4)');
say('');
say(machineLine());
say('');
say(`${total.toLocaleString('en')} receipts; 1,000 samples per case (the first 20 warm the cache); \`listReceipts\` as History calls it, the sampled row asserted in the page. Target p99 ≤ ${TARGET_P99_MS} ms. CPU = this process's CPU time per query (on a shared machine wall time includes waiting for a core).`);
say('');
say('| case | n | wall p50 ms | wall p99 ms | CPU p50 ms | CPU p99 ms | verdict |');
say('|---|---:|---:|---:|---:|---:|---|');
const p99 = [
  measure('tail of transaction_id, last 8', samples.map((x) => ({ text: x.transaction_id.slice(-8), want: x.transaction_id, col: 'transactionId' as const }))),
  measure('tail of transaction_id, last 6', samples.map((x) => ({ text: x.transaction_id.slice(-6), want: x.transaction_id, col: 'transactionId' as const }))),
  measure('tail of out_trade_no, last 10, upper case', samples.map((x) => ({ text: x.out_trade_no.slice(-10).toUpperCase(), want: x.out_trade_no, col: 'outTradeNo' as const }))),
  measure('tail of out_trade_no, last 6, lower case', samples.map((x) => ({ text: x.out_trade_no.slice(-6).toLowerCase(), want: x.out_trade_no, col: 'outTradeNo' as const }))),
];
const control = measureScan(samples.slice(0, 30).map((x) => ({ text: x.transaction_id.slice(-8), want: x.transaction_id })));
store.close();
const worst = Math.max(...p99);
mkdirSync('docs/bench', { recursive: true });
writeFileSync('docs/bench/history-tail.md', `${lines.join('\n')}\n`);
emitMetrics({ history_tail_p99_ms: Number(worst.toFixed(2)), control_scan_p99_ms: Number(control.toFixed(1)) });
if (control <= TARGET_P99_MS) {
  console.log(`CONTROL DID NOT MISS: a table scan met the target (${control.toFixed(2)} ms), so this bench cannot tell the index is used`);
  process.exitCode = 1;
}
console.log(worst <= TARGET_P99_MS ? `OK: worst p99 ${worst.toFixed(2)} ms ≤ ${TARGET_P99_MS} ms` : `MISSED: worst p99 ${worst.toFixed(2)} ms > ${TARGET_P99_MS} ms`);
if (worst > TARGET_P99_MS) process.exitCode = 1;
