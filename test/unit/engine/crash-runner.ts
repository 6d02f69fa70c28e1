// Child process for the kill -9 test (crash.test.ts). Runs the engine on a store file against the
// simulator in the PARENT over loopback HTTP with the real client, so the gateway's books survive
// the kill. MODE=scenario runs a fixed till session (pay, refund, a CHANGE refund marked handled,
// cancel+close, pay after cancel, slow pay, an order closed outside the till, a payment refunded
// outside the till while the till was stopped); CRASH_POINT/CRASH_NTH make the engine's crashAt hook SIGKILL this process at that named
// moment. MODE=recover only starts (recovery) and waits until nothing is open. Prints JSON lines.
import { realClock } from '../../../src/common/clock';
import { ok, err } from '../../../src/common/result';
import type { PaymentView, RefundView } from '../../../src/common/api';
import { createEngine } from '../../../src/core/checkout/engine';
import type { CrashPoint, EngineDeps } from '../../../src/core/checkout/engine-types';
import { createIdSource } from '../../../src/core/ids';
import { openStore, type Store } from '../../../src/core/store';
import { createWxPayClient } from '../../../src/core/wxpay/client';
import { SANDBOX_MERCHANT } from '../../../src/sim/sandbox-merchant';

export const CRASH_POLICY = {
  fastMs: 25,
  fastWindowMs: 60_000,
  slowMs: 100,
  errorBaseMs: 25,
  errorCapMs: 200,
  errorFloorMs: 10,
  refundPollMs: 25,
  inlineRetries: 2,
};
export const CRASH_FLOOR_MS = 150;
/** issue 12: quick pay at the same compressed scale (WeChat's 15 s reverse floor becomes 150 ms). */
export const CRASH_QUICK_PAY = {
  queryMs: 25,
  giveUpMs: 400,
  reverseFloorMs: CRASH_FLOOR_MS,
  reverseSpacingMs: 25,
  reverseBound: 10,
  afterBoundQueryMs: 100,
};

