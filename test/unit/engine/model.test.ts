// (a) Model test: random sequences of cashier actions (charge, cancel, refund), customer actions
// (pay, pay slowly, fail, abandon), gateway faults and restarts, on a virtual clock. After every step
// the safety invariants hold; at the end, once the engine has settled, every gateway-paid order has
// exactly one receipt and every attempt and refund is final within its bound.
// Replay a failure: ENGINE_MODEL_SEED=<seed> npx vitest run test/unit/engine/model.test.ts
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suitePlan } from '../../support/sizes';
import { checkInvariants, MANAGER, makeHarness, seededRandom } from './harness';

const { seed, size: RUNS } = suitePlan(import.meta.url, { seedVar: 'ENGINE_MODEL_SEED', sizeVar: 'ENGINE_MODEL_RUNS', unit: 200, soak: 1000 });
const EXPIRE = 5 * 60_000;
const BOUND = 5 * 60_000 + 60_000; // time_expire + 5 min + margin
/** 'sim': the simulator's in-process handler behind the real client (default); 'fake': the small fake. */
const BACKEND = (process.env.ENGINE_MODEL_GATEWAY ?? 'sim') === 'fake' ? 'fake' : 'sim';

type Action =
  | { t: 'charge'; fen: number; qty: number }
  | { t: 'cancel' }
  | { t: 'pay'; which: number }
  | { t: 'paySlowly'; which: number; ms: number }
  | { t: 'fail'; which: number }
  | { t: 'abandon'; which: number }
  | { t: 'refund'; which: number; part: number }
  | { t: 'advance'; ms: number }
  | { t: 'faults'; rate: number }
  | { t: 'script'; picks: number[] }
  | { t: 'restart' }
  // --- issue 12: quick pay (sim backend only) ---
  | { t: 'quickPay'; fen: number; customer: 'auto' | 'password' | 'abandon' | 'notenough' }
  | { t: 'password'; which: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('charge' as const), fen: fc.integer({ min: 1, max: 50_000 }), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.constant({ t: 'cancel' as const }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('pay' as const), which: fc.nat(5) }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('paySlowly' as const), which: fc.nat(5), ms: fc.integer({ min: 1000, max: 400_000 }) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fail' as const), which: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('abandon' as const), which: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('refund' as const), which: fc.nat(5), part: fc.double({ min: 0.01, max: 1.2, noNaN: true }) }) },
  { weight: 5, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 120_000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('faults' as const), rate: fc.constantFrom(0, 0.1, 0.3, 0.6) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('script' as const), picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  // issue 12: quick pay (up to ¥2000, so the password rule above ¥1000 is met too) and the customer's password
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('quickPay' as const),
      fen: fc.integer({ min: 1, max: 200_000 }),
      customer: fc.constantFrom('auto' as const, 'password' as const, 'abandon' as const, 'notenough' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('password' as const), which: fc.nat(5) }) },
);

