// The engine records the till's mode (deps.mode()) on the sale when it charges, and the receipt carries
// it: a sandbox "payment" can never show up as a real one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode, PaymentView } from '../../../src/common/api';
import { type Harness, makeHarness } from './harness';

let h: Harness;
afterEach(async () => h?.dispose());

describe('sale mode', () => {
  it('is read at charge time and kept on the sale, the receipt and the audit entry', async () => {
    let mode: Mode = 'SANDBOX';
    h = await makeHarness({ engine: { mode: () => mode } });
    const sell = async (): Promise<PaymentView> => {
      const r = await h.engine.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 500 }], cashier: 'amy' });
      if (!r.ok) throw new Error(`${r.code} ${r.message}`);
      expect(h.gw.pay(r.value.codeUrl!)).toBe(true);
      await h.clock.advance(2000);
      const paid = h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!;
      expect(paid.status).toBe('paid');
      return paid;
    };
    const sandbox = await sell();
    mode = 'LIVE';
    const live = await sell();
    expect(sandbox.receipt?.mode).toBe('SANDBOX');
    expect(live.receipt?.mode).toBe('LIVE');
    const modes = (table: string): unknown[] => h.store.db.prepare(`SELECT sale_id, mode FROM ${table} ORDER BY paid_at`).all();
    expect(modes('receipts')).toEqual([
      { sale_id: sandbox.saleId, mode: 'SANDBOX' },
      { sale_id: live.saleId, mode: 'LIVE' },
    ]);
    expect(h.store.db.prepare('SELECT id, mode FROM sales ORDER BY created_at').all()).toEqual([
      { id: sandbox.saleId, mode: 'SANDBOX' },
      { id: live.saleId, mode: 'LIVE' },
    ]);
    const charges = (h.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'charge' ORDER BY seq").all() as { detail: string }[]).map(
      (r) => (JSON.parse(r.detail) as { mode: Mode }).mode,
    );
    expect(charges).toEqual(['SANDBOX', 'LIVE']);
    // The view built later (getPayment) reads the stored mode, not the till's current one.
    const again = await h.engine.getPayment({ attemptId: sandbox.attemptId });
    expect(again.ok && again.value.receipt?.mode).toBe('SANDBOX');
  });
});
