// Quick pay (issue 12 point 2 and 6) against the simulator with the real client and a virtual clock:
// paid at once, the password wait (queried at most once a second), give up -> reverse no earlier than
// 15 s after micropay -> REVOKED, cancel -> reverse, unknown outcomes resolved by query with one
// micropay only, bad codes never sent, one quick pay at a time, restart in USERPAYING, refunds.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { getAttempt } from '../../../src/core/store/repos/attempt-repo';
import { getReceiptDetail, listReceipts } from '../../../src/core/store/history';
import type { SimulatorCore } from '../../../src/sim';
import { checkInvariants, makeHarness, MANAGER, type Harness } from './harness';

const LINES = [{ name: '豆浆', quantity: 2, unitFen: 350 }];
let h: Harness;

afterEach(async () => {
  await h?.dispose();
});

async function boot(): Promise<{ h: Harness; sim: SimulatorCore }> {
  h = await makeHarness({ backend: 'sim', seed: 12 });
  return { h, sim: h.tg.sim! };
}

const journal = (sim: SimulatorCore, path: string): number => sim.journal(10_000).filter((j) => j.path.endsWith(path)).length;

async function until(pred: () => boolean, stepMs = 100, maxMs = 120_000): Promise<void> {
  for (let t = 0; t <= maxMs && !pred(); t += stepMs) await h.clock.advance(stepMs);
  expect(pred()).toBe(true);
}

const state = (v: PaymentView): string | undefined => getAttempt(h.store.db, v.attemptId)?.state;

