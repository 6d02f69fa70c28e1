import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { createEngine } from '../../../src/core/checkout/engine';
import { classifyFailure } from '../../../src/core/wxpay/classify';
import { checkInvariants, gatewayFacts, type Harness, makeHarness } from './harness';

const LINES = [
  { name: 'Tea', quantity: 2, unitFen: 350 },
  { name: 'Cake', quantity: 1, unitFen: 1200 },
];
const BOUND = 5 * 60_000 + 60_000;

let h: Harness;
afterEach(async () => h?.dispose());

async function charge(): Promise<PaymentView> {
  const r = await h.engine.charge({ lines: LINES, cashier: 'amy' });
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.value;
}
const last = (id: string): PaymentView | undefined => h.events.payments.filter((p) => p.attemptId === id).at(-1);
const auditActions = (): string[] =>
  (h.store.db.prepare('SELECT action FROM audit_log ORDER BY seq').all() as { action: string }[]).map((r) => r.action);
const ok = (): void => expect(checkInvariants(h.store, gatewayFacts(h.gw), { settled: true, now: h.clock.now(), boundMs: BOUND })).toEqual([]);

describe('native checkout', () => {
  it('commits before sending, shows the QR and sees a payment within about a second', async () => {
    h = await makeHarness();
    let committedFirst = false;
    const inner = h.gw.client;
    h.deps.gateway; // the engine calls deps.gateway() per request
    const origUnified = inner.unifiedOrder.bind(inner);
    (inner as { unifiedOrder: typeof inner.unifiedOrder }).unifiedOrder = async (req) => {
      const row = h.store.db.prepare('SELECT state, total_fen FROM payment_attempts WHERE out_trade_no = ?').get(req.outTradeNo) as
        | { state: string; total_fen: number }
        | undefined;
      committedFirst = row?.state === 'CREATED' && row.total_fen === 1900;
      return origUnified(req);
    };
    const v = await charge();
    expect(committedFirst).toBe(true);
    expect(v.status).toBe('waiting');
    expect(v.totalFen).toBe(1900);
    expect(v.codeUrl).toMatch(/^weixin:\/\//);
    expect(v.expiresAt).toBe(h.clock.now() + 10 * 60_000);
    await h.clock.advance(3300);
    expect(h.gw.pay(v.codeUrl!)).toBe(true);
    const paidAt = h.clock.now();
    await h.clock.advance(1000);
    const paid = last(v.attemptId);
    expect(paid?.status).toBe('paid');
    expect(paid?.receipt?.totalFen).toBe(1900);
    expect(paid?.receipt?.paidAfterCancel).toBe(false);
    expect(paid?.receipt?.lines).toHaveLength(2);
    expect(h.clock.now() - paidAt).toBeLessThanOrEqual(1000);
    expect(auditActions()).toEqual(['charge', 'paid']);
    ok();
  });

  it('refuses a sale before recovery finished and rejects bad amounts; one open sale per till', async () => {
    h = await makeHarness();
    expect((await h.engine.charge({ lines: [{ name: 'x', quantity: 0, unitFen: 1 }], cashier: 'a' })).ok).toBe(false);
    const bad = await h.engine.charge({ lines: [{ name: 'x', quantity: 1, unitFen: 0 }], cashier: 'a' });
    expect(!bad.ok && bad.code).toBe('INVALID_AMOUNT');
    await charge();
    const second = await h.engine.charge({ lines: LINES, cashier: 'a' });
    expect(!second.ok && second.code).toBe('SALE_IN_PROGRESS');
  });

  it('cancel hides the QR at once, closes after the 5-minute floor and confirms CLOSED', async () => {
    h = await makeHarness();
    const v = await charge();
    await h.clock.advance(20_000);
    const c = await h.engine.cancelPayment({ attemptId: v.attemptId });
    expect(c.ok && c.value.status).toBe('cancelled');
    expect(c.ok && c.value.codeUrl).toBe(null);
    expect(last(v.attemptId)?.status).toBe('cancelled');
    await h.clock.advance(200_000);
    expect(h.gw.calls.closeOrder).toBe(0);
    const queries = h.gw.calls.orderQuery;
    expect(queries).toBeGreaterThan(60); // still watched
    await h.clock.advance(90_000);
    expect(h.gw.calls.closeOrder).toBe(1);
    const row = h.store.db.prepare('SELECT state, final_at FROM payment_attempts WHERE id = ?').get(v.attemptId) as { state: string };
    expect(row.state).toBe('CLOSED');
    expect([...h.gw.orders.values()][0]!.state).toBe('CLOSED');
    expect(auditActions()).toEqual(['charge', 'cancel', 'close.start', 'close']);
    expect(h.events.alerts).toHaveLength(0);
    ok();
  });

  it('a payment after cancel is kept: flagged receipt and an alert offering a refund', async () => {
    h = await makeHarness();
    const v = await charge();
    await h.engine.cancelPayment({ attemptId: v.attemptId });
    await h.clock.advance(30_000);
    expect(h.gw.pay(v.codeUrl!)).toBe(true);
    await h.clock.advance(1500);
    expect(last(v.attemptId)?.status).toBe('paid');
    expect(last(v.attemptId)?.receipt?.paidAfterCancel).toBe(true);
    expect(h.events.alerts.map((a) => a.kind)).toEqual(['PAID_AFTER_CANCEL']);
    const alerts = await h.engine.getAlerts();
    expect(alerts.ok && alerts.value).toHaveLength(1);
    expect((await h.engine.dismissAlert({ alertId: h.events.alerts[0]!.alertId })).ok).toBe(true);
    const after = await h.engine.getAlerts();
    expect(after.ok && after.value).toHaveLength(0);
    ok();
  });

  it('ORDERPAID on close means paid', async () => {
    h = await makeHarness();
    const v = await charge();
    await h.engine.cancelPayment({ attemptId: v.attemptId });
    // the customer pays between the engine's query and its closeorder
    const inner = h.gw.client as { closeOrder: typeof h.gw.client.closeOrder };
    const orig = inner.closeOrder.bind(inner);
    inner.closeOrder = async (req) => {
      h.gw.pay(v.codeUrl!);
      return orig(req);
    };
    await h.clock.advance(301_000);
    expect(last(v.attemptId)?.status).toBe('paid');
    expect(last(v.attemptId)?.receipt?.paidAfterCancel).toBe(true);
    ok();
  });

  it('expiry: status expired, closed after time_expire, bound respected', async () => {
    h = await makeHarness();
    const v = await charge();
    await h.clock.advance(10 * 60_000 + 2000);
    expect(h.events.payments.filter((p) => p.attemptId === v.attemptId).map((p) => p.status)).toContain('expired');
    const row = h.store.db.prepare('SELECT state, final_at FROM payment_attempts').get() as { state: string; final_at: number };
    expect(row.state).toBe('CLOSED');
    expect(row.final_at).toBeLessThanOrEqual(v.expiresAt! + 5000);
    const next = await h.engine.charge({ lines: LINES, cashier: 'amy' });
    expect(next.ok).toBe(true);
    ok();
  });

  it('a lost unifiedorder request: query says ORDERNOTEXIST, the same order is sent again', async () => {
    h = await makeHarness();
    h.gw.script('lost-request');
    const v = await charge();
    expect(v.status).toBe('unknown');
    expect(v.codeUrl).toBe(null);
    await h.clock.advance(2000);
    const w = last(v.attemptId)!;
    expect(w.status).toBe('waiting');
    expect(w.codeUrl).not.toBe(null);
    expect(h.gw.orders.size).toBe(1);
    expect(h.gw.calls.unifiedOrder).toBe(2);
    h.gw.pay(w.codeUrl!);
    await h.clock.advance(1000);
    expect(last(v.attemptId)?.status).toBe('paid');
    ok();
  });

  it('a lost unifiedorder response: query says NOTPAY, re-entry with identical parameters returns a code_url', async () => {
    h = await makeHarness();
    h.gw.script('lost-response');
    const v = await charge();
    expect(v.status).toBe('unknown');
    await h.clock.advance(2000);
    const w = last(v.attemptId)!;
    expect(w.status).toBe('waiting');
    expect(h.gw.orders.size).toBe(1);
    expect([...h.gw.orders.values()][0]!.codeUrls).toHaveLength(2);
    ok();
  });

  it('retry-same answers are resent with the same out_trade_no', async () => {
    h = await makeHarness();
    h.gw.script('systemerror', 'refused');
    const v = await charge();
    expect(v.status).toBe('waiting');
    expect(h.gw.calls.unifiedOrder).toBe(3);
    expect(h.gw.orders.size).toBe(1);
  });

  it('a SUCCESS whose total_fee differs never becomes a receipt', async () => {
    h = await makeHarness();
    const v = await charge();
    const inner = h.gw.client as { orderQuery: typeof h.gw.client.orderQuery };
    const orig = inner.orderQuery.bind(inner);
    inner.orderQuery = async (ref) => {
      const out = await orig(ref);
      return out.kind === 'ok' ? { kind: 'ok', value: { ...out.value, tradeState: 'SUCCESS', transactionId: 'T1', totalFee: 1 } } : out;
    };
    await h.clock.advance(1500);
    // Issue 10 point 4: a contradicting answer is never final (it was FAILED before): the attempt stays
    // open and unknown on screen, alerted once, and is asked again (test/unit/engine/truthful-payment.test.ts).
    expect(last(v.attemptId)?.status).toBe('waiting');
    expect(last(v.attemptId)?.connection).toMatchObject({ ok: false, trouble: 'CONTRADICTS' });
    expect(h.store.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 0 });
    expect(h.events.alerts).toHaveLength(1);
  });

  it('polls about once a second in the first minute, then every 5 s, one query in flight', async () => {
    h = await makeHarness();
    let inFlight = 0;
    let maxInFlight = 0;
    const inner = h.gw.client as { orderQuery: typeof h.gw.client.orderQuery };
    const orig = inner.orderQuery.bind(inner);
    inner.orderQuery = async (ref) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await h.clock.sleep(400);
      const out = await orig(ref);
      inFlight--;
      return out;
    };
    await charge();
    await h.clock.advance(60_000);
    const fast = h.gw.calls.orderQuery;
    expect(fast).toBeGreaterThanOrEqual(40);
    expect(fast).toBeLessThanOrEqual(61);
    await h.clock.advance(60_000);
    expect(h.gw.calls.orderQuery - fast).toBeLessThanOrEqual(13);
    expect(maxInFlight).toBe(1);
  });

  it('recovery resumes open attempts before ready(), reporting progress', async () => {
    h = await makeHarness();
    const v = await charge();
    // crash-like stop, then the customer pays while the till is down
    await h.engine.stop();
    h.gw.pay(v.codeUrl!);
    await h.clock.advance(2000);
    await h.restart();
    const rec = await h.engine.getRecovery();
    expect(rec.ok && rec.value.finished).toBe(true);
    expect(rec.ok && rec.value.total).toBe(1);
    expect(h.events.recovery.at(-1)?.done).toBe(1);
    expect(h.store.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 1 });
    // Paid before the restart, but the till never showed it as paid (the restart cancelled the QR):
    // the cashier may have taken cash meanwhile, so the receipt is flagged and an alert raised.
    expect(h.store.db.prepare('SELECT paid_after_cancel AS f FROM receipts').get()).toEqual({ f: 1 });
    expect(h.events.alerts.map((a) => a.kind)).toEqual(['PAID_AFTER_CANCEL']);
    ok();
  });

  it('a payment made seconds before the cancel, first seen after it, is flagged (the till never showed it paid)', async () => {
    h = await makeHarness();
    const t0 = h.clock.now();
    const v = await charge();
    // Past the first minute the till polls every 5 s. The customer pays right after one query...
    const inner = h.gw.client as { orderQuery: typeof h.gw.client.orderQuery };
    const orig = inner.orderQuery.bind(inner);
    let paidAt: number | null = null;
    inner.orderQuery = async (ref) => {
      const out = await orig(ref);
      if (paidAt === null && h.clock.now() >= t0 + 65_000) {
        expect(h.gw.pay(v.codeUrl!)).toBe(true);
        paidAt = h.clock.now();
      }
      return out; // ...so this answer still says NOTPAY
    };
    await h.clock.advance(66_000);
    expect(paidAt).not.toBe(null);
    // ...and 3 s later the cashier, still seeing "waiting", cancels (and takes cash).
    await h.clock.advance(paidAt! + 3000 - h.clock.now());
    expect(last(v.attemptId)?.status).not.toBe('paid');
    await h.engine.cancelPayment({ attemptId: v.attemptId });
    await h.clock.advance(5000);
    expect(last(v.attemptId)?.status).toBe('paid');
    expect(last(v.attemptId)?.receipt?.paidAfterCancel).toBe(true);
    expect(h.events.alerts.map((a) => a.kind)).toEqual(['PAID_AFTER_CANCEL']);
    ok();
  });

  it('a QR left open by a restart is cancelled; paying it later gives a flagged receipt', async () => {
    h = await makeHarness();
    const v = await charge();
    await h.clock.advance(5000);
    await h.restart();
    const after = await h.engine.getPayment({ attemptId: v.attemptId });
    expect(after.ok && after.value.status).toBe('cancelled');
    expect((await h.engine.charge({ lines: LINES, cashier: 'amy' })).ok).toBe(true); // no longer blocks the till
    await h.clock.advance(2000);
    h.gw.pay(v.codeUrl!);
    await h.clock.advance(1500);
    expect(last(v.attemptId)?.receipt?.paidAfterCancel).toBe(true);
    ok();
  });

  it('charge and refund say NOT_READY until recovery has finished', async () => {
    h = await makeHarness();
    const v = await charge();
    // The gateway cannot answer: recovery cannot resolve the open attempt. Only faults that never
    // answer (a 'slow' fault answers late, which would let recovery finish).
    h.gw.faultRate = 1;
    h.gw.faultKinds = ['refused', 'systemerror', 'lost-request'];
    await h.engine.stop();
    const fresh = createEngine(h.deps);
    const started = fresh.start();
    await h.clock.advance(30_000);
    expect(fresh.ready()).toBe(false);
    const r = await fresh.charge({ lines: LINES, cashier: 'amy' });
    expect(!r.ok && r.code).toBe('NOT_READY');
    const rec = await fresh.getRecovery();
    expect(rec.ok && rec.value).toMatchObject({ total: 1, done: 0, finished: false });
    expect(rec.ok && rec.value.items[0]?.outNo).toBe(v.outTradeNo);
    h.gw.faultRate = 0;
    await h.clock.advance(15_000);
    await started;
    expect(fresh.ready()).toBe(true);
    await fresh.stop();
  });

  it.each([
    ['order not created, unifiedorder outcome unknown', 'lost-request', 'unknown'],
    ['order exists, re-entry answered with a fix', 'lost-response', 'fix'],
    ['order exists, re-entry outcome unknown', 'lost-response', 'unknown'],
  ] as const)('backoff grows on the unifiedorder paths: %s -> at most 1 request/s', async (_name, first, then) => {
    h = await makeHarness({ random: () => 0.5 });
    h.gw.script(first);
    const inner = h.gw.client as { unifiedOrder: typeof h.gw.client.unifiedOrder };
    const orig = inner.unifiedOrder.bind(inner);
    inner.unifiedOrder = async (req) => {
      if (h.gw.calls.unifiedOrder === 0) return orig(req); // the charge's own send meets the scripted fault
      h.gw.calls.unifiedOrder++;
      return then === 'fix'
        ? { kind: 'fix', code: 'PARAM_ERROR', message: 'bad parameter' }
        : { kind: 'unknown', code: 'ETIMEDOUT', message: 'read timeout' };
    };
    const v = await charge();
    expect(v.status).toBe('unknown');
    const requests = (): number => h.gw.calls.unifiedOrder + h.gw.calls.orderQuery;
    const before = requests();
    await h.clock.advance(120_000);
    const perSecond = (requests() - before) / 120;
    expect(perSecond).toBeLessThanOrEqual(1);
    expect(h.gw.calls.unifiedOrder).toBeGreaterThan(2); // still trying
    const row = h.store.db.prepare('SELECT state FROM payment_attempts WHERE id = ?').get(v.attemptId) as { state: string };
    expect(row.state).toBe('UNKNOWN');
  });

  it('OUT_TRADE_NO_USED / INVALID_REQUEST (classified fix) mean the order may exist: resolved by query, never FAILED', async () => {
    h = await makeHarness();
    const inner = h.gw.client as { unifiedOrder: typeof h.gw.client.unifiedOrder };
    const orig = inner.unifiedOrder.bind(inner);
    const answers = [
      classifyFailure('unifiedorder', 'SYSTEMERROR', '系统超时'), // processed, but answered "try again"
      classifyFailure('unifiedorder', 'OUT_TRADE_NO_USED', '商户订单号重复'),
    ];
    expect(answers[1]!.kind).toBe('fix');
    inner.unifiedOrder = async (req) => {
      const out = await orig(req);
      return answers.shift() ?? out;
    };
    const r = await h.engine.charge({ lines: LINES, cashier: 'amy' });
    expect(r.ok && r.value.status).toBe('unknown');
    if (!r.ok) return;
    await h.clock.advance(2000);
    const w = last(r.value.attemptId)!;
    expect(w.status).toBe('waiting'); // the query found the order; re-entry handed out its code_url
    expect(h.gw.orders.size).toBe(1);
    h.gw.pay(w.codeUrl!);
    await h.clock.advance(1000);
    expect(last(r.value.attemptId)?.status).toBe('paid');
    expect(auditActions()).not.toContain('failed');
    ok();
  });

  it('the close floor counts from the send that created the order, not from the sale', async () => {
    h = await makeHarness({ random: () => 0.5 });
    const t0 = h.clock.now();
    // unifiedorder requests are lost for two minutes; then one gets through and creates the order
    const inner = h.gw.client as { unifiedOrder: typeof h.gw.client.unifiedOrder };
    const orig = inner.unifiedOrder.bind(inner);
    inner.unifiedOrder = async (req) => {
      if (h.clock.now() < t0 + 120_000) {
        h.gw.calls.unifiedOrder++;
        return { kind: 'unknown', code: 'ETIMEDOUT', message: 'read timeout' };
      }
      return orig(req);
    };
    const v = await charge();
    await h.clock.advance(135_000);
    const created = [...h.gw.orders.values()][0]!.createdAt;
    expect(created).toBeGreaterThanOrEqual(t0 + 120_000);
    await h.engine.cancelPayment({ attemptId: v.attemptId });
    // the sale's own 5 minutes pass: no closeorder yet (the gateway would refuse it)
    await h.clock.advance(created + 300_000 - h.clock.now() - 1000);
    expect(h.gw.calls.closeOrder).toBe(0);
    await h.clock.advance(15_000);
    expect(h.gw.calls.closeOrder).toBe(1); // once, accepted
    const row = h.store.db.prepare('SELECT state FROM payment_attempts WHERE id = ?').get(v.attemptId) as { state: string };
    expect(row.state).toBe('CLOSED');
    ok();
  });

  it('getPayment and NOT_FOUND', async () => {
    h = await makeHarness();
    const v = await charge();
    const g = await h.engine.getPayment({ attemptId: v.attemptId });
    expect(g.ok && g.value.outTradeNo).toBe(v.outTradeNo);
    const n = await h.engine.getPayment({ attemptId: 'nope' });
    expect(!n.ok && n.code).toBe('NOT_FOUND');
  });
});
