import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { checkInvariants, gatewayFacts, type Harness, MANAGER, makeHarness } from './harness';

let h: Harness;
afterEach(async () => h?.dispose());
const BOUND = 6 * 60_000;
const ok = (): void => expect(checkInvariants(h.store, gatewayFacts(h.gw), { settled: true, now: h.clock.now(), boundMs: BOUND })).toEqual([]);

async function paidSale(unitFen = 10_000): Promise<PaymentView> {
  const r = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen }], cashier: 'amy' });
  if (!r.ok) throw new Error(r.message);
  h.gw.pay(r.value.codeUrl!);
  await h.clock.advance(1000);
  const v = h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!;
  expect(v.status).toBe('paid');
  return v;
}
const refund = (saleId: string, amountFen: number, pin = MANAGER.pin) =>
  h.engine.requestRefund({ saleId, amountFen, reason: 'returned', approver: MANAGER.approver, managerPin: pin });
const receiptRefunded = (saleId: string): number =>
  (h.store.db.prepare('SELECT refunded_fen FROM receipts WHERE sale_id = ?').get(saleId) as { refunded_fen: number }).refunded_fen;

describe('refunds', () => {
  it('a receipt taken in the other mode is never refunded through this mode\'s gateway', async () => {
    let mode: 'LIVE' | 'SANDBOX' = 'SANDBOX';
    h = await makeHarness({ engine: { mode: () => mode } });
    const v = await paidSale();
    mode = 'LIVE';
    const r = await refund(v.saleId, 100);
    expect(!r.ok && r.code).toBe('MODE_MISMATCH');
    expect(h.gw.calls.refund).toBe(0);
    expect(h.store.db.prepare('SELECT COUNT(*) AS n FROM refunds').get()).toEqual({ n: 0 });
    mode = 'SANDBOX';
    expect((await refund(v.saleId, 100)).ok).toBe(true);
  });

  it('partial then full: committed before sending, PROCESSING polled to SUCCESS, refunded_fen and audit', async () => {
    h = await makeHarness();
    const v = await paidSale();
    const r1 = await refund(v.saleId, 3000);
    expect(r1.ok && r1.value.status).toBe('processing');
    expect(receiptRefunded(v.saleId)).toBe(0);
    await h.clock.advance(6000);
    expect(h.events.refunds.at(-1)?.status).toBe('refunded');
    expect(receiptRefunded(v.saleId)).toBe(3000);
    const tooMuch = await refund(v.saleId, 7001);
    expect(!tooMuch.ok && tooMuch.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    const soon = await refund(v.saleId, 100);
    expect(!soon.ok && soon.code).toBe('REFUND_TOO_FREQUENT');
    await h.clock.advance(60_000);
    const r2 = await refund(v.saleId, 7000);
    expect(r2.ok).toBe(true);
    await h.clock.advance(6000);
    expect(receiptRefunded(v.saleId)).toBe(10_000);
    const rows = h.store.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action LIKE 'refund%' ORDER BY seq").all() as {
      actor: string;
      action: string;
      detail: string;
    }[];
    expect(rows.map((r) => r.action)).toEqual(['refund', 'refund.success', 'refund', 'refund.success']);
    expect(rows.every((r) => r.actor === MANAGER.approver && JSON.parse(r.detail).approver === MANAGER.approver)).toBe(true);
    ok();
  });

  it('the PIN is checked first and its error passes through; caps; unknown sale', async () => {
    h = await makeHarness({ engine: { limits: () => ({ refundCapFen: 5000, dailyRefundCapFen: 8000 }) } });
    const v = await paidSale();
    const wrong = await refund(v.saleId, 100, '0000');
    expect(!wrong.ok && wrong.code).toBe('PIN_WRONG');
    expect(h.gw.calls.refund).toBe(0);
    const cap = await refund(v.saleId, 5001);
    expect(!cap.ok && cap.code).toBe('REFUND_CAP_EXCEEDED');
    expect((await refund(v.saleId, 5000)).ok).toBe(true);
    await h.clock.advance(61_000);
    const daily = await refund(v.saleId, 3001);
    expect(!daily.ok && daily.code).toBe('REFUND_CAP_EXCEEDED');
    expect((await refund(v.saleId, 3000)).ok).toBe(true);
    const none = await refund('sale_nope', 1);
    expect(!none.ok && none.code).toBe('NOT_FOUND');
  });

  it('at most 50 refunds per order', async () => {
    h = await makeHarness({ engine: { refundSpacingMs: 0 }, gateway: { refundSpacingMs: 0 } });
    const v = await paidSale(100);
    for (let i = 0; i < 50; i++) expect((await refund(v.saleId, 1)).ok).toBe(true);
    const r = await refund(v.saleId, 1);
    expect(!r.ok && r.code).toBe('REFUND_LIMIT_REACHED');
    await h.clock.advance(6000);
    expect(receiptRefunded(v.saleId)).toBe(50);
    ok();
  });

  it('unknown outcome resolved by refundquery with the same out_refund_no; lost request resent', async () => {
    h = await makeHarness();
    const v = await paidSale();
    h.gw.script('lost-response');
    const r = await refund(v.saleId, 2500);
    expect(r.ok && r.value.status).toBe('processing'); // SENT: may have been received
    await h.clock.advance(8000);
    expect(receiptRefunded(v.saleId)).toBe(2500);
    await h.clock.advance(60_000);
    h.gw.script('lost-request');
    const r2 = await refund(v.saleId, 2500);
    expect(r2.ok && r2.value.status).toBe('processing');
    await h.clock.advance(20_000);
    expect(receiptRefunded(v.saleId)).toBe(5000);
    const gwOrder = [...h.gw.orders.values()][0]!;
    expect(gwOrder.refunds.map((x) => x.outRefundNo)).toEqual([
      r.ok ? r.value.outRefundNo : '',
      r2.ok ? r2.value.outRefundNo : '',
    ]);
    ok();
  });

  it('gateway errors map to plain codes and free the amount; REFUNDCLOSE and CHANGE', async () => {
    h = await makeHarness({ engine: { refundSpacingMs: 0 } });
    const v = await paidSale();
    expect((await refund(v.saleId, 1000)).ok).toBe(true);
    const freq = await refund(v.saleId, 1000); // the gateway's 1-minute spacing
    expect(!freq.ok && freq.code).toBe('REFUND_TOO_FREQUENT');
    await h.clock.advance(61_000);
    h.gw.refundOutcome = () => 'REFUNDCLOSE';
    expect((await refund(v.saleId, 9000)).ok).toBe(true);
    await h.clock.advance(61_000);
    expect(h.events.refunds.at(-1)?.status).toBe('closed');
    h.gw.refundOutcome = () => 'CHANGE';
    expect((await refund(v.saleId, 8000)).ok).toBe(true); // closed one no longer holds the amount
    await h.clock.advance(6000);
    expect(h.events.refunds.at(-1)?.status).toBe('change');
    // issue 10: REFUNDCLOSE now raises its own alert (the customer was not refunded)
    expect(h.events.alerts.map((a) => a.kind)).toEqual(['REFUND_CLOSED', 'REFUND_CHANGE']);
    expect(receiptRefunded(v.saleId)).toBe(1000);
    const cert = await (async () => {
      await h.clock.advance(61_000);
      const inner = h.gw.client as { refund: typeof h.gw.client.refund };
      inner.refund = async () => ({ kind: 'fix', code: 'CERT_REJECTED', message: 'client certificate rejected' });
      return refund(v.saleId, 0 + 1);
    })();
    expect(!cert.ok && cert.code).toBe('CERT_ERROR');
    ok();
  });

  /** refundquery says REFUNDNOTEXIST `times` times (the gateway has not indexed it yet), then answers truly. */
  const refundQueryMissesFirst = (times: number): void => {
    const inner = h.gw.client as { refundQuery: typeof h.gw.client.refundQuery };
    const orig = inner.refundQuery.bind(inner);
    let left = times;
    inner.refundQuery = async (req) => {
      if (left-- > 0) {
        h.gw.calls.refundQuery++;
        return { kind: 'fail', errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' };
      }
      return orig(req);
    };
  };
  /** After `real` real refund sends, the next ones answer with these outcomes, one each. */
  const sendsAnswer = (real: number, ...outs: Awaited<ReturnType<typeof h.gw.client.refund>>[]): void => {
    const inner = h.gw.client as { refund: typeof h.gw.client.refund };
    const orig = inner.refund.bind(inner);
    let n = 0;
    inner.refund = async (req) => {
      const out = n++ >= real ? outs.shift() : undefined;
      if (out) {
        h.gw.calls.refund++;
        return out;
      }
      return orig(req);
    };
  };
  const rowState = (id: string): { state: string; last_reason: string | null } =>
    h.store.db.prepare('SELECT state, last_reason FROM refunds WHERE id = ?').get(id) as { state: string; last_reason: string | null };

  it('a send that may have gone through is never FAILED by a later rejection: amount held, refunded once', async () => {
    h = await makeHarness({ random: () => 0.9 }); // first backoff 900 ms
    const v = await paidSale();
    // The first send is processed but its answer is lost; refundquery does not know the refund for a
    // moment; the resend of the same out_refund_no meets a certificate/TLS problem.
    h.gw.script('lost-response');
    refundQueryMissesFirst(1);
    sendsAnswer(1, { kind: 'fix', code: 'CERT_ERROR', message: 'TLS handshake reset' });
    const r = await refund(v.saleId, 10_000);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    await h.clock.advance(0);
    expect(h.gw.calls.refund).toBe(2);
    expect(rowState(r.value.refundId)).toEqual({ state: 'SENT', last_reason: 'TLS handshake reset' });
    expect(h.events.refunds.at(-1)?.status).toBe('processing');
    // The manager cannot refund the same money again meanwhile.
    await h.clock.advance(61_000);
    const again = await refund(v.saleId, 10_000);
    expect(!again.ok && again.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    // The watcher's refundquery finds the first send's refund and follows it to SUCCESS.
    await h.clock.advance(30_000);
    expect(rowState(r.value.refundId).state).toBe('SUCCESS');
    expect(receiptRefunded(v.saleId)).toBe(10_000);
    expect([...h.gw.orders.values()][0]!.refunds).toHaveLength(1);
    expect(h.events.alerts).toHaveLength(0);
    expect(h.events.refunds.map((e) => e.status)).not.toContain('failed');
    ok();
  });

  it('an inline retry rejected after a retry-same answer keeps the refund open (processing), not failed', async () => {
    h = await makeHarness();
    const v = await paidSale();
    // The gateway processes the first send yet answers SYSTEMERROR; the immediate retry is refused.
    const inner = h.gw.client as { refund: typeof h.gw.client.refund };
    const orig = inner.refund.bind(inner);
    const answers: Awaited<ReturnType<typeof h.gw.client.refund>>[] = [
      { kind: 'retry-same', code: 'SYSTEMERROR', message: '系统超时' },
      { kind: 'fail', errCode: 'NOTENOUGH', errCodeDes: '余额不足' },
    ];
    let first = true;
    inner.refund = async (req) => {
      const out = first ? await orig(req) : undefined;
      first = false;
      const scripted = answers.shift();
      if (!out) h.gw.calls.refund++;
      return scripted ?? out ?? orig(req);
    };
    const r = await refund(v.saleId, 4000);
    expect(r.ok && r.value.status).toBe('processing');
    // issue 10: NOTENOUGH is said in plain words, with the gateway's own words after them
    expect(r.ok && r.value.message).toMatch(/^商户可退款余额不足.*The merchant balance is too low.*\(余额不足\)$/);
    if (!r.ok) return;
    await h.clock.advance(10_000);
    expect(rowState(r.value.refundId).state).toBe('SUCCESS');
    expect(receiptRefunded(v.saleId)).toBe(4000);
    expect([...h.gw.orders.values()][0]!.refunds).toHaveLength(1);
    expect(h.events.refunds.map((e) => e.status)).not.toContain('failed');
    ok();
  });

  it('recovery: a PENDING refund (crash after its send) is never FAILED by a rejected resend', async () => {
    h = await makeHarness();
    const v = await paidSale();
    h.gw.script('lost-response');
    const r = await refund(v.saleId, 6000);
    if (!r.ok) throw new Error(r.message);
    await h.engine.stop();
    // As if the process had died after sending, before recording the answer.
    h.store.db.prepare("UPDATE refunds SET state = 'PENDING', last_reason = NULL, final_at = NULL WHERE id = ?").run(r.value.refundId);
    refundQueryMissesFirst(1);
    sendsAnswer(0, { kind: 'fail', errCode: 'ERROR', errCodeDes: '订单已全额退款' });
    await h.restart();
    expect(h.gw.calls.refund).toBe(2); // the resend was made, and rejected
    expect(['SENT', 'PROCESSING', 'SUCCESS']).toContain(rowState(r.value.refundId).state);
    await h.clock.advance(30_000);
    expect(rowState(r.value.refundId).state).toBe('SUCCESS');
    expect(receiptRefunded(v.saleId)).toBe(6000);
    ok();
  });

  it('recovery resumes a pending refund before ready()', async () => {
    h = await makeHarness();
    const v = await paidSale();
    h.gw.script('lost-response');
    await refund(v.saleId, 4000);
    await h.restart();
    const rec = await h.engine.getRecovery();
    expect(rec.ok && rec.value.items.map((i) => i.kind)).toEqual(['refund']);
    await h.clock.advance(6000);
    expect(receiptRefunded(v.saleId)).toBe(4000);
    ok();
  });
});

// --- issue 11 point 4: every refund state change is in the audit chain ---
describe('refund state changes are audited', () => {
  it('request, PENDING -> PROCESSING, and the final state each leave an audit entry in order', async () => {
    h = await makeHarness();
    const v = await paidSale();
    const r = await refund(v.saleId, 2500);
    if (!r.ok) throw new Error(r.message);
    await h.clock.advance(6000);
    const refundRow = h.store.db.prepare('SELECT out_refund_no AS no FROM refunds').get() as { no: string };
    const rows = h.store.db.prepare('SELECT action, detail FROM audit_log WHERE subject = ? ORDER BY seq').all(refundRow.no) as { action: string; detail: string }[];
    expect(rows.map((x) => x.action)).toEqual(['refund', 'state.refund', 'refund.success']);
    expect(JSON.parse(rows[1]!.detail)).toMatchObject({ from: 'PENDING', to: 'PROCESSING' });
  });
});