describe('engine model (fast-check)', () => {
  it(`keeps every invariant over ${RUNS} random sequences`, async () => {
    console.log('engine model backend', BACKEND, 'seed', seed, '(replay: ENGINE_MODEL_SEED=' + seed + ')');
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 3, maxLength: 30 }), fc.integer(), async (actions, rngSeed) => {
        const random = seededRandom(rngSeed);
        const h = await makeHarness({ random, engine: { expireMs: EXPIRE }, backend: BACKEND, seed: rngSeed });
        const shown: { attemptId: string; codeUrl: string }[] = [];
        const scanned: string[] = []; // issue 12: payment codes the cashier scanned
        let current: string | null = null;
        const check = (settled: boolean): void => {
          const problems = checkInvariants(h.store, h.tg.facts(), { settled, now: h.clock.now(), boundMs: BOUND });
          if (problems.length) throw new Error(`${problems.join('; ')} | actions ${JSON.stringify(actions)}`);
        };
        // A call may wait on the gateway (a slow answer): time passes while the cashier waits.
        const during = async <T,>(p: Promise<T>): Promise<T> => {
          let done = false;
          const q = p.finally(() => (done = true));
          await h.clock.advance(0);
          while (!done) await h.clock.advance(500);
          return q;
        };
        const noteCodes = (): void => {
          for (const p of h.events.payments) if (p.codeUrl && !shown.some((s) => s.codeUrl === p.codeUrl)) shown.push({ attemptId: p.attemptId, codeUrl: p.codeUrl });
        };
        try {
          for (const a of actions) {
            steps++;
            switch (a.t) {
              case 'charge': {
                const r = await during(h.engine.charge({ lines: [{ name: 'item', quantity: a.qty, unitFen: a.fen }], cashier: 'c1' }));
                if (r.ok) current = r.value.attemptId;
                else expect(['SALE_IN_PROGRESS', 'GATEWAY_ERROR', 'CONFIG_ERROR', 'CERT_ERROR', 'NOT_READY']).toContain(r.code);
                break;
              }
              case 'cancel':
                if (current) await h.engine.cancelPayment({ attemptId: current });
                break;
              case 'pay': {
                noteCodes();
                const s = shown[shown.length - 1 - (a.which % Math.max(1, shown.length))];
                if (s) h.tg.pay(s.codeUrl);
                break;
              }
              case 'paySlowly': {
                noteCodes();
                const s = shown[shown.length - 1 - (a.which % Math.max(1, shown.length))];
                if (s) h.tg.payAfter(s.codeUrl, a.ms);
                break;
              }
              case 'fail':
              case 'abandon': {
                // the payment fails on the phone, or the customer scans and walks away: the order stays NOTPAY
                noteCodes();
                const s = shown[shown.length - 1 - (a.which % Math.max(1, shown.length))];
                if (s) (a.t === 'fail' ? h.tg.fail : h.tg.scan)(s.codeUrl);
                break;
              }
              case 'refund': {
                const receipts = h.store.db.prepare('SELECT sale_id, total_fen FROM receipts ORDER BY paid_at, id').all() as {
                  sale_id: string;
                  total_fen: number;
                }[];
                const rc = receipts[a.which % Math.max(1, receipts.length)];
                if (rc) {
                  const amount = Math.max(1, Math.floor(rc.total_fen * a.part));
                  await during(h.engine.requestRefund({ saleId: rc.sale_id, amountFen: amount, reason: 'model', approver: MANAGER.approver, managerPin: MANAGER.pin }));
                }
                break;
              }
              case 'advance':
                await h.clock.advance(a.ms);
                break;
              case 'faults':
                h.tg.setFaultRate(a.rate);
                break;
              case 'script':
                h.tg.script(a.picks);
                break;
              case 'restart':
                await h.restart();
                break;
              case 'quickPay': {
                const sim = h.tg.sim;
                if (!sim) break; // the small fake has no quick pay
                const plan = a.customer === 'password' ? { then: 'password' as const, afterMs: 86_400_000 } : a.customer === 'abandon' ? { then: 'abandon' as const } : { then: a.customer };
                const code = sim.phone.mintAuthCode(plan);
                scanned.push(code);
                const r = await during(h.engine.quickPay({ lines: [{ name: 'qp', quantity: 1, unitFen: a.fen }], cashier: 'c1', authCode: code }));
                if (r.ok) current = r.value.attemptId;
                else expect(['SALE_IN_PROGRESS', 'QUICK_PAY_IN_PROGRESS', 'GATEWAY_ERROR', 'CONFIG_ERROR', 'CERT_ERROR', 'NOT_READY']).toContain(r.code);
                break;
              }
              case 'password': {
                const code = scanned[scanned.length - 1 - (a.which % Math.max(1, scanned.length))];
                if (code) h.tg.sim?.phone.enterPassword(code);
                break;
              }
            }
            noteCodes();
            check(false);
          }
          // settle: faults off, then past every bound
          h.tg.setFaultRate(0);
          await h.clock.advance(EXPIRE + BOUND + 30_000);
          check(true);
          // issue 12: every quick pay is final once settled (it has no time_expire for the check above)
          const open = h.store.db.prepare(`SELECT out_trade_no, state FROM payment_attempts WHERE kind = 'MICROPAY' AND final_at IS NULL`).all();
          if (open.length) throw new Error(`quick pays not final: ${JSON.stringify(open)} | actions ${JSON.stringify(actions)}`);
        } finally {
          await h.dispose();
        }
      }),
      { numRuns: RUNS, seed, endOnFailure: true },
    );
    console.log('engine model: runs', RUNS, 'steps', steps);
  }, 400_000);
});
