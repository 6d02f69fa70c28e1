// Print benchmark (`npm run bench:print`, issue 14 point 5):
//  1. receipt → ESC/POS bytes (layout + encoder + GB18030), a 12-line zh-CN receipt at 58 and 80 mm:
//     p99 per receipt must be ≤ 10 ms.
//  2. 1,000 receipts queued in the persistent queue (a real SQLite file) drained to the fake TCP 9100
//     printer of the tests: every job printed exactly once (each job's QR = its out_trade_no, counted),
//     none lost, none duplicated. Jobs/s reported, no target.
// Writes docs/bench/print.md and a BENCH_METRICS line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realClock } from '../src/common/clock';
import { ok } from '../src/common/result';
import { layoutToEscpos } from '../src/core/printing/escpos';
import { layoutDoc } from '../src/core/printing/layout';
import type { PrintDoc } from '../src/core/printing/print-doc';
import { PrintQueue } from '../src/core/printing/print-queue';
import { tcpPrinter } from '../src/core/printing/tcp-printer';
import { openStore } from '../src/core/store';
import { decodeEscpos } from '../test/unit/printing/support/escpos-decode';
import { startFakePrinter } from '../test/unit/printing/support/fake-printer';
import { sampleReceipt } from '../test/unit/printing/support/fixtures';
import { emitMetrics, machineLine, median, quantile } from './lib/report';

const RENDERS = Number(process.env.PRINT_RENDERS ?? 3_000);
const JOBS = Number(process.env.PRINT_JOBS ?? 1_000);
const P99_BUDGET_MS = 10;

function receipt(i: number): PrintDoc {
  const lines = Array.from({ length: 12 }, (_, k) => ({ name: k % 2 ? `商品 ${k} 矿泉水` : `Item ${k} latte`, quantity: 1 + (k % 3), unitFen: 150 + k, lineFen: (1 + (k % 3)) * (150 + k) }));
  return {
    kind: 'receipt',
    receipt: sampleReceipt({ saleId: `s${i}`, outTradeNo: `PB${String(i).padStart(10, '0')}`, lines, totalFen: lines.reduce((a, l) => a + l.lineFen, 0) }),
    refunds: [],
  };
}

/** Per receipt: wall ms and CPU ms (process user + system, so other processes on the shared machine do not count). */
function renderBench(): { p50: number; p99: number; max: number; wallP99: number; bytes: number } {
  const cpu: number[] = [];
  const wall: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 200; i++) layoutToEscpos(layoutDoc(receipt(i), { width: 80, locale: 'zh-CN' })); // warm-up
  for (let i = 0; i < RENDERS; i++) {
    const doc = receipt(i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const out = layoutToEscpos(layoutDoc(doc, { width: i % 2 ? 58 : 80, locale: 'zh-CN' }));
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    bytes = out.length;
  }
  return { p50: median(cpu), p99: quantile(cpu, 0.99), max: Math.max(...cpu), wallP99: quantile(wall, 0.99), bytes };
}

async function drainBench(): Promise<{ seconds: number; printed: number; unique: number; lost: number; duplicated: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'print-bench-'));
  const fake = await startFakePrinter('ok');
  const store = openStore(join(dir, 'pos.db'), { clock: realClock });
  try {
    const queue = new PrintQueue({
      db: store.db,
      clock: realClock,
      printer: () => ok({ port: tcpPrinter({ host: fake.host, port: fake.port, timeoutMs: 5_000 }), render: { width: 80, locale: 'zh-CN' }, openDrawer: false }),
    });
    const t0 = performance.now();
    for (let i = 0; i < JOBS; i++) queue.enqueue(receipt(i));
    queue.start();
    await fake.waitForJobs(JOBS);
    await queue.stop();
    const seconds = (performance.now() - t0) / 1000;
    const refs = fake.jobs.map((b) => decodeEscpos(b).qr[0] ?? '');
    const unique = new Set(refs).size;
    const expected = new Set(Array.from({ length: JOBS }, (_, i) => `PB${String(i).padStart(10, '0')}`));
    const lost = [...expected].filter((r) => !refs.includes(r)).length;
    const stillQueued = queue.queuedCount();
    if (stillQueued !== 0) throw new Error(`${stillQueued} jobs still queued after the drain`);
    return { seconds, printed: refs.length, unique, lost, duplicated: refs.length - unique };
  } finally {
    store.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const render = renderBench();
const drain = await drainBench();
const renderOk = render.p99 <= P99_BUDGET_MS;
const drainOk = drain.printed === JOBS && drain.lost === 0 && drain.duplicated === 0;
const md = [
  '# Print benchmark (issue 14)',
  '',
  machineLine(),
  '',
  `| measure | value | target |`,
  `|---|---|---|`,
  `| receipt → ESC/POS, 12 lines zh-CN, 58/80 mm: CPU p50 | ${render.p50.toFixed(3)} ms | |`,
  `| receipt → ESC/POS: CPU p99 (${RENDERS} receipts) | ${render.p99.toFixed(3)} ms | ≤ ${P99_BUDGET_MS} ms ${renderOk ? 'PASS' : 'FAIL'} |`,
  `| receipt → ESC/POS: CPU max | ${render.max.toFixed(3)} ms | |`,
  `| receipt → ESC/POS: wall p99 (inflated by the machine's load) | ${render.wallP99.toFixed(3)} ms | |`,
  `| bytes per receipt | ${render.bytes} | |`,
  `| ${JOBS} queued jobs drained to the fake TCP 9100 printer | ${drain.seconds.toFixed(2)} s (${(JOBS / drain.seconds).toFixed(0)} jobs/s) | |`,
  `| printed / lost / duplicated | ${drain.printed} / ${drain.lost} / ${drain.duplicated} | ${JOBS} / 0 / 0 ${drainOk ? 'PASS' : 'FAIL'} |`,
  '',
].join('\n');
mkdirSync('docs/bench', { recursive: true });
writeFileSync('docs/bench/print.md', md);
console.log(md);
emitMetrics({ render_wall_p99_ms: Number(render.wallP99.toFixed(3)), render_p99_ms: Number(render.p99.toFixed(3)), render_p50_ms: Number(render.p50.toFixed(3)), drain_jobs_per_s: Math.round(JOBS / drain.seconds), lost: drain.lost, duplicated: drain.duplicated });
process.exit(renderOk && drainOk ? 0 : 1);