export function crashEngineDeps(o: {
  db: string;
  simUrl: string;
  tag: string;
  crashAt?: (p: CrashPoint) => void;
  events?: EngineDeps['events'];
}): EngineDeps & { store: Store } {
  const store = openStore(o.db);
  const client = createWxPayClient({
    appid: SANDBOX_MERCHANT.appid,
    mchId: SANDBOX_MERCHANT.mchId,
    key: SANDBOX_MERCHANT.key,
    signType: 'HMAC-SHA256',
    baseUrl: o.simUrl,
    backupUrl: null,
    connectTimeoutMs: 1000,
    readTimeoutMs: 2000,
  });
  return {
    store,
    gateway: () => client,
    clock: realClock,
    ids: createIdSource({ tillId: () => o.tag, clock: realClock }),
    events: o.events ?? (() => undefined),
    tillId: () => o.tag,
    storeName: () => 'Crash Shop',
    mode: () => 'SANDBOX',
    verifyManagerPin: (a, p) => (a === 'mgr' && p === '2468' ? ok(null) : err('PIN_WRONG', 'wrong')),
    limits: () => ({ refundCapFen: 1_000_000, dailyRefundCapFen: 100_000_000 }),
    pollPolicy: CRASH_POLICY,
    closeFloorMs: CRASH_FLOOR_MS,
    quickPay: CRASH_QUICK_PAY, // issue 12
    refundSpacingMs: 0,
    oneOpenSalePerTill: false,
    ...(o.crashAt ? { crashAt: o.crashAt } : {}),
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const env = process.env;
  const point = env.CRASH_POINT ?? '';
  const nth = Number(env.CRASH_NTH ?? 1);
  let seen = 0;
  const payments = new Map<string, PaymentView>();
  const refunds = new Map<string, RefundView>();
  const deps = crashEngineDeps({
    db: env.DB!,
    simUrl: env.SIM_URL!,
    tag: env.TAG!,
    crashAt: (p) => {
      if (p === point && ++seen === nth) process.kill(process.pid, 'SIGKILL');
    },
    events: (name, payload) => {
      if (name === 'payment') payments.set((payload as PaymentView).attemptId, payload as PaymentView);
      if (name === 'refund') refunds.set((payload as RefundView).refundId, payload as RefundView);
    },
  });
  // The next out_refund_no can be minted ahead, so a refund outcome can be scripted at the simulator
  // for exactly this till's refund (the script queue is shared with the other cycles running at once).
  const ids = deps.ids;
  let preset: string | null = null;
  const runDeps: EngineDeps = {
    ...deps,
    ids: {
      ...ids,
      outRefundNo: () => {
        const no = preset ?? ids.outRefundNo();
        preset = null;
        return no;
      },
    },
  };
  let engine = createEngine(runDeps);
  const t0 = performance.now();
  await engine.start();
  console.log(JSON.stringify({ ready: performance.now() - t0 }));
  const until = async (what: string, f: () => boolean, ms = 8000): Promise<void> => {
    const end = performance.now() + ms;
    while (!f()) {
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(5);
    }
  };
  const phone = async (path: string, body: unknown): Promise<void> => {
    await fetch(`${env.SIM_URL}/sim/phone/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-token': env.SIM_TOKEN ?? '' }, body: JSON.stringify(body) });
  };
  const sim = async (path: string, body: unknown): Promise<void> => {
    const res = await fetch(`${env.SIM_URL}/sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sim-token': env.SIM_TOKEN ?? '' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`sim ${path}: HTTP ${res.status}`);
  };
  const client = deps.gateway();
  const status = (id: string): string | undefined => payments.get(id)?.status;
  const final = (id: string): boolean => ['paid', 'failed'].includes(status(id) ?? '') || deps.store.db.prepare('SELECT final_at FROM payment_attempts WHERE id = ?').pluck().get(id) != null;
  const charge = async (fen: number): Promise<PaymentView> => {
    const r = await engine.charge({ lines: [{ name: 'thing', quantity: 1, unitFen: fen }], cashier: 'c' });
    if (!r.ok) throw new Error(`charge: ${r.code}`);
    await until('code', () => !!payments.get(r.value.attemptId)?.codeUrl || final(r.value.attemptId));
    return payments.get(r.value.attemptId) ?? r.value;
  };

  if (env.CRASH_RUNNER_MODE === 'scenario') {
    const a = await charge(1000 + Math.floor(Math.random() * 9000));
    await phone('pay', { codeUrl: a.codeUrl });
    await until('paid', () => status(a.attemptId) === 'paid');
    const r = await engine.requestRefund({ saleId: a.saleId, amountFen: 500, reason: 'crash test', approver: 'mgr', managerPin: '2468' });
    if (r.ok) await until('refund final', () => ['refunded', 'closed', 'change', 'failed', 'not_accepted', 'change_handled'].includes(refunds.get(r.value.refundId)?.status ?? ''));
    // A refund WeChat sends to a closed bank card (CHANGE), then marked handled by a manager.
    preset = ids.outRefundNo();
    await sim('refunds/script', { outcome: 'CHANGE', outRefundNo: preset });
    const ch = await engine.requestRefund({ saleId: a.saleId, amountFen: 300, reason: 'crash test change', approver: 'mgr', managerPin: '2468' });
    if (!ch.ok) throw new Error(`change refund: ${ch.code}`);
    await until('refund change', () => refunds.get(ch.value.refundId)?.status === 'change');
    const handled = await engine.markRefundHandled({ refundId: ch.value.refundId, approver: 'mgr', managerPin: '2468' });
    if (!handled.ok) throw new Error(`mark handled: ${handled.code}`);
    const b = await charge(2000);
    await engine.cancelPayment({ attemptId: b.attemptId });
    await until('closed', () => final(b.attemptId));
    const c = await charge(3000);
    await engine.cancelPayment({ attemptId: c.attemptId });
    await phone('pay', { codeUrl: c.codeUrl });
    await until('paid after cancel', () => final(c.attemptId));
    const d = await charge(4000);
    await phone('pay', { codeUrl: d.codeUrl, afterMs: 50 });
    await until('slow paid', () => final(d.attemptId));
    // An order closed outside the till (after WeChat's close floor): the till's query sees CLOSED
    // first and confirms it with its own closeorder.
    const e = await charge(1500);
    await sleep(CRASH_FLOOR_MS + 50);
    const closed = await client.closeOrder({ outTradeNo: e.outTradeNo });
    if (closed.kind !== 'ok') throw new Error(`outside close: ${closed.kind}`);
    await until('closed outside', () => final(e.attemptId));
    // A payment refunded on the merchant platform while the till was stopped: after the restart the
    // first trade_state the till sees is REFUND.
    const f = await charge(2500);
    await engine.stop();
    await phone('pay', { codeUrl: f.codeUrl });
    const outside = await client.refund({ outTradeNo: f.outTradeNo, outRefundNo: `O${env.TAG!}`, totalFee: 2500, refundFee: 700, refundDesc: 'merchant platform' });
    if (outside.kind !== 'ok') throw new Error(`outside refund: ${outside.kind}`);
    engine = createEngine(runDeps);
    await engine.start();
    await until('paid, refunded outside', () => final(f.attemptId));
    // --- issue 12 quick pay: paid at once, password entered, cancelled (reverse), given up (reverse) ---
    const mint = async (then: string): Promise<string> => {
      const res = await fetch(`${env.SIM_URL}/sim/phone/auth-code`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sim-token': env.SIM_TOKEN ?? '' },
        body: JSON.stringify({ then, afterMs: 86_400_000 }),
      });
      return ((await res.json()) as { authCode: string }).authCode;
    };
    const quick = async (then: string, fen: number): Promise<{ view: PaymentView; code: string }> => {
      const code = await mint(then);
      const r = await engine.quickPay({ lines: [{ name: 'quick', quantity: 1, unitFen: fen }], cashier: 'c', authCode: code });
      if (!r.ok) throw new Error(`quickPay: ${r.code}`);
      return { view: r.value, code };
    };
    const g = await quick('pay', 1100);
    await until('quick paid', () => final(g.view.attemptId));
    const k = await quick('password', 1200);
    await until('paying', () => status(k.view.attemptId) === 'paying' || final(k.view.attemptId));
    await phone('password', { authCode: k.code });
    await until('password paid', () => final(k.view.attemptId));
    const m = await quick('password', 1300);
    await engine.cancelPayment({ attemptId: m.view.attemptId });
    await until('quick cancelled, reversed', () => final(m.view.attemptId));
    const n = await quick('password', 1400);
    await until('quick given up, reversed', () => final(n.view.attemptId));
  } else {
    await until('nothing open', () => {
      const n = deps.store.db.prepare('SELECT (SELECT count(*) FROM payment_attempts WHERE final_at IS NULL) + (SELECT count(*) FROM refunds WHERE final_at IS NULL)').pluck().get() as number;
      return n === 0;
    }, 15_000);
  }
  console.log(JSON.stringify({ done: true }));
  await engine.stop();
  deps.store.close();
  process.exit(0);
}

if (process.env.CRASH_RUNNER_MODE) {
  main().catch((e: unknown) => {
    console.log(JSON.stringify({ error: String(e) }));
    process.exit(2);
  });
}
