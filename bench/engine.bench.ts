// Engine benchmark (`npm run bench:engine`): 200 sales through the real engine, store and client,
// against the simulator over loopback HTTP in REAL time (default poll policy: orderquery every 1 s
// in the first minute). Sales start 50 ms apart; the phone pays each at a random moment 0-10 s after
// its QR appears. Measured per sale:
//   paid-to-confirmed: from the simulator recording the payment (scanAndPay, same process) to the
//                      engine's 'payment' event with status 'paid'   (target p50 <= 1.0 s, p99 <= 2.0 s)
//   charge-to-code_url: engine.charge() call to its returned view carrying the code_url
//                      (sale + attempt committed with synchronous=FULL, unifiedorder over loopback;
//                      target p50 <= 30 ms)
//   orderquery rate:   orderquery calls per attempt / attempt lifetime (charge to paid, at least 1 s),
//                      the gaps between two queries of one attempt, and the most queries in flight
//                      for one attempt (must be 1).
//   charge-to-code_url is also measured first on its own: 200 sequential charges on a second engine
//                      whose QRs are not polled (a till doing one sale at a time).
// Prints a markdown table and a machine line; writes docs/bench/engine.md.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaymentView } from '../src/common/api';
import { realClock } from '../src/common/clock';
import { ok } from '../src/common/result';
import { createEngine } from '../src/core/checkout/engine';
import { createIdSource } from '../src/core/ids';
import { openStore } from '../src/core/store';
import { createWxPayClient } from '../src/core/wxpay/client';
import type { WxPayClient } from '../src/core/wxpay/types';
import { SANDBOX_MERCHANT, startSimulator } from '../src/sim';

