// (b) 1,000 payments (soak; 200 in unit) through the simulator (real client, in-process transport) with 20% injected
// faults of every kind the simulator offers, on every endpoint: zero lost, duplicated or phantom
// receipts. Customers pay at once, pay slowly, fail, abandon; cashiers cancel some sales.
// Replay: ENGINE_FAULT_SEED=<seed>
import { afterEach, describe, expect, it } from 'vitest';
import { ok, err } from '../../../src/common/result';
import { createEngine } from '../../../src/core/checkout/engine';
import type { Engine } from '../../../src/core/checkout/engine-types';
import { createSequentialIdSource } from '../../../src/core/ids';
import { openStore, type Store } from '../../../src/core/store';
import { createSimulator, FAULT_KINDS, type SimulatorCore } from '../../../src/sim';
import { FastClock } from './fast-clock';
import { checkInvariants, MANAGER, seededRandom, tempDir } from './harness';
import { simClient, simFacts } from './sim-bridge';
import { suitePlan } from '../../support/sizes';
import { join } from 'node:path';
import { rmSync } from 'node:fs';

const { seed, size: PAYMENTS } = suitePlan(import.meta.url, { seedVar: 'ENGINE_FAULT_SEED', sizeVar: 'ENGINE_FAULT_PAYMENTS', unit: 200, soak: 1000 });
const BATCH = 50;
const BOUND = 6 * 60_000;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => cleanup?.());

describe('payments through the simulator under 20% faults', () => {
  it(`${PAYMENTS} payments: zero lost, duplicated or phantom receipts`, async () => {
    console.log('engine fault seed', seed, `(replay: ENGINE_FAULT_SEED=${seed})`);
    const random = seededRandom(seed);
    const clock = new FastClock();
    const sim: SimulatorCore = createSimulator({ clock, seed, refundDelayMs: 5000, delayClock: clock });
    const dir = tempDir('engine-faults');
    const store: Store = openStore(join(dir, 'pos.db'), { clock });
    const client = simClient(sim, clock);
    const engine: Engine = createEngine({
      store,
      gateway: () => client,
      clock,
      ids: createSequentialIdSource('f'),
      events: () => undefined,
      tillId: () => 'till-f',
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
    // 20% of requests on every endpoint meet one of the fault kinds (each kind equally likely).
    const kinds = FAULT_KINDS.filter((k) => k !== 'USERPAYING'); // micropay-only
    for (const kind of kinds) sim.faults.add({ endpoint: '*', kind, probability: 0.2 / kinds.length, delayMs: kind === 'delay' ? 10_000 : undefined });
    for (const kind of ['SYSTEMERROR', 'html502'] as const) sim.faults.add({ endpoint: '*', kind, probability: 0.01, applied: true });

    const during = async <T,>(p: Promise<T>): Promise<T> => {
      let done = false;
      const q = p.finally(() => (done = true));
      await clock.advance(0);
      while (!done) await clock.advance(250);
      return q;
    };
    let charged = 0;
    let refunds = 0;
    const outcomes = { pay: 0, slow: 0, fail: 0, abandon: 0, cancel: 0 };
    while (charged < PAYMENTS) {
      const n = Math.min(BATCH, PAYMENTS - charged);
      const views = await during(
        Promise.all(
          Array.from({ length: n }, (_, i) =>
            engine.charge({ lines: [{ name: `item ${charged + i}`, quantity: 1, unitFen: 1 + Math.floor(random() * 20_000) }], cashier: 'c' }),
          ),
        ),
      );
      charged += n;
      // wait for every QR (unknown outcomes resolve by query within seconds)
      await clock.advance(30_000);
      for (const v of views) {
        if (!v.ok) continue;
        const cur = (await engine.getPayment({ attemptId: v.value.attemptId }));
        const code = cur.ok ? cur.value.codeUrl : null;
        const x = random();
        if (!code) continue;
        if (x < 0.55) {
          sim.phone.scanAndPay(code);
          outcomes.pay++;
        } else if (x < 0.7) {
          sim.phone.scanAndPayAfter(code, Math.floor(random() * 400_000));
          outcomes.slow++;
        } else if (x < 0.8) {
          sim.phone.scanAndFail(code, random() < 0.5 ? 'NOTENOUGH' : 'BANKERROR');
          outcomes.fail++;
        } else if (x < 0.9) {
          sim.phone.scan(code);
          outcomes.abandon++;
        } else {
          await engine.cancelPayment({ attemptId: v.value.attemptId });
          if (random() < 0.5) sim.phone.scanAndPay(code); // pays anyway
          outcomes.cancel++;
        }
      }
      await clock.advance(20_000);
      // refund a few of the receipts so far
      const paid = store.db.prepare('SELECT sale_id, total_fen FROM receipts ORDER BY random() LIMIT 3').all() as { sale_id: string; total_fen: number }[];
      for (const p of paid) {
        const r = await during(
          engine.requestRefund({ saleId: p.sale_id, amountFen: Math.max(1, Math.floor(p.total_fen / 3)), reason: 'r', approver: MANAGER.approver, managerPin: MANAGER.pin }),
        );
        if (r.ok) refunds++;
      }
      const problems = checkInvariants(store, simFacts(sim), { settled: false, now: clock.now(), boundMs: BOUND });
      expect(problems).toEqual([]);
    }
    // settle: faults off, past every bound
    const faultHits = sim.faults.list().reduce((n, r) => n + r.hits, 0);
    sim.faults.clear();
    await clock.advance(10 * 60_000 + BOUND + 60_000);
    const facts = simFacts(sim);
    const problems = checkInvariants(store, facts, { settled: true, now: clock.now(), boundMs: BOUND });
    expect(problems).toEqual([]);
    const receipts = (store.db.prepare('SELECT count(*) AS n FROM receipts').get() as { n: number }).n;
    console.log('engine faults:', { payments: charged, gatewayPaid: facts.filter((f) => f.paid).length, receipts, refunds, outcomes, faultHits });
    expect(receipts).toBe(facts.filter((f) => f.paid).length);
    expect(receipts).toBeGreaterThan(PAYMENTS * 0.5);
  }, 300_000);
});
