// Issue 10 points 4, 5 and 7 as named table cases: each scenario is driven through the engine against
// the fake gateway on a virtual clock, and ends with the attempt's state, the text the payment screen
// shows (renderer lib/payment-notice + the en / zh-CN dictionaries), the alerts raised and the calls made.
// Replay: TRUTHFUL_SEED=<seed> npx vitest run test/unit/engine/truthful-payment.test.ts
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { seededRandom } from '../../../src/common/random';
import type { OrderQueryResult, Outcome } from '../../../src/core/wxpay/types';
import { translator } from '../../../src/renderer/src/i18n/i18n';
import { paymentNotice } from '../../../src/renderer/src/lib/payment-notice';
import { dayTotals, getReceiptDetail } from '../../../src/core/store/history';
import { checkInvariants, gatewayFacts, type Harness, makeHarness } from './harness';

const SEED = Number(process.env.TRUTHFUL_SEED ?? 20261010);
console.log(`[seed] truthful-payment seed=${SEED} replay: TRUTHFUL_SEED=${SEED} npx vitest run test/unit/engine/truthful-payment.test.ts`);

const LINES = [{ name: 'Tea', quantity: 2, unitFen: 950 }]; // 1900 fen
const TOTAL = 1900;
const EXPIRE_MS = 10 * 60_000;
const BOUND = 5 * 60_000 + 60_000;

let h: Harness;
afterEach(async () => h?.dispose());

const en = translator('en');
const zh = translator('zh-CN');
const screen = (v: PaymentView, t = en): string => {
  const n = paymentNotice(v);
  return t(n.key, n.params);
};

async function charge(): Promise<PaymentView> {
  const r = await h.engine.charge({ lines: LINES, cashier: 'amy' });
  if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  return r.value;
}
const view = async (id: string): Promise<PaymentView> => {
  const r = await h.engine.getPayment({ attemptId: id });
  if (!r.ok) throw new Error(r.message);
  return r.value;
};
const stateOf = (id: string): string =>
  (h.store.db.prepare('SELECT state FROM payment_attempts WHERE id = ?').get(id) as { state: string }).state;
const receipts = (): { transaction_id: string; refunded_fen: number }[] =>
  h.store.db.prepare('SELECT transaction_id, refunded_fen FROM receipts ORDER BY paid_at').all() as { transaction_id: string; refunded_fen: number }[];
const alertKinds = (): string[] => h.events.alerts.map((a) => a.kind);
const invariantsHold = (): void =>
  expect(checkInvariants(h.store, gatewayFacts(h.gw), { settled: true, now: h.clock.now(), boundMs: BOUND })).toEqual([]);

type QueryRewrite = (out: Outcome<OrderQueryResult>) => Outcome<OrderQueryResult>;
/** Every orderquery answer passes through the current rewrite (null: the gateway's own answer). */
function rewriteQueries(): { set(f: QueryRewrite | null): void } {
  const inner = h.gw.client as { orderQuery: typeof h.gw.client.orderQuery };
  const orig = inner.orderQuery.bind(inner);
  let rewrite: QueryRewrite | null = null;
  inner.orderQuery = async (ref) => {
    const out = await orig(ref);
    return rewrite ? rewrite(out) : out;
  };
  return { set: (f) => void (rewrite = f) };
}
const unreachable: QueryRewrite = () => ({ kind: 'unknown', code: 'ETIMEDOUT', message: 'read timeout' });

interface Outcome4 {
  readonly state: string;
  readonly text: string;
  readonly alerts: readonly string[];
}

interface Case {
  readonly name: string;
  /** Runs the scenario; returns what is checked against `want`. */
  run(): Promise<Outcome4 & { readonly extra?: () => void | Promise<void> }>;
  readonly want: Outcome4;
  /** Harness options for this case (default: the fake gateway's defaults). */
  readonly gateway?: { readonly refundDelayMs?: number };
}

