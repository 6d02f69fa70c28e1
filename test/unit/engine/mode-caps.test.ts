// Issue 10 point 8: SANDBOX and LIVE are two separate books. The daily refund cap, the day totals and
// the history list each count one mode only, so sandbox practice never eats into (or pads) a real day.
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode, PaymentView } from '../../../src/common/api';
import { beijingDayStart, DAY_MS } from '../../../src/common/beijing-time';
import { dayTotals, listReceipts } from '../../../src/core/store';
import { type Harness, MANAGER, makeHarness } from './harness';

let h: Harness;
afterEach(async () => h?.dispose());

describe('caps and totals per mode (issue 10 point 8)', () => {
  it('the daily refund cap, day totals and history counts never mix SANDBOX and LIVE', async () => {
    let mode: Mode = 'SANDBOX';
    h = await makeHarness({ engine: { mode: () => mode, limits: () => ({ refundCapFen: 8000, dailyRefundCapFen: 8000 }) } });
    const sell = async (unitFen: number): Promise<PaymentView> => {
      const r = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen }], cashier: 'amy' });
      if (!r.ok) throw new Error(`${r.code} ${r.message}`);
      h.gw.pay(r.value.codeUrl!);
      await h.clock.advance(1000);
      const v = h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!;
      expect(v.status).toBe('paid');
      return v;
    };
    const refund = (saleId: string, amountFen: number) =>
      h.engine.requestRefund({ saleId, amountFen, reason: 'returned', approver: MANAGER.approver, managerPin: MANAGER.pin });

    // SANDBOX: two sales, and a refund that uses the whole daily cap.
    const sb1 = await sell(10_000);
    await sell(3_000);
    expect((await refund(sb1.saleId, 8000)).ok).toBe(true);
    await h.clock.advance(61_000);
    const sbOver = await refund(sb1.saleId, 1);
    expect(!sbOver.ok && sbOver.code).toBe('REFUND_CAP_EXCEEDED');

    // LIVE: the sandbox refund does not count against the real day's cap.
    mode = 'LIVE';
    const live = await sell(9_000);
    const liveRefund = await refund(live.saleId, 8000);
    expect(liveRefund.ok ? 'ok' : `${liveRefund.code} ${liveRefund.message}`).toBe('ok');
    await h.clock.advance(61_000);
    const liveOver = await refund(live.saleId, 1);
    expect(!liveOver.ok && liveOver.code).toBe('REFUND_CAP_EXCEEDED');
    // ...and back in SANDBOX, the LIVE refund has not freed or used anything there either.
    mode = 'SANDBOX';
    const sbStill = await refund(sb1.saleId, 1);
    expect(!sbStill.ok && sbStill.code).toBe('REFUND_CAP_EXCEEDED');

    // Let the refunds succeed, then the day totals and history of each mode.
    await h.clock.advance(120_000);
    const start = beijingDayStart(h.clock.now());
    expect(dayTotals(h.store.db, start, start + DAY_MS, 'SANDBOX')).toMatchObject({ count: 2, paidFen: 13_000, refundedFen: 8000, netFen: 5000 });
    expect(dayTotals(h.store.db, start, start + DAY_MS, 'LIVE')).toMatchObject({ count: 1, paidFen: 9000, refundedFen: 8000, netFen: 1000 });
    const page = (m: Mode) => listReceipts(h.store.db, { limit: 50, mode: m }).rows.map((r) => r.mode);
    expect(page('SANDBOX')).toEqual(['SANDBOX', 'SANDBOX']);
    expect(page('LIVE')).toEqual(['LIVE']);
  });
});