describe('quick pay', () => {
  it('a code that pays at once is a receipt of kind MICROPAY, in history too', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'auto' });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    expect(r.value).toMatchObject({ status: 'paid', kind: 'MICROPAY', codeUrl: null, totalFen: 700 });
    expect(r.value.receipt).toMatchObject({ kind: 'MICROPAY', totalFen: 700 });
    expect(journal(sim, '/pay/micropay')).toBe(1);
    const page = listReceipts(h.store.db, { limit: 5, mode: 'LIVE' });
    expect(page.rows.map((x) => x.kind)).toEqual(['MICROPAY']);
    expect(getReceiptDetail(h.store.db, r.value.saleId, 'Test Shop')?.receipt.kind).toBe('MICROPAY');
  });

  it('not a payment code (a product barcode, 17 digits, letters) is never sent: plain words in zh and en', async () => {
    const { sim } = await boot();
    for (const authCode of ['6901234567892', '13456789012345678', '1345678901234567a', '194567890123456789', '']) {
      const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode });
      expect(r).toMatchObject({ ok: false, code: 'NOT_A_PAYMENT_CODE' });
      if (!r.ok) expect(r.message).toMatch(/付款码.*payment code/s);
    }
    expect(sim.journal(100)).toEqual([]);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM payment_attempts').get()).toEqual({ n: 0 });
  });

  it('password: paying on screen, queried at most once a second, paid soon after the password', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    expect(r.value.status).toBe('paying');
    // A second scan while it waits is refused clearly.
    const second = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: sim.phone.mintAuthCode() });
    expect(second).toMatchObject({ ok: false, code: 'QUICK_PAY_IN_PROGRESS' });
    await h.clock.advance(6000);
    const queries = journal(sim, '/pay/orderquery');
    expect(queries).toBeGreaterThanOrEqual(4);
    expect(queries).toBeLessThanOrEqual(6);
    expect(sim.phone.enterPassword(code)).toMatchObject({ ok: true });
    const at = h.clock.now();
    await until(() => state(r.value) === 'PAID', 50);
    expect(h.clock.now() - at).toBeLessThanOrEqual(1100);
    expect(journal(sim, '/pay/micropay')).toBe(1);
    expect(journal(sim, '/secapi/pay/reverse')).toBe(0);
    expect(h.events.payments.filter((p) => p.attemptId === r.value.attemptId).map((p) => p.status)).toContain('paying');
  });

  it('abandoned password: the till gives up, reverses no earlier than 15 s after micropay, ends REVOKED', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    const sentAt = h.clock.now();
    await until(() => state(r.value) === 'REVOKED', 500);
    const reverses = sim.journal(10_000).filter((j) => j.path.endsWith('/secapi/pay/reverse'));
    for (const j of reverses) expect(j.at - sentAt).toBeGreaterThanOrEqual(15_000);
    expect(sim.order('1900000109', r.value.outTradeNo)?.state ?? sim.orders()[0]?.state).toBe('REVOKED');
    expect(checkInvariants(h.store, h.tg.facts(), { settled: true, now: h.clock.now(), boundMs: 600_000 })).toEqual([]);
    const v = await h.engine.getPayment({ attemptId: r.value.attemptId });
    expect(v).toMatchObject({ ok: true, value: { status: 'failed', watching: false } });
  });

  it('cancel while the customer enters the password reverses it; a payment that still lands is a flagged receipt', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    await h.clock.advance(2000);
    const c = await h.engine.cancelPayment({ attemptId: r.value.attemptId });
    expect(c).toMatchObject({ ok: true, value: { status: 'cancelled', watching: true } });
    // The customer pays before the reverse may be sent (15 s floor): never a lost payment.
    await h.clock.advance(3000);
    sim.phone.enterPassword(code);
    await until(() => state(r.value) === 'PAID', 500);
    const detail = getReceiptDetail(h.store.db, r.value.saleId, 'Test Shop');
    expect(detail?.receipt).toMatchObject({ paidAfterCancel: true, kind: 'MICROPAY' });
    expect(h.events.alerts.map((a) => a.kind)).toContain('PAID_AFTER_CANCEL');
  });

  it('cancel, customer never pays: reverse -> REVOKED, and the next quick pay is taken', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    await h.engine.cancelPayment({ attemptId: r.value.attemptId });
    // Being reversed is no longer "in flight": the cashier can take the next customer.
    const next = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: sim.phone.mintAuthCode() });
    expect(next).toMatchObject({ ok: true, value: { status: 'paid' } });
    await until(() => state(r.value) === 'REVOKED', 500);
    expect(journal(sim, '/secapi/pay/reverse')).toBeGreaterThanOrEqual(1);
  });

  it('SYSTEMERROR / BANKERROR / a lost answer on micropay: resolved by query, never a second micropay', async () => {
    const { sim } = await boot();
    for (const kind of ['SYSTEMERROR', 'BANKERROR', 'reset', 'html502'] as const) {
      sim.faults.add({ endpoint: 'micropay', kind, count: 1 });
      const before = journal(sim, '/pay/micropay');
      const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: sim.phone.mintAuthCode() });
      if (!r.ok) throw new Error(`${kind}: ${r.message}`);
      await until(() => ['PAID', 'REVOKED', 'FAILED'].includes(state(r.value) ?? ''), 200);
      expect(journal(sim, '/pay/micropay') - before).toBe(1);
      // FAILED only where WeChat holds no order at all (the fault refused the micropay unprocessed).
      const gw = sim.orders().find((o) => o.outTradeNo === r.value.outTradeNo);
      expect(state(r.value)).toBe(gw === undefined ? 'FAILED' : gw.state === 'SUCCESS' ? 'PAID' : 'REVOKED');
    }
    expect(checkInvariants(h.store, h.tg.facts(), { settled: true, now: h.clock.now(), boundMs: 600_000 })).toEqual([]);
  });

  it('a refused code (expired, not enough money) is GATEWAY_ERROR in WeChat\'s words; the order, if any, ends reversed', async () => {
    const { sim } = await boot();
    const expired = sim.phone.mintAuthCode();
    await h.clock.advance(61_000);
    const a = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: expired });
    expect(a).toMatchObject({ ok: false, code: 'GATEWAY_ERROR' });
    const poor = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: sim.phone.mintAuthCode({ then: 'notenough' }) });
    expect(poor).toMatchObject({ ok: false, code: 'GATEWAY_ERROR' });
    await h.clock.advance(60_000);
    const states = (h.store.db.prepare(`SELECT state FROM payment_attempts ORDER BY created_at`).all() as { state: string }[]).map((x) => x.state);
    expect(states).toEqual(['FAILED', 'REVOKED']);
    expect(sim.orders().map((o) => o.state)).toEqual(['REVOKED']);
  });

  it('a restart while the customer enters the password resumes: the order is reversed, or paid and recorded', async () => {
    const { sim } = await boot();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code });
    if (!r.ok) throw new Error(r.message);
    await h.clock.advance(1500);
    await h.restart();
    await until(() => state(r.value) === 'REVOKED', 500);
    const code2 = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    const r2 = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: code2 });
    if (!r2.ok) throw new Error(r2.message);
    await h.clock.advance(1500);
    sim.phone.enterPassword(code2);
    await h.restart();
    await until(() => state(r2.value) === 'PAID', 500);
    expect(checkInvariants(h.store, h.tg.facts(), { settled: true, now: h.clock.now(), boundMs: 600_000 })).toEqual([]);
  });

  it('refunds of a quick-pay receipt work like Native ones (issue 12 point 6)', async () => {
    const { sim } = await boot();
    const r = await h.engine.quickPay({ lines: LINES, cashier: 'amy', authCode: sim.phone.mintAuthCode() });
    if (!r.ok) throw new Error(r.message);
    const f = await h.engine.requestRefund({ saleId: r.value.saleId, amountFen: 300, reason: '洒了', approver: MANAGER.approver, managerPin: MANAGER.pin });
    if (!f.ok) throw new Error(f.message);
    await until(() => getReceiptDetail(h.store.db, r.value.saleId, 'Test Shop')?.receipt.refundedFen === 300, 1000);
    const d = getReceiptDetail(h.store.db, r.value.saleId, 'Test Shop');
    expect(d).toMatchObject({ refundableFen: 400, receipt: { status: 'PARTIALLY_REFUNDED', kind: 'MICROPAY' } });
    expect(sim.refunds().map((x) => x.refundFee)).toEqual([300]);
  });
});
