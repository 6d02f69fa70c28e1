// Issue 10 points 1 and 2 as named table cases: scenario -> final state, status shown, alerts, calls
// made. Every case runs on the virtual clock with a fixed jitter (random = 0.5), so no seed is needed;
// the gateway is the fake gateway with its refund / refundquery answers scripted per case.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView, RefundStatus } from '../../../src/common/api';
import { refundTotals } from '../../../src/core/store/repos/refund-repo';
import { NOT_THERE_MIN_SPAN_MS } from '../../../src/core/refunds/refund-end-rule';
import { failureOutcome } from '../../../src/core/wxpay/response';
import type { Outcome, RefundQueryRequest, RefundQueryResult, RefundRequest, RefundResult, WxPayClient } from '../../../src/core/wxpay/types';
import { checkInvariants, gatewayFacts, type Harness, MANAGER, makeHarness } from './harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type RefundAnswer = (n: number, req: RefundRequest, real: () => Promise<Outcome<RefundResult>>) => Promise<Outcome<RefundResult>>;
type QueryAnswer = (n: number, req: RefundQueryRequest, real: () => Promise<Outcome<RefundQueryResult>>) => Promise<Outcome<RefundQueryResult>>;

/** Calls the engine made, and the most refund calls it ever had in flight at once. */
interface Calls {
  refund: number;
  refundQuery: number;
  inFlight: number;
  maxInFlight: number;
}

const fail = (errCode: string, errCodeDes: string): Outcome<never> => ({ kind: 'fail', errCode, errCodeDes });
const lostRequest: Outcome<never> = { kind: 'unknown', code: 'READ_TIMEOUT', message: 'no complete answer in time' };
const refused: Outcome<never> = { kind: 'retry-same', code: 'CONNECTION_REFUSED', message: 'connect ECONNREFUSED', notSent: true };

/** The fake gateway's client with refund and refundquery answered by the case's script. */
function scripted(base: WxPayClient, calls: Calls, refund?: RefundAnswer, query?: QueryAnswer): WxPayClient {
  const track = async <T,>(p: () => Promise<T>): Promise<T> => {
    calls.inFlight++;
    calls.maxInFlight = Math.max(calls.maxInFlight, calls.inFlight);
    try {
      return await p();
    } finally {
      calls.inFlight--;
    }
  };
  return {
    ...base,
    refund: (req) => track(() => (refund ? refund(calls.refund++, req, () => base.refund(req)) : (calls.refund++, base.refund(req)))),
    refundQuery: (req) =>
      track(() => (query ? query(calls.refundQuery++, req, () => base.refundQuery(req)) : (calls.refundQuery++, base.refundQuery(req)))),
  };
}

interface Case {
  readonly name: string;
  readonly refund?: RefundAnswer;
  readonly query?: QueryAnswer;
  /** What the request itself answers: its status, or its error code. */
  readonly requested: { status: RefundStatus } | { code: string };
  /** Simulated time after the request. */
  readonly runMs: number;
  readonly finalState: string;
  readonly status: RefundStatus | null; // last refund event's status (null: none after the request)
  readonly message?: RegExp;
  readonly alerts: readonly string[];
  readonly alertText?: RegExp;
  /** Amount still refundable at the end (of a 10,000 fen sale; the refund is 4,000). */
  readonly refundableFen: number;
  /** The gateway's books at the end: refunds it holds for the order. */
  readonly gatewayRefunds: number;
  /** Upper bounds on the calls made over runMs. */
  readonly maxCalls: { refund: number; refundQuery: number };
  /** States the refund must never have been shown in. */
  readonly neverStatus?: readonly RefundStatus[];
}

