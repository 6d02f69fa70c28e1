// Issue 12 point 5: quick-pay orders (soak 1,000; unit 150) through the simulator (real client,
// in-process transport, virtual clock) with 20 % injected faults of every kind on every endpoint,
// reverse included, and reverse refused with 正在支付中 while the customer types the password.
// Customers pay at once, enter the password late, abandon it, lack money, fail at the bank, show an
// expired code; cashiers cancel some waits (and some customers pay anyway). Then: zero lost, double or
// phantom receipts; one micropay per order number; every gateway order ends SUCCESS, REVOKED or CLOSED;
// every attempt is final, FAILED only where WeChat holds no order. Replay: ENGINE_QP_FAULT_SEED=<seed>
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../src/common/result';
import { createEngine } from '../../../src/core/checkout/engine';
import type { Engine } from '../../../src/core/checkout/engine-types';
import { createSequentialIdSource } from '../../../src/core/ids';
import { openStore, type Store } from '../../../src/core/store';
import { createSimulator, FAULT_KINDS, type SimulatorCore } from '../../../src/sim';
import { suitePlan } from '../../support/sizes';
import { FastClock } from './fast-clock';
import { checkInvariants, MANAGER, seededRandom, tempDir } from './harness';
import { simClient, simFacts } from './sim-bridge';

const { seed, size: ORDERS } = suitePlan(import.meta.url, { seedVar: 'ENGINE_QP_FAULT_SEED', sizeVar: 'ENGINE_QP_FAULT_ORDERS', unit: 150, soak: 1000 });
const BATCH = 50;
const BOUND = 6 * 60_000;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => cleanup?.());

