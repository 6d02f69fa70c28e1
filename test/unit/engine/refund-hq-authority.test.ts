// Issue 16 point 4, the till's side: the refund path asks head office to reserve the amount before it
// commits and calls WeChat. Refused at HQ → refused, nothing written, WeChat never called. HQ unreachable →
// the till refunds its own sale on its own limits, as before. Reserved but refused by the till's own checks
// → the reservation is released at once.
import { afterEach, describe, expect, it } from 'vitest';
import type { HqReserveRequest } from '../../../src/common/hq-sync';
import type { RefundAuthorisation, RefundAuthority } from '../../../src/core/sync/refund-authority';
import { type Harness, MANAGER, makeHarness } from './harness';

let h: Harness;
afterEach(async () => h?.dispose());

function authority(answer: RefundAuthorisation): RefundAuthority & { asked: HqReserveRequest[]; released: string[] } {
  const asked: HqReserveRequest[] = [];
  const released: string[] = [];
  return {
    asked,
    released,
    reserve: async (req) => {
      asked.push(req);
      return answer;
    },
    release: async (no) => void released.push(no),
  };
}

async function paidSaleId(): Promise<string> {
  const r = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen: 10_000 }], cashier: 'amy' });
  if (!r.ok) throw new Error(r.message);
  h.gw.pay(r.value.codeUrl!);
  await h.clock.advance(1000);
  return h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!.saleId;
}
const refund = (saleId: string, amountFen: number) =>
  h.engine.requestRefund({ saleId, amountFen, reason: 'returned', approver: MANAGER.approver, managerPin: MANAGER.pin });
const refundRows = (): number => (h.store.db.prepare('SELECT count(*) AS n FROM refunds').get() as { n: number }).n;

describe('refunds ask head office first (issue 16)', () => {
  it('refused at HQ: refused with HQ\'s reason, no refund row, WeChat never called', async () => {
    const a = authority({ kind: 'refused', message: '最多还能退 0 分 / at most 0 fen can still be refunded' });
    h = await makeHarness({ engine: { refundAuthority: a } });
    const saleId = await paidSaleId();
    const r = await refund(saleId, 500);
    expect(!r.ok && r.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    expect(!r.ok && r.message).toMatch(/at most 0 fen/);
    expect(a.asked).toEqual([{ outTradeNo: expect.any(String), outRefundNo: expect.any(String), amountFen: 500 }]);
    expect(refundRows()).toBe(0);
    expect(h.gw.calls.refund).toBe(0);
  });

  it('HQ unreachable: the till refunds its own sale on its own limits', async () => {
    const a = authority({ kind: 'offline', reason: 'connect ECONNREFUSED' });
    h = await makeHarness({ engine: { refundAuthority: a } });
    const saleId = await paidSaleId();
    const r = await refund(saleId, 500);
    expect(r.ok).toBe(true);
    expect(refundRows()).toBe(1);
    expect(h.gw.calls.refund).toBe(1);
  });

  it('reserved at HQ, then refused by the till\'s own limit: the reservation is released', async () => {
    const a = authority({ kind: 'reserved' });
    h = await makeHarness({ engine: { refundAuthority: a } });
    const saleId = await paidSaleId();
    const r = await refund(saleId, 10_001);
    expect(!r.ok && r.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
    expect(a.released).toEqual([a.asked[0]!.outRefundNo]);
    expect(refundRows()).toBe(0);
  });
});
