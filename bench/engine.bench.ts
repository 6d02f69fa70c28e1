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
//   HTTPS + mTLS run: the simulator's HTTPS listener with the test CA (resources/test-certs), the
//                      client trusting that CA and carrying the merchant's client certificate (used on
//                      /secapi: each till refunds its last sale), every gateway answer delayed by a
//                      seeded 20-60 ms (40 ms ± 20 ms, the simulator's own 'delay' fault), and
//                      oneOpenSalePerTill ON (the default): TLS_TILLS tills, each doing TLS_SALES sales
//                      one after another. The sale and refund counts it really ran are printed.
// Sizes: BENCH_SALES (default 200), CHARGE_SAMPLES (default 200), TLS_TILLS (default 8), TLS_SALES per till (default 10).
// Prints a markdown table and a machine line; writes docs/bench/engine.md and a BENCH_METRICS line.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PaymentView } from '../src/common/api';
import { realClock } from '../src/common/clock';
import { seededRandom } from '../src/common/random';
import { ok } from '../src/common/result';
import { createEngine } from '../src/core/checkout/engine';
import { createIdSource } from '../src/core/ids';
import { openStore } from '../src/core/store';
import { createWxPayClient } from '../src/core/wxpay/client';
import type { WxPayClient } from '../src/core/wxpay/types';
import { SANDBOX_MERCHANT, findTestCertsDir, startSimulator, testCertPaths, type Simulator } from '../src/sim';
import { emitMetrics, machineLine } from './lib/report';

