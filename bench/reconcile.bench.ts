// `npx tsx bench/reconcile.bench.ts`: reconciliation of a 100,000-row bill (issue 13 point 7):
// parse (src/core/reconcile parseBillText, exact fen) + match against the till's records + the
// report, target ≤ 2 s and ≤ 200 MB peak memory. The bill is written once by the simulator's bill
// writer (ALL layout, CRLF) with 90,000 payment rows and 10,000 refund rows, to a temp file.
// Each of 3 runs is a fresh plain-node process (this file bundled by esbuild, as the app is bundled;
// the till reconciles once a day, cold): it builds the till's records, reads the bill text (as the
// client holds it after gunzip), records RSS, then times reconcileBillText (parse + match + report,
// streaming: rows are never held) and reads the peak RSS of the whole process
// (process.resourceUsage().maxRSS). The exact-match counts are asserted.
// A control run alters one local amount by 1 fen and must report exactly that one difference.
// Writes docs/bench/reconcile.md. RECONCILE_BENCH_N=10000 for a quick run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatBeijingDisplay } from '../src/common/beijing-time';
import { differenceKey, reconcileBillText, type LocalDay, type LocalReceipt, type LocalRefund } from '../src/core/reconcile';
import { renderBill, type BillEntry, type BillOrder } from '../src/sim/bill-writer';
import { emitMetrics } from './lib/report';

const N = Number(process.env.RECONCILE_BENCH_N ?? 100_000);
const REFUNDS = Math.floor(N / 10);
const PAYMENTS = N - REFUNDS;
const MCH = '1900000109';
const DAY = Date.UTC(2026, 0, 13, 16, 0, 0); // 2026-01-14 00:00 Beijing
const RUNS = 3;
const TARGET_MS = 2000;
const TARGET_MB = 200;

interface ChildResult {
  readonly ms: number;
  readonly baseRssMb: number;
  readonly peakRssMb: number;
  readonly matchedPayments: number;
  readonly matchedRefunds: number;
  readonly differences: string[];
  readonly rows: number;
}

function order(i: number): BillOrder {
  return {
    appid: 'wx2421b1c4370ec43b',
    mchId: MCH,
    deviceInfo: 'till-1',
    transactionId: `4200002001202601${String(i).padStart(12, '0')}`,
    outTradeNo: `T20260114${String(i).padStart(9, '0')}`,
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    tradeType: i % 3 === 0 ? 'MICROPAY' : 'NATIVE',
    // amounts that floats get wrong (x.99, x.07 ...)
    totalFen: 1 + ((i * 7919) % 99_999),
    body: i % 2 === 0 ? '咖啡, 大杯' : '三明治',
    attach: '',
  };
}

/** The bill text (when asked) and the till's records of the same day (they agree). */
function buildDay(withText: boolean): { text: string; local: LocalDay } {
  const entries: BillEntry[] = [];
  const receipts: LocalReceipt[] = [];
  const refunds: LocalRefund[] = [];
  for (let i = 0; i < PAYMENTS; i++) {
    const o = order(i);
    const at = DAY + Math.floor((i * 86_000_000) / PAYMENTS);
    if (withText) entries.push({ kind: 'payment', order: o, at, state: 'SUCCESS' });
    receipts.push({ outTradeNo: o.outTradeNo, transactionId: o.transactionId, totalFen: o.totalFen, paidAt: at, state: 'paid', refundedFen: 0, mode: o.tradeType === 'MICROPAY' ? 'quickpay' : 'native' });
  }
  for (let j = 0; j < REFUNDS; j++) {
    const i = j * 9; // every 9th payment is refunded in part
    const o = order(i);
    const amount = Math.max(1, Math.floor(o.totalFen / 3));
    const r: LocalRefund = { outRefundNo: `R20260114${String(j).padStart(9, '0')}`, outTradeNo: o.outTradeNo, refundId: `5030000101202601${String(j).padStart(13, '0')}`, amountFen: amount, state: 'success' };
    if (withText) entries.push({ kind: 'refund', order: o, at: DAY + 86_000_000 + j, settledAt: DAY + 86_100_000 + j, refundId: r.refundId ?? '', outRefundNo: r.outRefundNo, appliedFen: amount, status: 'SUCCESS' });
    refunds.push(r);
  }
  return { text: withText ? renderBill('ALL', entries, { display: formatBeijingDisplay }) : '', local: { receipts, refunds } };
}

// ---------- child: one measured run ----------
/** The victim of the control run: one receipt 1 fen off. */
const VICTIM = Math.floor(PAYMENTS / 2);

function child(billFile: string, control: boolean, outFile: string): void {
  const built = buildDay(false).local;
  const local: LocalDay = control ? { ...built, receipts: built.receipts.map((r, i) => (i === VICTIM ? { ...r, totalFen: r.totalFen + 1 } : r)) } : built;
  const text = readFileSync(billFile, 'utf8');
  const mb = (bytes: number): number => bytes / 1_048_576;
  const baseRssMb = mb(process.memoryUsage().rss);
  const t0 = performance.now();
  const result = reconcileBillText(text, local, MCH);
  if (!result.ok) throw new Error(result.message);
  const report = result.value;
  const differences = report.differences.map(differenceKey);
  const ms = performance.now() - t0;
  const peakRssMb = process.resourceUsage().maxRSS / 1024; // kB → MB
  const rows = report.billTotals?.count ?? 0;
  const out: ChildResult = { ms, baseRssMb, peakRssMb, matchedPayments: report.matchedPayments, matchedRefunds: report.matchedRefunds, differences, rows };
  writeFileSync(outFile, JSON.stringify(out));
}

