// Issue 13.1 split tender against the simulator with the real client: the rest paid by the customer's
// payment code (quick pay, micropay for the rest only; a refused code voids the cash part), and
// reconciliation against WeChat's bill compares the WeChat part (the attempt's total), which matches.
import { afterEach, describe, expect, it } from 'vitest';
import { formatBeijingDate } from '../../../src/common/beijing-time';
import { loadLocalDay } from '../../../src/core/day/local-day';
import { reconcileBillDate } from '../../../src/core/day/reconcile-day';
import { getAttempt } from '../../../src/core/store/repos/attempt-repo';
import { makeHarness, type Harness } from '../engine/harness';
import { simFacts } from '../engine/sim-bridge';
import { dayOf, FLOAT, LINES, lastView, openShift, until } from './split-rig';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

describe('split tender with the simulator', () => {
  it('quick pay for the rest: micropay asks the rest only; paid at once, the cash part is counted', async () => {
    h = await makeHarness({ backend: 'sim', seed: 13 });
    const sim = h.tg.sim!;
    const day = dayOf(h);
    const shiftId = openShift(day);
    const code = sim.phone.mintAuthCode({ then: 'auto' });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code, split: { cashFen: 900, tenderedFen: 1000, shiftId } });
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toMatchObject({ status: 'paid', kind: 'MICROPAY', totalFen: 1000, split: { state: 'PAID', cashFen: 900, wechatFen: 1000, changeFen: 100 } });
    expect(sim.journal(100).filter((j) => j.path.endsWith('/pay/micropay'))).toHaveLength(1);
    expect(simFacts(sim).map((f) => f.totalFee)).toEqual([1000]);
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT + 900);
  });

  it('quick pay for the rest refused (not enough balance): the cash part is void and owed back', async () => {
    h = await makeHarness({ backend: 'sim', seed: 14 });
    const sim = h.tg.sim!;
    const day = dayOf(h);
    const shiftId = openShift(day);
    const code = sim.phone.mintAuthCode({ then: 'notenough' });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code, split: { cashFen: 900, tenderedFen: 900, shiftId } });
    const attemptId = r.ok ? r.value.attemptId : (h.store.db.prepare('SELECT id FROM payment_attempts').get() as { id: string }).id;
    await until(h, () => ['CLOSED', 'REVOKED', 'FAILED'].includes(getAttempt(h!.store.db, attemptId)?.state ?? ''), 1000, 5 * 60_000);
    expect(day.split.owed()).toEqual([expect.objectContaining({ cashFen: 900, state: 'VOID' })]);
    expect(lastView(h, attemptId)?.split?.state ?? 'VOID').toBe('VOID');
    expect(day.shifts.state().open?.expectedFen).toBe(FLOAT);
  });

  it("reconciliation compares the WeChat part: the bill's order amount is the attempt's total, a clean match", async () => {
    h = await makeHarness({ backend: 'sim', seed: 15 });
    const sim = h.tg.sim!;
    const day = dayOf(h);
    const shiftId = openShift(day);
    const billDate = formatBeijingDate(h.clock.now());
    const r = await h.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen: 700, tenderedFen: 700, shiftId } });
    if (!r.ok) throw new Error(r.message);
    expect(sim.phone.scanAndPay(r.value.codeUrl!)).toMatchObject({ ok: true });
    await until(h, () => lastView(h!, r.value.attemptId)?.status === 'paid');
    const local = loadLocalDay(h.store.db, 'LIVE', h.clock.now() - 3_600_000, h.clock.now() + 3_600_000);
    expect(local.receipts.map((x) => x.totalFen)).toEqual([1200]);
    h.clock.set(h.clock.now() + 86_400_000 + 60_000);
    const deps = { store: h.store, clock: h.clock, mode: () => 'LIVE' as const, gateway: () => h!.tg.client };
    const clean = await reconcileBillDate(deps, billDate);
    expect(clean).toMatchObject({ ok: true, value: { outcome: 'matched', clean: true, lines: [] } });
  });
});