const SALES = Number(process.env.BENCH_SALES ?? 200);
const STAGGER_MS = 100;
const CHARGE_SAMPLES = Number(process.env.CHARGE_SAMPLES ?? 200);
const PAY_WINDOW_MS = 10_000;
const TLS_TILLS = Number(process.env.TLS_TILLS ?? 8);
const TLS_SALES = Number(process.env.TLS_SALES ?? 10);
const TLS_PAY_WINDOW_MS = 3_000;
const SEED = Number(process.env.BENCH_SEED ?? 9);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Delays every answer of `sim` by 20, 25, ... 60 ms with equal odds (seeded by the simulator's seed). */
function injectGatewayDelay(sim: Simulator): void {
  const steps = Array.from({ length: 9 }, (_, k) => 20 + 5 * k);
  // The first rule that fires wins, so rule k fires with 1/(rules left): each step gets 1/9 overall.
  steps.forEach((delayMs, k) => sim.faults.add({ endpoint: '*', kind: 'delay', delayMs, probability: 1 / (steps.length - k) }));
}

interface TlsRun {
  readonly sales: number;
  readonly refunds: number;
  readonly paidMs: number[];
  readonly chargeMs: number[];
  readonly refundMs: number[];
  readonly wall: number;
}

/** HTTPS + mTLS, injected gateway delay, one open sale per till (see the header). */
async function tlsRun(dir: string): Promise<TlsRun> {
  const certsDir = findTestCertsDir();
  if (!certsDir) throw new Error('the HTTPS run needs resources/test-certs (npm run certs)');
  const certs = testCertPaths(certsDir);
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, https: true, httpsPort: 0, certsDir, seed: SEED });
  if (!sim.httpsUrl) throw new Error('the simulator did not open its HTTPS listener');
  injectGatewayDelay(sim);
  const mine = certs.merchant(SANDBOX_MERCHANT.mchId);
  const random = seededRandom(SEED + 1);
  const paidMs: number[] = [];
  const chargeMs: number[] = [];
  const refundMs: number[] = [];
  let sales = 0;
  let refunds = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: TLS_TILLS }, async (_, till) => {
      const tillId = `tls${till}`;
      const store = openStore(join(dir, `${tillId}.db`));
      const client = createWxPayClient({
        appid: SANDBOX_MERCHANT.appid,
        mchId: SANDBOX_MERCHANT.mchId,
        key: SANDBOX_MERCHANT.key,
        signType: 'MD5',
        baseUrl: sim.httpsUrl!,
        backupUrl: null,
        ca: readFileSync(certs.ca),
        cert: { certPem: readFileSync(mine.cert, 'utf8'), keyPem: readFileSync(mine.key, 'utf8') },
      });
      const paidAt = new Map<string, () => void>();
      const engine = createEngine({
        store,
        gateway: () => client,
        clock: realClock,
        ids: createIdSource({ tillId: () => tillId, clock: realClock }),
        events: (name, payload) => {
          if (name !== 'payment') return;
          const v = payload as PaymentView;
          if (v.status === 'paid') paidAt.get(v.outTradeNo)?.();
        },
        tillId: () => tillId,
        storeName: () => 'Bench Shop',
        mode: () => 'SANDBOX',
        verifyManagerPin: () => ok(null),
        limits: () => ({ refundCapFen: 10_000_000, dailyRefundCapFen: 100_000_000 }),
        oneOpenSalePerTill: true,
        random,
      });
      await engine.start();
      let lastSale: PaymentView | null = null;
      for (let i = 0; i < TLS_SALES; i++) {
        const c0 = performance.now();
        const r = await engine.charge({ lines: [{ name: `tls ${till}/${i}`, quantity: 1, unitFen: 100 + i }], cashier: 'bench' });
        if (!r.ok || !r.value.codeUrl) throw new Error(`till ${till} sale ${i}: charge failed: ${JSON.stringify(r)}`);
        chargeMs.push(performance.now() - c0);
        const no = r.value.outTradeNo;
        const confirmed = new Promise<number>((res) => paidAt.set(no, () => res(performance.now())));
        await sleep(random() * TLS_PAY_WINDOW_MS);
        const payAt = performance.now();
        const outcome = sim.phone.scanAndPay(r.value.codeUrl);
        if (!outcome.ok) throw new Error(`phone could not pay ${no}: ${outcome.message}`);
        paidMs.push((await confirmed) - payAt);
        // The next charge must be accepted: oneOpenSalePerTill would refuse it while this one is open.
        const view = await engine.getPayment({ attemptId: r.value.attemptId });
        if (!view.ok || view.value.status !== 'paid') throw new Error(`till ${till} sale ${i}: not paid after the event`);
        lastSale = view.value;
        sales++;
      }
      if (lastSale) {
        const f0 = performance.now();
        const rf = await engine.requestRefund({ saleId: lastSale.saleId, amountFen: lastSale.totalFen, reason: 'bench', approver: 'mgr', managerPin: '0000' });
        if (!rf.ok || !['processing', 'refunded', 'pending'].includes(rf.value.status)) throw new Error(`till ${till}: refund not accepted: ${JSON.stringify(rf)}`);
        refundMs.push(performance.now() - f0);
        refunds++;
      }
      await engine.stop();
      store.close();
      await client.close();
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  await sim.close();
  return { sales, refunds, paidMs, chargeMs, refundMs, wall };
}