const CASES: readonly Case[] = [
  {
    name: 'point 4: gateway unreachable past expiry is "cannot reach", never "Expired, not paid"; then closes truthfully',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      q.set(unreachable);
      await h.clock.advance(EXPIRE_MS + 60_000);
      const during = await view(v.attemptId);
      expect(during.status).toBe('expired'); // the status itself does not move backwards for the screen...
      expect(during.watching).toBe(true);
      expect(during.connection).toMatchObject({ ok: false, trouble: 'UNREACHABLE' });
      const failures = during.connection.ok ? 0 : during.connection.failures;
      expect(failures).toBeGreaterThan(10);
      // ...but the screen says what is known, in both languages, with the count.
      expect(screen(during)).toBe(`Cannot reach WeChat Pay, retried ${failures} times — do not charge again`);
      expect(screen(during, zh)).toBe(`无法连接微信支付，已重试 ${failures} 次——请勿再次收款`);
      expect(screen(during)).not.toContain('Expired, not paid');
      expect(paymentNotice(during).watching).toBe(true);
      const closesBefore = h.gw.calls.closeOrder;
      expect(closesBefore).toBe(0); // the query comes first in CLOSING: no close on a blind
      q.set(null);
      await h.clock.advance(60_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(after.connection).toEqual({ ok: true });
          expect(after.watching).toBe(false);
          expect(h.gw.calls.closeOrder).toBe(1);
        },
      };
    },
    want: { state: 'CLOSED', text: 'Expired, not paid', alerts: [] },
  },
  {
    name: 'point 4: a cancel not yet confirmed says the customer may still pay, and keeps watching until CLOSED by query',
    async run() {
      const v = await charge();
      await h.clock.advance(20_000);
      const c = await h.engine.cancelPayment({ attemptId: v.attemptId });
      if (!c.ok) throw new Error(c.message);
      expect(screen(c.value)).toBe('Cancel not confirmed — the customer may still pay this code');
      expect(screen(c.value, zh)).toBe('取消尚未确认——顾客仍可能支付此二维码');
      expect(paymentNotice(c.value).watching).toBe(true);
      expect(c.value.codeUrl).toBeNull();
      await h.clock.advance(200_000); // within the 5-minute close floor: still not confirmed
      const mid = await view(v.attemptId);
      expect(mid.watching).toBe(true);
      expect(screen(mid)).toBe('Cancel not confirmed — the customer may still pay this code');
      await h.clock.advance(120_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(after.watching).toBe(false);
          expect(paymentNotice(after).watching).toBe(false);
          expect(h.gw.calls.closeOrder).toBe(1);
        },
      };
    },
    want: { state: 'CLOSED', text: 'Cancelled', alerts: [] },
  },
  {
    name: 'point 4: a SUCCESS whose total_fee contradicts the order stays open, alerts once, re-queries with backoff, then pays',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      q.set((out) => (out.kind === 'ok' ? { kind: 'ok', value: { ...out.value, tradeState: 'SUCCESS', transactionId: 'T1', totalFee: 1 } } : out));
      const queriesBefore = h.gw.calls.orderQuery;
      await h.clock.advance(120_000);
      const during = await view(v.attemptId);
      expect(stateOf(v.attemptId)).toBe('NOTPAY'); // never FAILED, never PAID
      expect(during.connection).toMatchObject({ ok: false, trouble: 'CONTRADICTS' });
      expect(screen(during)).toBe("WeChat Pay's answer does not match this sale, outcome unknown — do not charge again; the manager is alerted");
      const asked = h.gw.calls.orderQuery - queriesBefore;
      expect(asked).toBeGreaterThan(10); // re-queried...
      expect(asked).toBeLessThan(120); // ...with backoff, not at the 1 s poll rate
      expect(receipts()).toHaveLength(0);
      q.set(null);
      expect(h.gw.pay(v.codeUrl!)).toBe(true);
      await h.clock.advance(15_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(after.connection).toEqual({ ok: true });
          expect(receipts()).toHaveLength(1);
          invariantsHold();
        },
      };
    },
    want: { state: 'PAID', text: 'Paid', alerts: ['AMOUNT_MISMATCH'] },
  },
  {
    name: 'point 4: an answer naming another out_trade_no is never applied',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      q.set((out) => (out.kind === 'ok' ? { kind: 'ok', value: { ...out.value, outTradeNo: 'SOMEONE-ELSE', tradeState: 'CLOSED' } } : out));
      await h.clock.advance(30_000);
      const during = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(during),
        alerts: alertKinds(),
        extra: () => {
          expect(h.gw.calls.closeOrder).toBe(0);
          expect(during.watching).toBe(true);
        },
      };
    },
    want: {
      state: 'NOTPAY',
      text: "WeChat Pay's answer does not match this sale, outcome unknown — do not charge again; the manager is alerted",
      alerts: ['AMOUNT_MISMATCH'],
    },
  },
  {
    name: 'point 4: trade_state PAYERROR is confirmed by closeorder + query; a payment that lands meanwhile is not lost',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      let lies = 1;
      q.set((out) => (out.kind === 'ok' && lies-- > 0 ? { kind: 'ok', value: { ...out.value, tradeState: 'PAYERROR', tradeStateDesc: '支付失败' } } : out));
      await h.clock.advance(5_000);
      expect(stateOf(v.attemptId)).toBe('CLOSING'); // not final on the gateway's word alone
      expect((await view(v.attemptId)).watching).toBe(true);
      h.gw.orders.get(v.outTradeNo)!.state = 'NOTPAY';
      expect(h.gw.pay(v.codeUrl!)).toBe(true); // the customer pays after the PAYERROR answer
      await h.clock.advance(20_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(receipts()).toHaveLength(1);
          invariantsHold();
        },
      };
    },
    want: { state: 'PAID', text: 'Paid', alerts: [] },
  },
  {
    name: 'point 4: trade_state CLOSED before any cancel is final only after our closeorder and a query',
    async run() {
      const v = await charge();
      await h.clock.advance(2_000);
      h.gw.orders.get(v.outTradeNo)!.state = 'CLOSED'; // closed at the gateway by someone else
      await h.clock.advance(10_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(h.gw.calls.closeOrder).toBe(1); // answered ORDERCLOSED, then the query confirmed
          expect(after.watching).toBe(false);
        },
      };
    },
    want: { state: 'CLOSED', text: 'Expired, not paid', alerts: [] },
  },
  {
    name: 'point 4: a closeorder acknowledged without closing confirms nothing: a later PAYERROR still needs its own close',
    async run() {
      const q = rewriteQueries();
      const inner = h.gw.client as { closeOrder: typeof h.gw.client.closeOrder };
      const realClose = inner.closeOrder.bind(inner);
      let silent = 1;
      let sent = 0;
      inner.closeOrder = async (req) => {
        sent++;
        return silent-- > 0 ? { kind: 'ok', value: { closed: true } } : realClose(req); // SUCCESS, order stays NOTPAY
      };
      const v = await charge();
      await h.engine.cancelPayment({ attemptId: v.attemptId });
      await h.clock.advance(5 * 60_000 + 500); // floor passed: CLOSING, the silent close, the order still NOTPAY
      expect(sent).toBe(1);
      expect(stateOf(v.attemptId)).toBe('CLOSING');
      let lies = 1;
      q.set((out) => (out.kind === 'ok' && out.value.tradeState === 'NOTPAY' && lies-- > 0 ? { kind: 'ok', value: { ...out.value, tradeState: 'PAYERROR' } } : out));
      await h.clock.advance(10_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(sent).toBe(2); // the PAYERROR answer was confirmed by a close of its own
          expect(h.gw.orders.get(v.outTradeNo)!.state).toBe('CLOSED');
        },
      };
    },
    want: { state: 'CLOSED', text: 'Cancelled', alerts: [] },
  },
  {
    name: 'point 5: paid and fully refunded on the merchant platform before the till saw it: recorded as refunded, no "refund the customer" alert',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      q.set(unreachable);
      await h.clock.advance(3_000);
      await h.engine.cancelPayment({ attemptId: v.attemptId }); // the cashier gave up; the customer paid anyway
      expect(h.gw.pay(v.codeUrl!)).toBe(true);
      await h.clock.advance(61_000);
      const rf = await h.gw.client.refund({ outTradeNo: v.outTradeNo, outRefundNo: 'MP-REFUND-1', totalFee: TOTAL, refundFee: TOTAL });
      expect(rf.kind).toBe('ok');
      await h.clock.advance(10_000); // the platform's refund has succeeded by now
      q.set(null);
      await h.clock.advance(15_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(after.receipt).toMatchObject({ totalFen: TOTAL, refundedFen: TOTAL, status: 'REFUNDED', paidAfterCancel: true });
          const rows = h.store.db.prepare('SELECT out_refund_no, amount_fen, state, approver, reason FROM refunds').all();
          expect(rows).toEqual([
            { out_refund_no: 'MP-REFUND-1', amount_fen: TOTAL, state: 'SUCCESS', approver: 'merchant-platform', reason: 'refunded on the merchant platform' },
          ]);
          const audit = h.store.db.prepare("SELECT subject, detail FROM audit_log WHERE action = 'refund.outside'").all() as { subject: string; detail: string }[];
          expect(audit).toHaveLength(1);
          expect(audit[0]!.subject).toBe('MP-REFUND-1');
          expect(JSON.parse(audit[0]!.detail)).toMatchObject({ reason: 'refunded on the merchant platform', amountFen: TOTAL, status: 'SUCCESS' });
          expect(h.gw.calls.refundQuery).toBe(1);
          // Day totals and the receipt's refundable amount follow.
          const day = dayTotals(h.store.db, 0, h.clock.now() + 1, 'LIVE');
          expect(day).toMatchObject({ count: 1, paidFen: TOTAL, refundedFen: TOTAL, netFen: 0 });
          const detail = getReceiptDetail(h.store.db, v.saleId, 'Test Shop');
          expect(detail?.refundableFen).toBe(0);
          expect(detail?.refunds.map((r) => [r.status, r.approver])).toEqual([['refunded', 'merchant-platform']]);
          // Nothing is left to refund from the till.
          const more = h.engine.requestRefund({ saleId: v.saleId, amountFen: 1, reason: 'x', approver: 'mgr', managerPin: '2468' });
          return more.then((r) => expect(!r.ok && r.code).toBe('REFUND_EXCEEDS_REFUNDABLE'));
        },
      };
    },
    want: { state: 'PAID', text: 'Paid', alerts: [] },
  },
  {
    name: 'point 5: partly refunded outside, still processing: recorded, watched to SUCCESS, and only the rest is alerted',
    async run() {
      const q = rewriteQueries();
      const v = await charge();
      q.set(unreachable);
      await h.clock.advance(3_000);
      await h.engine.cancelPayment({ attemptId: v.attemptId });
      expect(h.gw.pay(v.codeUrl!)).toBe(true);
      await h.clock.advance(1_000);
      expect((await h.gw.client.refund({ outTradeNo: v.outTradeNo, outRefundNo: 'MP-PART', totalFee: TOTAL, refundFee: 500 })).kind).toBe('ok');
      q.set(null);
      await h.clock.advance(15_000);
      expect(stateOf(v.attemptId)).toBe('PAID');
      const seen = h.store.db.prepare('SELECT out_refund_no, amount_fen, state FROM refunds').all();
      expect(seen).toEqual([{ out_refund_no: 'MP-PART', amount_fen: 500, state: 'PROCESSING' }]); // held, not yet returned
      expect(receipts()[0]!.refunded_fen).toBe(0);
      await h.clock.advance(60_000); // the refund watcher started for it sees SUCCESS
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          const rows = h.store.db.prepare('SELECT out_refund_no, amount_fen, state FROM refunds').all();
          expect(rows).toEqual([{ out_refund_no: 'MP-PART', amount_fen: 500, state: 'SUCCESS' }]);
          expect(receipts()[0]!.refunded_fen).toBe(500);
          expect(h.events.alerts[0]!.amountFen).toBe(TOTAL - 500);
          invariantsHold();
        },
      };
    },
    want: { state: 'PAID', text: 'Paid', alerts: ['PAID_AFTER_CANCEL'] },
    gateway: { refundDelayMs: 40_000 },
  },
  {
    name: 'point 7: a paid order that cannot be written (replayed transaction_id) alerts once, shows on screen, and is written once possible',
    async run() {
      const q = rewriteQueries();
      const replay: QueryRewrite = (out) =>
        out.kind === 'ok' && out.value.tradeState === 'SUCCESS' ? { kind: 'ok', value: { ...out.value, transactionId: '4200000REPLAYED' } } : out;
      q.set(replay);
      const first = await charge();
      h.gw.pay(first.codeUrl!);
      await h.clock.advance(3_000);
      expect(stateOf(first.attemptId)).toBe('PAID');
      const v = await charge();
      h.gw.pay(v.codeUrl!);
      await h.clock.advance(120_000);
      const during = await view(v.attemptId);
      expect(stateOf(v.attemptId)).toBe('NOTPAY');
      expect(during.connection).toMatchObject({ ok: false, trouble: 'NOT_RECORDED' });
      expect(screen(during)).toBe('Paid at WeChat Pay, but the till could not record it — do not charge again; call the manager');
      expect(alertKinds()).toEqual(['PAID_NOT_RECORDED']); // once, for many failed tries
      const stored = h.store.db.prepare("SELECT count(*) AS n FROM alerts WHERE kind = 'PAID_NOT_RECORDED'").get();
      expect(stored).toEqual({ n: 1 }); // written outside the failed transaction, so it stays
      q.set(null);
      await h.clock.advance(15_000);
      const after = await view(v.attemptId);
      return {
        state: stateOf(v.attemptId),
        text: screen(after),
        alerts: alertKinds(),
        extra: () => {
          expect(receipts()).toHaveLength(2);
          expect(after.connection).toEqual({ ok: true });
        },
      };
    },
    want: { state: 'PAID', text: 'Paid', alerts: ['PAID_NOT_RECORDED'] },
  },
];

describe('truthful payment (issue 10 points 4, 5, 7)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      h = await makeHarness({ random: seededRandom(SEED), ...(c.gateway ? { gateway: c.gateway } : {}) });
      const got = await c.run();
      expect({ state: got.state, text: got.text, alerts: got.alerts }).toEqual(c.want);
      await got.extra?.();
    });
  }
});