describe('quick pay through the simulator under 20% faults', () => {
  it(`${ORDERS} quick pays: zero lost, double or phantom; every order ends SUCCESS, REVOKED or CLOSED`, async () => {
    console.log('quick-pay fault seed', seed, `(replay: ENGINE_QP_FAULT_SEED=${seed})`);
    const random = seededRandom(seed);
    const clock = new FastClock();
    const sim: SimulatorCore = createSimulator({ clock, seed, refundDelayMs: 5000, delayClock: clock, reverseWhilePaying: 'refuse', journalSize: 1_000_000 });
    const dir = tempDir('engine-qp-faults');
    const store: Store = openStore(join(dir, 'pos.db'), { clock });
    const client = simClient(sim, clock);
    const engine: Engine = createEngine({
      store,
      gateway: () => client,
      clock,
      ids: createSequentialIdSource('q'),
      events: () => undefined,
      tillId: () => 'till-q',
      storeName: () => 'Fault Shop',
      mode: () => 'SANDBOX',
      verifyManagerPin: (a, p) => (a === MANAGER.approver && p === MANAGER.pin ? ok(null) : err('PIN_WRONG', 'wrong')),
      limits: () => ({ refundCapFen: 10_000_000, dailyRefundCapFen: 1_000_000_000 }),
      oneOpenSalePerTill: false,
      random,
    });
    cleanup = async () => {
      await engine.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    };
    await engine.start();
    // 20 % of requests on every endpoint (micropay, orderquery, reverse, refund...) meet a fault.
    for (const kind of FAULT_KINDS) sim.faults.add({ endpoint: '*', kind, probability: 0.2 / FAULT_KINDS.length, delayMs: kind === 'delay' ? 10_000 : undefined });
    sim.faults.add({ endpoint: 'reverse', kind: 'SYSTEMERROR', probability: 0.05, applied: true });

    const during = async <T,>(p: Promise<T>): Promise<T> => {
      let finished = false;
      const q = p.finally(() => (finished = true));
      await clock.advance(0);
      while (!finished) await clock.advance(250);
      return q;
    };
    let sent = 0;
    let refunds = 0;
    const outcomes = { pay: 0, password: 0, abandon: 0, notenough: 0, payerror: 0, expired: 0, cancel: 0 };
    while (sent < ORDERS) {
      const n = Math.min(BATCH, ORDERS - sent);
      const plans = Array.from({ length: n }, () => random());
      // Expired codes are minted first and left 61 s; the others are fresh when scanned.
      const stale = plans.map((x) => (x >= 0.8 && x < 0.85 ? sim.phone.mintAuthCode() : null));
      if (stale.some((c) => c !== null)) await clock.advance(61_000);
      const expired = plans.map((x, i) =>
        stale[i] ??
        (x < 0.4
          ? sim.phone.mintAuthCode({ then: 'auto' })
          : x < 0.55
            ? sim.phone.mintAuthCode({ then: 'password', afterMs: Math.floor(random() * 50_000) })
            : x < 0.7
              ? sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 })
              : x < 0.75
                ? sim.phone.mintAuthCode({ then: 'notenough' })
                : x < 0.8
                  ? sim.phone.mintAuthCode({ then: 'payerror', afterMs: Math.floor(random() * 20_000) })
                  : sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 })),
      );
      const views = await during(
        Promise.all(
          expired.map((code, i) =>
            engine.quickPay({ lines: [{ name: `item ${sent + i}`, quantity: 1, unitFen: 1 + Math.floor(random() * 150_000) }], cashier: 'c', authCode: code }),
          ),
        ),
      );
      sent += n;
      for (let i = 0; i < n; i++) {
        const x = plans[i]!;
        const key = x < 0.4 ? 'pay' : x < 0.55 ? 'password' : x < 0.7 ? 'abandon' : x < 0.75 ? 'notenough' : x < 0.8 ? 'payerror' : x < 0.85 ? 'expired' : 'cancel';
        outcomes[key]++;
      }
      await clock.advance(3000);
      // Cashiers cancel the waits of the last group; half of those customers type the password anyway.
      for (let i = 0; i < n; i++) {
        const v = views[i]!;
        if (plans[i]! < 0.85 || !v.ok) continue;
        await during(engine.cancelPayment({ attemptId: v.value.attemptId }));
        if (random() < 0.5) sim.phone.enterPassword(expired[i]!);
      }
      await clock.advance(20_000);
      const paid = store.db.prepare('SELECT sale_id, total_fen FROM receipts ORDER BY random() LIMIT 2').all() as { sale_id: string; total_fen: number }[];
      for (const p of paid) {
        const r = await during(
          engine.requestRefund({ saleId: p.sale_id, amountFen: Math.max(1, Math.floor(p.total_fen / 3)), reason: 'r', approver: MANAGER.approver, managerPin: MANAGER.pin }),
        );
        if (r.ok) refunds++;
      }
      expect(checkInvariants(store, simFacts(sim), { settled: false, now: clock.now(), boundMs: BOUND })).toEqual([]);
    }
    const faultHits = sim.faults.list().reduce((s, r) => s + r.hits, 0);
    sim.faults.clear();
    await clock.advance(BOUND + 120_000);
    const facts = simFacts(sim);
    expect(checkInvariants(store, facts, { settled: true, now: clock.now(), boundMs: BOUND })).toEqual([]);

    const attempts = store.db.prepare('SELECT out_trade_no, state, final_at FROM payment_attempts').all() as { out_trade_no: string; state: string; final_at: number | null }[];
    const orders = new Map(sim.orders().map((o) => [o.outTradeNo, o]));
    const problems: string[] = [];
    for (const a of attempts) {
      const o = orders.get(a.out_trade_no);
      if (a.final_at === null) problems.push(`${a.out_trade_no} still ${a.state}`);
      if (a.state === 'FAILED' && o) problems.push(`${a.out_trade_no} FAILED but WeChat holds it ${o.state}`);
      if (a.state === 'PAID' && !(o?.state === 'SUCCESS' || o?.state === 'REFUND')) problems.push(`${a.out_trade_no} PAID, gateway ${o?.state}`);
      if ((a.state === 'REVOKED' || a.state === 'CLOSED') && o?.state !== 'REVOKED' && o?.state !== 'CLOSED') problems.push(`${a.out_trade_no} ${a.state}, gateway ${o?.state}`);
    }
    for (const o of orders.values()) if (!['SUCCESS', 'REFUND', 'REVOKED', 'CLOSED'].includes(o.state)) problems.push(`gateway order ${o.outTradeNo} ended ${o.state}`);
    // One micropay per order number, ever (a resend with a new number is impossible: one number per attempt).
    const micropays = new Map<string, number>();
    for (const j of sim.journal(1_000_000)) if (j.path.endsWith('/pay/micropay') && j.outTradeNo) micropays.set(j.outTradeNo, (micropays.get(j.outTradeNo) ?? 0) + 1);
    for (const [no, k] of micropays) if (k > 1) problems.push(`${k} micropays for ${no}`);
    expect(problems).toEqual([]);
    const receipts = (store.db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;
    const byState = Object.fromEntries(
      (store.db.prepare('SELECT state, count(*) AS n FROM payment_attempts GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
    );
    console.log('quick-pay faults:', { orders: sent, receipts, refunds, byState, outcomes, faultHits });
    expect(receipts).toBe(facts.filter((f) => f.paid).length);
    expect(receipts).toBeGreaterThan(ORDERS * 0.3);
  }, 300_000);
});