function runChild(script: string, dir: string, billFile: string, control: boolean, tag: string): ChildResult {
  const outFile = join(dir, `${tag}.json`);
  const r = spawnSync(process.execPath, [script, '--child', billFile, control ? 'control' : 'agree', outFile], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`run ${tag} failed (exit ${r.status})`);
  return JSON.parse(readFileSync(outFile, 'utf8')) as ChildResult;
}

async function main(): Promise<void> {
  // loaded here only: the bundled child never needs esbuild
  const { buildSync } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'reconcile-bench-'));
  try {
    const { text, local } = buildDay(true);
    const billFile = join(dir, 'bill.csv');
    writeFileSync(billFile, text);
    const victim = local.receipts[VICTIM]!;
    const script = join(dir, 'reconcile-bench.mjs');
    buildSync({ entryPoints: [fileURLToPath(import.meta.url)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: script, external: ['esbuild'], logLevel: 'error' });
    const billMb = Buffer.byteLength(text) / 1_048_576;

    const runs: ChildResult[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(runChild(script, dir, billFile, false, `run${i}`));
    const control = runChild(script, dir, billFile, true, 'control');

    const problems: string[] = [];
    for (const r of runs) {
      if (r.rows !== N) problems.push(`parsed ${r.rows} rows, expected ${N}`);
      if (r.matchedPayments !== PAYMENTS || r.matchedRefunds !== REFUNDS) problems.push(`exact matches ${r.matchedPayments}/${r.matchedRefunds}, expected ${PAYMENTS}/${REFUNDS}`);
      if (r.differences.length !== 0) problems.push(`${r.differences.length} differences on an agreeing day`);
    }
    const controlOk = control.differences.length === 1 && control.differences[0] === `amount:${victim.outTradeNo}` && control.matchedPayments === PAYMENTS - 1;
    if (!controlOk) problems.push(`control did not fail as it must: ${JSON.stringify(control.differences.slice(0, 3))}, matched ${control.matchedPayments}`);

    const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
    const peak = runs.map((r) => r.peakRssMb).sort((a, b) => a - b);
    const base = runs.map((r) => r.baseRssMb).sort((a, b) => a - b);
    const pass = (ok: boolean): string => (ok ? 'within target' : 'OVER TARGET');
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    const machine = `${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${load}`;
    const md = [
      '# Reconciliation (issue 13 point 7)',
      '',
      `\`bench/reconcile.bench.ts\` · ${machine} · ${new Date().toISOString()}`,
      '',
      `A ${N.toLocaleString('en-US')}-row ALL bill (${PAYMENTS.toLocaleString('en-US')} payments, ${REFUNDS.toLocaleString('en-US')} refunds, ${billMb.toFixed(1)} MB of text) parsed to integer fen, matched against the same day's till records and reported; ${RUNS} cold runs, each in a fresh process.`,
      '',
      '| measure | min | median | max | target |',
      '|---|---|---|---|---|',
      `| parse + match + report (ms) | ${ms[0]!.toFixed(0)} | ${ms[1]!.toFixed(0)} | ${ms[2]!.toFixed(0)} | ≤ ${TARGET_MS} ms: ${pass(ms[2]! <= TARGET_MS)} |`,
      `| peak RSS of the process (MB) | ${peak[0]!.toFixed(0)} | ${peak[1]!.toFixed(0)} | ${peak[2]!.toFixed(0)} | ≤ ${TARGET_MB} MB: ${pass(peak[2]! <= TARGET_MB)} |`,
      `| RSS before, till records built and bill text loaded (MB) | ${base[0]!.toFixed(0)} | ${base[1]!.toFixed(0)} | ${base[2]!.toFixed(0)} | |`,
      '',
      `Exact matches asserted: ${PAYMENTS.toLocaleString('en-US')} payments and ${REFUNDS.toLocaleString('en-US')} refunds, no difference, in every run.`,
      `Control (one till amount 1 fen off): ${controlOk ? `reported exactly amount:${victim.outTradeNo} — the check can fail` : 'DID NOT FAIL'}.`,
      '',
    ].join('\n');
    console.log(md);
    const docs = join(process.cwd(), 'docs', 'bench');
    mkdirSync(docs, { recursive: true });
    writeFileSync(join(docs, 'reconcile.md'), md);
    emitMetrics({ 'parse + match + report ms (median of 3 processes)': ms[1]!, 'peak RSS MB (max of 3)': peak[2]!, 'exact matches': runs[0]!.matchedPayments + runs[0]!.matchedRefunds });
    console.log(`BENCH reconcile n=${N} median_ms=${ms[1]!.toFixed(0)} max_ms=${ms[2]!.toFixed(0)} peak_rss_mb=${peak[2]!.toFixed(0)} control=${controlOk ? 'failed-as-expected' : 'NOT-FAILED'}`);
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      process.exitCode = 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  const [billFile, mode, outFile] = process.argv.slice(childAt + 1);
  child(billFile ?? '', mode === 'control', outFile ?? '');
} else await main();