const CASES: readonly Case[] = [
  {
    name: 'first send lost, then TRADE_OVERDUE for good -> NOT_ACCEPTED after the bound, amount released, alert',
    refund: async (n) => (n === 0 ? lostRequest : fail('TRADE_OVERDUE', '订单已经超过退款期限')),
    requested: { status: 'processing' },
    runMs: DAY,
    finalState: 'NOT_ACCEPTED',
    status: 'not_accepted',
    message: /订单已经超过退款期限/,
    alerts: ['REFUND_NOT_ACCEPTED'],
    alertText: /not accepted by WeChat Pay.*Check on the merchant platform/,
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 40, refundQuery: 40 },
  },
  {
    name: 'first send lost, then USER_ACCOUNT_ABNORMAL for good -> NOT_ACCEPTED',
    refund: async (n) => (n === 0 ? lostRequest : fail('USER_ACCOUNT_ABNORMAL', '退款请求失败')),
    requested: { status: 'processing' },
    runMs: DAY,
    finalState: 'NOT_ACCEPTED',
    status: 'not_accepted',
    alerts: ['REFUND_NOT_ACCEPTED'],
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 40, refundQuery: 40 },
  },
  {
    // The balance is topped up on day 2: the refund must not go through silently then.
    name: 'first send lost, then NOTENOUGH -> balance-low words, NOT_ACCEPTED, never refunded days later',
    refund: async (n, _req, real) => (n === 0 ? lostRequest : toppedUp ? real() : fail('NOTENOUGH', '余额不足')),
    requested: { status: 'processing' },
    runMs: 3 * DAY,
    finalState: 'NOT_ACCEPTED',
    status: 'not_accepted',
    message: /商户可退款余额不足.*merchant balance is too low/,
    alerts: ['REFUND_NOT_ACCEPTED'],
    alertText: /merchant balance was too low: top it up, then refund again/,
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 40, refundQuery: 40 },
  },
  {
    name: 'NOTENOUGH on the only send -> FAILED at once with REFUND_BALANCE_LOW, nothing held',
    refund: async () => fail('NOTENOUGH', '余额不足'),
    requested: { code: 'REFUND_BALANCE_LOW' },
    runMs: DAY,
    finalState: 'FAILED',
    status: 'failed',
    message: /merchant balance is too low/,
    alerts: [],
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 1, refundQuery: 0 },
  },
  {
    name: 'every send refused before leaving the machine (sent:false) -> never SENT, FAILED at once, GATEWAY_UNREACHABLE',
    refund: async () => refused,
    requested: { code: 'GATEWAY_UNREACHABLE' },
    runMs: DAY,
    finalState: 'FAILED',
    status: 'failed',
    message: /Not sent: WeChat Pay could not be reached/,
    alerts: [],
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 3, refundQuery: 0 },
    neverStatus: ['processing'],
  },
  {
    name: 'refused before leaving, then a rejection: still the only send -> FAILED, not held',
    refund: async (n) => (n === 0 ? refused : fail('USER_ACCOUNT_ABNORMAL', '退款请求失败')),
    requested: { code: 'GATEWAY_ERROR' },
    runMs: HOUR,
    finalState: 'FAILED',
    status: 'failed',
    alerts: [],
    refundableFen: 10_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 2, refundQuery: 0 },
    neverStatus: ['processing'],
  },
  {
    name: 'refused before leaving, then accepted -> SUCCESS',
    refund: async (n, _req, real) => (n === 0 ? refused : real()),
    requested: { status: 'processing' },
    runMs: HOUR,
    finalState: 'SUCCESS',
    status: 'refunded',
    alerts: [],
    refundableFen: 6_000,
    gatewayRefunds: 1,
    maxCalls: { refund: 2, refundQuery: 5 },
  },
  {
    name: 'REFUNDNOTEXIST for a while (not indexed yet), then found -> SUCCESS, not ended early',
    refund: async (n, _req, real) => (n === 0 ? (await real(), lostRequest) : real()),
    query: async (n, _req, real) => (n < 4 ? fail('REFUNDNOTEXIST', '退款订单查询失败') : real()),
    requested: { status: 'processing' },
    runMs: HOUR,
    finalState: 'SUCCESS',
    status: 'refunded',
    alerts: [],
    refundableFen: 6_000,
    gatewayRefunds: 1,
    maxCalls: { refund: 6, refundQuery: 10 },
  },
  {
    name: 'REFUNDCLOSE -> closed, alert says the customer was not refunded, amount refundable again',
    refund: async (_n, _req, real) => ((gwOutcome = 'REFUNDCLOSE'), real()),
    requested: { status: 'processing' },
    runMs: HOUR,
    finalState: 'REFUNDCLOSE',
    status: 'closed',
    alerts: ['REFUND_CLOSED'],
    alertText: /the customer was NOT refunded/,
    refundableFen: 10_000,
    gatewayRefunds: 1,
    maxCalls: { refund: 1, refundQuery: 5 },
  },
  {
    name: 'CHANGE (closed bank card) -> change, alert tells the manager exactly what to do, amount stays held',
    refund: async (_n, _req, real) => ((gwOutcome = 'CHANGE'), real()),
    requested: { status: 'processing' },
    runMs: HOUR,
    finalState: 'CHANGE',
    status: 'change',
    alerts: ['REFUND_CHANGE'],
    alertText: /Transactions › Refunds.*handle abnormal refund.*mark it handled here \(manager PIN\)/,
    refundableFen: 6_000,
    gatewayRefunds: 1,
    maxCalls: { refund: 1, refundQuery: 5 },
  },
  {
    // Budget: a bank-card refund WeChat keeps PROCESSING for days.
    name: 'PROCESSING for 3 days (bank card) -> still processing, refundquery within budget every day',
    query: async (_n, req, real) => {
      const out = await real();
      if (out.kind !== 'ok') return out;
      return { kind: 'ok', value: { ...out.value, refunds: out.value.refunds.map((r) => ({ ...r, status: 'PROCESSING' as const })) } };
    },
    requested: { status: 'processing' },
    runMs: 3 * DAY,
    finalState: 'PROCESSING',
    status: 'processing',
    alerts: [],
    refundableFen: 6_000,
    gatewayRefunds: 1,
    maxCalls: { refund: 1, refundQuery: 3 * 300 },
  },
  {
    // Budget: the gateway is unreachable for queries: unknown stays unknown (never failed), and calm.
    name: 'first send lost, refundquery unreachable for a day -> stays processing (unknown), within budget',
    refund: async (n) => (n === 0 ? lostRequest : refused),
    query: async () => lostRequest,
    requested: { status: 'processing' },
    runMs: DAY,
    finalState: 'SENT',
    status: 'processing',
    alerts: [],
    refundableFen: 6_000,
    gatewayRefunds: 0,
    maxCalls: { refund: 1, refundQuery: 300 },
    neverStatus: ['failed', 'not_accepted'],
  },
];

