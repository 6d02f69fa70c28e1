// A watcher's poll tick prepares no statement: the repositories reuse the per-database cache
// (src/core/store/stmt.ts), so polling costs the query and nothing else.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, MANAGER, makeHarness } from './harness';

let h: Harness | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.dispose();
  h = null;
});

describe('watcher poll ticks', () => {
  it('prepare nothing: an attempt polling orderquery and a refund polling refundquery', async () => {
    h = await makeHarness({ gateway: { refundDelayMs: 3_600_000 } });
    const paid = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen: 10_000 }], cashier: 'amy' });
    if (!paid.ok) throw new Error(paid.message);
    h.gw.pay(paid.value.codeUrl!);
    await h.clock.advance(2000);
    const refund = await h.engine.requestRefund({ saleId: paid.value.saleId, amountFen: 100, reason: 'r', approver: MANAGER.approver, managerPin: MANAGER.pin });
    expect(refund.ok && refund.value.status).toBe('processing');
    const waiting = await h.engine.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 500 }], cashier: 'amy' });
    expect(waiting.ok && waiting.value.status).toBe('waiting');
    await h.clock.advance(12_000); // every statement of a tick has been used once

    const seen: string[] = [];
    const real = h.store.db.prepare.bind(h.store.db);
    vi.spyOn(h.store.db, 'prepare').mockImplementation(((sql: string) => {
      seen.push(sql);
      return real(sql);
    }) as typeof real);
    const before = { ...h.gw.calls };
    await h.clock.advance(20_000);
    expect(h.gw.calls.orderQuery - before.orderQuery).toBeGreaterThanOrEqual(10);
    expect(h.gw.calls.refundQuery - before.refundQuery).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual([]);
  });
});