const payDelay = seededRandom(SEED);

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
      await sleep(payDelay() * PAY_WINDOW_MS);
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
  const salesRun = paidMs.length;

  // Phase 3: HTTPS + mTLS with gateway delay, one open sale per till.
  const tls = await tlsRun(dir);
  rmSync(dir, { recursive: true, force: true });

  const f = (ms: number): string => (ms >= 100 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
  const meanRate = rates.reduce((s, x) => s + x, 0) / rates.length;
  const tlsLabel = `${tls.sales} sales on ${TLS_TILLS} tills, HTTPS + mTLS, gateway delay 40 ± 20 ms`;
  const table = [
    `| metric (${salesRun} sales, loopback HTTP, real time) | p50 | p99 | max | target |`,
    '|---|---|---|---|---|',
    `| paid-to-confirmed (sim payment -> engine 'paid' event) | ${f(pct(paidMs, 50))} | ${f(pct(paidMs, 99))} | ${f(Math.max(...paidMs))} | p50 <= 1.0 s, p99 <= 2.0 s |`,
    `| charge-to-code_url, one sale at a time (charge() -> view with code_url) | ${f(pct(soloMs, 50))} | ${f(pct(soloMs, 99))} | ${f(Math.max(...soloMs))} | p50 <= 30 ms |`,
    `| charge-to-code_url during the paid run (up to ~100 attempts polling) | ${f(pct(chargeMs, 50))} | ${f(pct(chargeMs, 99))} | ${f(Math.max(...chargeMs))} | |`,
    `| orderquery per attempt per second of its life (mean / p99 / max) | ${meanRate.toFixed(2)} | ${pct(rates, 99).toFixed(2)} | ${Math.max(...rates).toFixed(2)} | <= 1 |`,
    `| gap between two orderqueries of one attempt (p50 / p1 as "p99" / min) | ${f(pct(gaps, 50))} | ${f(pct(gaps, 1))} | ${f(Math.min(...gaps))} | >= ~1 s |`,
    `| orderqueries in flight for one attempt (max) | | | ${maxInFlight} | 1 |`,
    '',
    `| metric (${tlsLabel}) | p50 | p99 | max | target |`,
    '|---|---|---|---|---|',
    `| paid-to-confirmed | ${f(pct(tls.paidMs, 50))} | ${f(pct(tls.paidMs, 99))} | ${f(Math.max(...tls.paidMs))} | p50 <= 1.0 s, p99 <= 2.0 s |`,
    `| charge-to-code_url (includes one delayed unifiedorder) | ${f(pct(tls.chargeMs, 50))} | ${f(pct(tls.chargeMs, 99))} | ${f(Math.max(...tls.chargeMs))} | |`,
    `| refund request to accepted (/secapi/pay/refund over mTLS, ${tls.refunds} refunds) | ${f(pct(tls.refundMs, 50))} | ${f(pct(tls.refundMs, 99))} | ${f(Math.max(...tls.refundMs))} | |`,
  ].join('\n');
  const machine = machineLine();
  const counts = `sales really run: ${salesRun} (loopback HTTP, ${wall.toFixed(1)} s wall) + ${tls.sales} (HTTPS + mTLS, ${TLS_TILLS} tills × ${TLS_SALES}, one open sale per till, ${tls.wall.toFixed(1)} s wall) + ${tls.refunds} refunds over mTLS`;
  console.log(table);
  console.log(counts);
  console.log(machine);
  emitMetrics({
    'paid-to-confirmed p50 ms (HTTP)': pct(paidMs, 50),
    'paid-to-confirmed p99 ms (HTTP)': pct(paidMs, 99),
    'charge-to-code_url p50 ms (one at a time)': pct(soloMs, 50),
    'paid-to-confirmed p50 ms (mTLS + delay)': pct(tls.paidMs, 50),
    'paid-to-confirmed p99 ms (mTLS + delay)': pct(tls.paidMs, 99),
    'charge-to-code_url p50 ms (mTLS + delay)': pct(tls.chargeMs, 50),
    'sales run (HTTP + mTLS)': salesRun + tls.sales,
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, '..', 'docs', 'bench', 'engine.md');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `# Engine benchmark\n\n\`npm run bench:engine\` (bench/engine.bench.ts): sales through the real engine, store (WAL, synchronous=FULL) and\nclient against the simulator in real time, default poll policy (orderquery every 1 s in the first minute, one in flight per\nattempt). Run 1: loopback HTTP, several sales waiting at once (oneOpenSalePerTill off), starting ${STAGGER_MS} ms apart, the phone\npaying each at a seeded moment 0-${PAY_WINDOW_MS / 1000} s after its QR appears. Run 2: HTTPS with the test CA and the merchant's client\ncertificate (mTLS on /secapi), every gateway answer delayed by a seeded 20-60 ms, one open sale per till, ${TLS_TILLS} tills doing\n${TLS_SALES} sales each (paid 0-${TLS_PAY_WINDOW_MS / 1000} s after the QR) and one full refund each.\n\n${table}\n\n${counts}\n\n${machine}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