// Per-case switches the scripts read (reset before each case).
let h: Harness;
let calls: Calls;
let toppedUp = false;
let gwOutcome: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE' = 'SUCCESS';
afterEach(async () => h?.dispose());

async function paidSale(): Promise<PaymentView> {
  const r = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen: 10_000 }], cashier: 'amy' });
  if (!r.ok) throw new Error(r.message);
  h.gw.pay(r.value.codeUrl!);
  await h.clock.advance(1000);
  return h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!;
}

const row = (id: string) =>
  h.store.db.prepare('SELECT state, last_reason FROM refunds WHERE id = ?').get(id) as { state: string; last_reason: string | null } | undefined;

describe('refund ends (issue 10 points 1 and 2)', () => {
  it('the client marks pre-send failures notSent (connect refused, TLS before the request), never after-send ones', () => {
    const base = { kind: 'failure', domain: 'primary', attempts: 1 } as const;
    expect(failureOutcome({ ...base, sent: false, code: 'CONNECTION_REFUSED', message: 'x' })).toMatchObject({ kind: 'retry-same', notSent: true });
    expect(failureOutcome({ ...base, sent: false, code: 'TLS_HANDSHAKE_FAILED', message: 'x' })).toMatchObject({ kind: 'fix', notSent: true });
    expect(failureOutcome({ ...base, sent: true, code: 'CONNECTION_RESET', message: 'x' })).not.toHaveProperty('notSent');
  });

  for (const c of CASES) {
    it(c.name, async () => {
      calls = { refund: 0, refundQuery: 0, inFlight: 0, maxInFlight: 0 };
      toppedUp = false;
      gwOutcome = 'SUCCESS';
      h = await makeHarness({ random: () => 0.5, client: (gw) => scripted(gw.client, calls, c.refund, c.query) });
      h.gw.refundOutcome = () => gwOutcome;
      const v = await paidSale();
      const r = await h.engine.requestRefund({ saleId: v.saleId, amountFen: 4000, reason: 'returned', approver: MANAGER.approver, managerPin: MANAGER.pin });
      if ('status' in c.requested) expect(r.ok && r.value.status).toBe(c.requested.status);
      else expect(!r.ok && r.code).toBe(c.requested.code);
      const refundId = r.ok ? r.value.refundId : (h.store.db.prepare('SELECT id FROM refunds').get() as { id: string }).id;

      // Run day by day; the calls of each simulated day stay within the budget.
      let left = c.runMs;
      let before = { refund: calls.refund, refundQuery: calls.refundQuery };
      while (left > 0) {
        const step = Math.min(left, DAY);
        if (c.runMs > DAY && left <= c.runMs - DAY) toppedUp = true; // from day 2 on
        await h.clock.advance(step);
        left -= step;
        const day = { refund: calls.refund - before.refund, refundQuery: calls.refundQuery - before.refundQuery };
        expect(day.refund + day.refundQuery, `calls in one simulated day: ${JSON.stringify(day)}`).toBeLessThanOrEqual(300);
        before = { refund: calls.refund, refundQuery: calls.refundQuery };
      }

      const final = row(refundId)!;
      console.log(`[refund-ends] ${c.name}: ${final.state}, refund ${calls.refund} + refundquery ${calls.refundQuery} calls over ${c.runMs / HOUR} h`);
      expect(final.state).toBe(c.finalState);
      const shown = h.events.refunds.filter((e) => e.refundId === refundId);
      expect(shown.at(-1)?.status ?? null).toBe(c.status);
      if (c.message) expect(shown.at(-1)?.message ?? '').toMatch(c.message);
      for (const s of c.neverStatus ?? []) expect(shown.map((e) => e.status)).not.toContain(s);
      expect(h.events.alerts.map((a) => a.kind)).toEqual(c.alerts);
      if (c.alertText) expect(h.events.alerts.at(-1)?.message).toMatch(c.alertText);
      const receiptId = (h.store.db.prepare('SELECT receipt_id FROM refunds WHERE id = ?').get(refundId) as { receipt_id: string }).receipt_id;
      expect(10_000 - refundTotals(h.store.db, receiptId).reservedFen).toBe(c.refundableFen);
      expect([...h.gw.orders.values()][0]!.refunds).toHaveLength(c.gatewayRefunds);
      expect(calls.refund).toBeLessThanOrEqual(c.maxCalls.refund);
      expect(calls.refundQuery).toBeLessThanOrEqual(c.maxCalls.refundQuery);
      expect(calls.maxInFlight).toBe(calls.refund + calls.refundQuery > 0 ? 1 : 0);
      // Every final state has its audit row (money change or its absence recorded).
      const audits = (h.store.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'refund%' ORDER BY seq").all() as { action: string }[]).map(
        (a) => a.action,
      );
      expect(audits[0]).toBe('refund');
      if (c.finalState === 'NOT_ACCEPTED') expect(audits).toContain('refund.not-accepted');
      if (c.finalState === 'FAILED') expect(audits).toContain('refund.failed');
      const open = c.finalState === 'SENT' || c.finalState === 'PROCESSING';
      expect(checkInvariants(h.store, gatewayFacts(h.gw), { settled: !open, now: h.clock.now(), boundMs: 2 * HOUR })).toEqual([]);
    });
  }

  it(`NOT_ACCEPTED needs the whole bound: not before ${NOT_THERE_MIN_SPAN_MS / 60_000} min of not-there answers`, async () => {
    calls = { refund: 0, refundQuery: 0, inFlight: 0, maxInFlight: 0 };
    h = await makeHarness({ random: () => 0.5, client: (gw) => scripted(gw.client, calls, async (n) => (n === 0 ? lostRequest : fail('NOTENOUGH', '余额不足'))) });
    const v = await paidSale();
    const r = await h.engine.requestRefund({ saleId: v.saleId, amountFen: 4000, reason: 'x', approver: MANAGER.approver, managerPin: MANAGER.pin });
    if (!r.ok) throw new Error(r.message);
    await h.clock.advance(NOT_THERE_MIN_SPAN_MS - 60_000);
    expect(row(r.value.refundId)?.state).toBe('SENT');
    expect(h.events.alerts).toHaveLength(0);
    // Survives a restart: the run of not-there answers is persisted (migration 004).
    await h.restart();
    await h.clock.advance(2 * HOUR);
    expect(row(r.value.refundId)?.state).toBe('NOT_ACCEPTED');
    expect(h.events.alerts.map((a) => a.kind)).toEqual(['REFUND_NOT_ACCEPTED']);
  });

  it('CHANGE: the manager marks it handled (PIN, audited), the alert ends, WeChat still counts the amount', async () => {
    calls = { refund: 0, refundQuery: 0, inFlight: 0, maxInFlight: 0 };
    gwOutcome = 'CHANGE';
    h = await makeHarness({ random: () => 0.5, client: (gw) => scripted(gw.client, calls) });
    h.gw.refundOutcome = () => gwOutcome;
    const v = await paidSale();
    const r = await h.engine.requestRefund({ saleId: v.saleId, amountFen: 4000, reason: 'x', approver: MANAGER.approver, managerPin: MANAGER.pin });
    if (!r.ok) throw new Error(r.message);
    const early = await h.engine.markRefundHandled({ refundId: r.value.refundId, approver: MANAGER.approver, managerPin: MANAGER.pin });
    expect(!early.ok && early.code).toBe('NOT_FOUND'); // still processing: nothing to handle yet
    await h.clock.advance(HOUR);
    expect(row(r.value.refundId)?.state).toBe('CHANGE');
    expect((await h.engine.getAlerts()).ok && (await h.engine.getAlerts())).toMatchObject({ value: [{ kind: 'REFUND_CHANGE' }] });

    const wrong = await h.engine.markRefundHandled({ refundId: r.value.refundId, approver: MANAGER.approver, managerPin: '0000' });
    expect(!wrong.ok && wrong.code).toBe('PIN_WRONG');
    const done = await h.engine.markRefundHandled({ refundId: r.value.refundId, approver: MANAGER.approver, managerPin: MANAGER.pin });
    expect(done.ok && done.value.status).toBe('change_handled');
    expect(h.events.refunds.at(-1)?.status).toBe('change_handled');
    const again = await h.engine.markRefundHandled({ refundId: r.value.refundId, approver: MANAGER.approver, managerPin: MANAGER.pin });
    expect(!again.ok && again.code).toBe('NOT_FOUND');

    const alerts = await h.engine.getAlerts();
    expect(alerts.ok && alerts.value).toEqual([]);
    const audit = h.store.db.prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'refund.change.handled'").all() as {
      actor: string;
      subject: string;
      detail: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: MANAGER.approver, subject: r.value.outRefundNo });
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ amountFen: 4000, approver: MANAGER.approver });
    // WeChat counts a CHANGE refund against the order: the till does not offer that money again.
    const receiptId = (h.store.db.prepare('SELECT receipt_id FROM refunds WHERE id = ?').get(r.value.refundId) as { receipt_id: string }).receipt_id;
    expect(10_000 - refundTotals(h.store.db, receiptId).reservedFen).toBe(6000);
    await h.clock.advance(61_000);
    const tooMuch = await h.engine.requestRefund({ saleId: v.saleId, amountFen: 6001, reason: 'x', approver: MANAGER.approver, managerPin: MANAGER.pin });
    expect(!tooMuch.ok && tooMuch.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    expect(calls.refund).toBe(1); // marking handled calls nobody
    expect(checkInvariants(h.store, gatewayFacts(h.gw), { settled: true, now: h.clock.now(), boundMs: 2 * HOUR })).toEqual([]);
  });
});