const SALES = Number(process.env.BENCH_SALES ?? 200);
const STAGGER_MS = 100;
const CHARGE_SAMPLES = 200;
const PAY_WINDOW_MS = 10_000;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'engine-bench-'));
  const store = openStore(join(dir, 'pos.db'));
  const inner = createWxPayClient({
    appid: SANDBOX_MERCHANT.appid,
    mchId: SANDBOX_MERCHANT.mchId,
    key: SANDBOX_MERCHANT.key,
    signType: 'HMAC-SHA256',
    baseUrl: sim.url,
    backupUrl: null,
  });
  // count orderqueries per order and the most in flight for one order
  const queries = new Map<string, number>();
  const queryTimes = new Map<string, number[]>();
  const inFlight = new Map<string, number>();
  let maxInFlight = 0;
  const client: WxPayClient = Object.assign(Object.create(inner) as WxPayClient, {
    orderQuery: async (ref: Parameters<WxPayClient['orderQuery']>[0]) => {
      const no = 'outTradeNo' in ref ? ref.outTradeNo : ref.transactionId;
      queries.set(no, (queries.get(no) ?? 0) + 1);
      queryTimes.set(no, [...(queryTimes.get(no) ?? []), performance.now()]);
      const f = (inFlight.get(no) ?? 0) + 1;
      inFlight.set(no, f);
      maxInFlight = Math.max(maxInFlight, f);
      try {
        return await inner.orderQuery(ref);
      } finally {
        inFlight.set(no, (inFlight.get(no) ?? 1) - 1);
      }
    },
  });
  const paidEventAt = new Map<string, number>();
  const waiters = new Map<string, () => void>();
  const engine = createEngine({
    store,
    gateway: () => client,
    clock: realClock,
    ids: createIdSource({ tillId: () => 'bench', clock: realClock }),
    events: (name, payload) => {
      if (name !== 'payment') return;
      const v = payload as PaymentView;
      if (v.status === 'paid' && !paidEventAt.has(v.outTradeNo)) {
        paidEventAt.set(v.outTradeNo, performance.now());
        waiters.get(v.outTradeNo)?.();
      }
    },
    tillId: () => 'bench',
    storeName: () => 'Bench Shop',
    mode: () => 'SANDBOX',
    verifyManagerPin: () => ok(null),
    limits: () => ({ refundCapFen: 0, dailyRefundCapFen: 0 }),
    oneOpenSalePerTill: false,
  });
  await engine.start();

  // Phase 1: charge-to-code_url of a till doing one sale at a time (its earlier QRs are not polled:
  // this engine's first query would be 10 min away), on its own store file.
  const store1 = openStore(join(dir, 'charge.db'));
  const solo = createEngine({
    store: store1,
    gateway: () => inner,
    clock: realClock,
    ids: createIdSource({ tillId: () => 'solo', clock: realClock }),
    events: () => undefined,
    tillId: () => 'solo',
    storeName: () => 'Bench Shop',
    mode: () => 'SANDBOX',
    verifyManagerPin: () => ok(null),
    limits: () => ({ refundCapFen: 0, dailyRefundCapFen: 0 }),
    oneOpenSalePerTill: false,
    pollPolicy: { fastMs: 600_000 },
  });
  await solo.start();
  const soloMs: number[] = [];
  for (let i = 0; i < CHARGE_SAMPLES + 10; i++) {
    const c0 = performance.now();
    const r = await solo.charge({ lines: [{ name: `solo ${i}`, quantity: 1, unitFen: 100 + i }], cashier: 'bench' });
    if (!r.ok || !r.value.codeUrl) throw new Error(`solo charge ${i} failed`);
    if (i >= 10) soloMs.push(performance.now() - c0); // first 10: warm-up
  }
  await solo.stop();
  store1.close();

  // Phase 2: the paid-to-confirmed run, many sales waiting at once.
  const chargeMs: number[] = [];
  const paidMs: number[] = [];
  const rates: number[] = [];
  const gaps: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: SALES }, async (_, i) => {
      await sleep(i * STAGGER_MS);
      const c0 = performance.now();
      const r = await engine.charge({ lines: [{ name: `item ${i}`, quantity: 1, unitFen: 100 + i }], cashier: 'bench' });
      const c1 = performance.now();
      if (!r.ok || !r.value.codeUrl) throw new Error(`charge ${i} failed: ${JSON.stringify(r)}`);
      chargeMs.push(c1 - c0);
      const no = r.value.outTradeNo;
      const seen = new Promise<void>((res) => waiters.set(no, res));
      await sleep(Math.random() * PAY_WINDOW_MS);
      const outcome = sim.phone.scanAndPay(r.value.codeUrl);
      const paidAt = performance.now();
      if (!outcome.ok) throw new Error(`phone could not pay ${no}: ${outcome.message}`);
      await seen;
      paidMs.push(paidEventAt.get(no)! - paidAt);
      rates.push((queries.get(no) ?? 0) / Math.max(1, (paidEventAt.get(no)! - c0) / 1000));
      const ts = queryTimes.get(no) ?? [];
      for (let k = 1; k < ts.length; k++) gaps.push(ts[k]! - ts[k - 1]!);
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  await engine.stop();
  store.close();
  await inner.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });

  const f = (ms: number): string => (ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  const meanRate = rates.reduce((s, x) => s + x, 0) / rates.length;
  const table = [
    '| metric (200 sales, loopback HTTP, real time) | p50 | p99 | max | target |',
    '|---|---|---|---|---|',
    `| paid-to-confirmed (sim payment -> engine 'paid' event) | ${f(pct(paidMs, 50))} | ${f(pct(paidMs, 99))} | ${f(Math.max(...paidMs))} | p50 <= 1.0 s, p99 <= 2.0 s |`,
    `| charge-to-code_url, one sale at a time (charge() -> view with code_url) | ${f(pct(soloMs, 50))} | ${f(pct(soloMs, 99))} | ${f(Math.max(...soloMs))} | p50 <= 30 ms |`,
    `| charge-to-code_url during the paid run (up to ~100 attempts polling) | ${f(pct(chargeMs, 50))} | ${f(pct(chargeMs, 99))} | ${f(Math.max(...chargeMs))} | |`,
    `| orderquery per attempt per second of its life (mean / p99 / max) | ${meanRate.toFixed(2)} | ${pct(rates, 99).toFixed(2)} | ${Math.max(...rates).toFixed(2)} | <= 1 |`,
    `| gap between two orderqueries of one attempt (p50 / p1 as "p99" / min) | ${f(pct(gaps, 50))} | ${f(pct(gaps, 1))} | ${f(Math.min(...gaps))} | >= ~1 s |`,
    `| orderqueries in flight for one attempt (max) | | | ${maxInFlight} | 1 |`,
  ].join('\n');
  const cpu = cpus();
  const machine = `node ${process.version} · ${cpu[0]?.model ?? 'unknown CPU'} · ${cpu.length} cores · ${new Date().toISOString().slice(0, 10)} · ${SALES} sales in ${wall.toFixed(1)} s wall`;
  console.log(table);
  console.log(machine);
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, '..', 'docs', 'bench', 'engine.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `# Engine benchmark\n\n\`npm run bench:engine\` (bench/engine.bench.ts): ${SALES} sales through the real engine, store (WAL, synchronous=FULL) and\nclient against the simulator over loopback HTTP in real time, default poll policy (orderquery every 1 s in\nthe first minute, one in flight per attempt). Sales start ${STAGGER_MS} ms apart; the phone pays each at a random\nmoment 0-${PAY_WINDOW_MS / 1000} s after its QR appears.\n\n${table}\n\n${machine}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
