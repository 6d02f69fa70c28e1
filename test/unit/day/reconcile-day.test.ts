// Issue 13 point 4: the till reconciles a day against the simulator's real-shaped bill: sales paid
// through the engine, discrepancies planted in the bill, "not yet" before 10:00 the next day, the
// result stored and attached to that day's report; the scheduler retries on "Bill Creating".
import { afterEach, describe, expect, it } from 'vitest';
import { formatBeijingDate } from '../../../src/common/beijing-time';
import { VirtualClock } from '../../../src/common/clock';
import type { PaymentView } from '../../../src/common/api';
import type { ReconcileSummary } from '../../../src/common/day';
import { ok } from '../../../src/common/result';
import { buildDayReport } from '../../../src/core/day';
import { reconcileBillDate } from '../../../src/core/day/reconcile-day';
import { createReconcileScheduler } from '../../../src/core/day/reconcile-scheduler';
import type { WxPayClient } from '../../../src/core/wxpay/types';
import { createSimulator } from '../../../src/sim';
import { makeHarness, type Harness } from '../engine/harness';
import { simClient } from '../engine/sim-bridge';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

async function paidSale(hh: Harness, sim: ReturnType<typeof createSimulator>, unitFen: number): Promise<PaymentView> {
  const r = await hh.engine.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen }], cashier: 'amy' });
  if (!r.ok) throw new Error(r.message);
  expect(sim.phone.scanAndPay(r.value.codeUrl!)).toMatchObject({ ok: true });
  for (let i = 0; i < 60; i++) {
    const p = hh.events.payments.find((v) => v.attemptId === r.value.attemptId && v.status === 'paid');
    if (p) return p;
    await hh.clock.advance(1000);
  }
  throw new Error('not paid');
}

describe('reconciliation of a day', () => {
  it('finds the planted differences, reports fees, stores the result for the day report', async () => {
    let client!: WxPayClient;
    h = await makeHarness({ client: () => client, engine: { oneOpenSalePerTill: false } });
    const sim = createSimulator({ clock: h.clock, seed: 3 });
    client = simClient(sim, h.clock);
    const day = formatBeijingDate(h.clock.now());
    const a = await paidSale(h, sim, 1999);
    const b = await paidSale(h, sim, 2500);
    const c = await paidSale(h, sim, 800);
    const deps = { store: h.store, clock: h.clock, mode: () => 'LIVE' as const, gateway: () => client };

    // Too early: not yet, nothing stored.
    expect(await reconcileBillDate(deps, day)).toMatchObject({ ok: true, value: { outcome: 'not-yet' } });

    h.clock.set(h.clock.now() + 86_400_000 + 60_000); // 10:01 the next day
    const clean = await reconcileBillDate(deps, day);
    expect(clean).toMatchObject({ ok: true, value: { outcome: 'matched', clean: true, lines: [] } });
    expect(clean.ok && clean.value.feeFen).toBeGreaterThanOrEqual(0);

    sim.tamperBill({ kind: 'drop', outTradeNo: b.outTradeNo });
    sim.tamperBill({ kind: 'amount', outTradeNo: c.outTradeNo, deltaFen: 1 });
    const r = await reconcileBillDate(deps, day);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.outcome).toBe('differences');
    expect(r.value.lines.map((l) => [l.kind, l.outTradeNo, l.localFen, l.billFen]).sort()).toEqual(
      [
        ['amount', c.outTradeNo, 800, 801],
        ['short', b.outTradeNo, 2500, null],
      ].sort(),
    );
    expect(r.value.lines.some((l) => l.outTradeNo === a.outTradeNo)).toBe(false);

    // The day's report carries it (the latest run replaces the earlier one).
    const start = a.receipt!.paidAt;
    const report = buildDayReport(h.store.db, { mode: 'LIVE', start: start - 3_600_000, end: start + 3_600_000, now: h.clock.now() });
    expect(report.reconciliation).toMatchObject({ billDate: day, outcome: 'differences' });

    // A bill whose summary disagrees with its rows is refused with the line, and nothing is stored.
    sim.clearBillTampers();
    sim.tamperBill({ kind: 'summary', deltaFen: 5 });
    const refused = await reconcileBillDate(deps, day);
    expect(refused).toMatchObject({ ok: false, code: 'GATEWAY_ERROR' });
    expect(!refused.ok && refused.message).toMatch(/line \d+/);
    expect(buildDayReport(h.store.db, { mode: 'LIVE', start: start - 3_600_000, end: start + 3_600_000, now: 0 }).reconciliation?.outcome).toBe('differences');
  });

  it('treats "No Bill Exist" on a day without sales as a clean match', async () => {
    let client!: WxPayClient;
    h = await makeHarness({ client: () => client });
    const sim = createSimulator({ clock: h.clock, seed: 4 });
    client = simClient(sim, h.clock);
    const day = formatBeijingDate(h.clock.now());
    h.clock.set(h.clock.now() + 2 * 86_400_000);
    const r = await reconcileBillDate({ store: h.store, clock: h.clock, mode: () => 'LIVE', gateway: () => client }, day);
    expect(r).toMatchObject({ ok: true, value: { outcome: 'matched', clean: true } });
  });
});

describe('the reconciliation scheduler', () => {
  it('runs when due from 10:00 the next day and retries on "Bill Creating"', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 10, 28, 1, 0, 0)); // 09:00 Beijing on the 28th
    const runs: [string, number][] = [];
    const done = new Set<string>();
    let creating = 2;
    const scheduler = createReconcileScheduler({
      clock,
      lookBackDays: 1,
      retryMs: 10 * 60_000,
      done: (d) => done.has(d),
      run: async (d) => {
        runs.push([d, clock.now()]);
        if (creating-- > 0) return ok({ billDate: d, ranAt: clock.now(), clean: false, feeFen: null, outcome: 'not-yet', message: 'Bill Creating', lines: [] } satisfies ReconcileSummary);
        done.add(d);
        return ok({ billDate: d, ranAt: clock.now(), clean: true, feeFen: 0, outcome: 'matched', message: '', lines: [] } satisfies ReconcileSummary);
      },
    });
    scheduler.start();
    await clock.advance(0);
    // 09:00 on the 28th: the 27th's bill is due only at 10:00, so the latest due is the 26th's.
    expect(runs.map(([d]) => d)).toEqual(['20261126']);
    await clock.advance(10 * 60_000); // retry after Bill Creating
    await clock.advance(10 * 60_000); // retry again: now matched
    expect(runs.map(([d]) => d)).toEqual(['20261126', '20261126', '20261126']);
    expect(done.has('20261126')).toBe(true);
    // At 10:00 on the 28th the 27th's bill becomes due.
    await clock.advance(Date.UTC(2026, 10, 28, 2, 0, 0) - clock.now());
    await clock.advance(0);
    expect(runs.at(-1)?.[0]).toBe('20261127');
    expect(runs.at(-1)?.[1]).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 28, 2, 0, 0));
    await scheduler.stop();
  });
});
