// Issue 10 point 6: refund spacing (one refund per order per minute) is measured on the monotonic
// clock: moving the wall clock a day either way neither blocks nor unblocks the next refund.
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, MANAGER, makeHarness } from './harness';

const DAY = 86_400_000;
let h: Harness;
afterEach(async () => h?.dispose());

describe('refund spacing on the monotonic clock', () => {
  for (const jump of [DAY, -DAY]) {
    it(`wall clock moved ${jump > 0 ? 'forward' : 'back'} a day: the next refund waits exactly the spacing`, async () => {
      // The fake gateway shares the till's wall clock, which real WeChat does not: its own spacing is off here.
      h = await makeHarness({ engine: { refundSpacingMs: 60_000 }, gateway: { refundSpacingMs: Number.NEGATIVE_INFINITY } });
      const r = await h.engine.charge({ lines: [{ name: 'Shoes', quantity: 1, unitFen: 10_000 }], cashier: 'amy' });
      if (!r.ok) throw new Error(r.message);
      h.gw.pay(r.value.codeUrl!);
      await h.clock.advance(1000);
      const refund = (amountFen: number) =>
        h.engine.requestRefund({ saleId: r.value.saleId, amountFen, reason: 'returned', approver: MANAGER.approver, managerPin: MANAGER.pin });
      expect((await refund(1000)).ok).toBe(true);
      h.clock.set(h.clock.now() + jump);
      const soon = await refund(1000);
      expect(!soon.ok && soon.code).toBe('REFUND_TOO_FREQUENT');
      await h.clock.advance(59_000);
      const still = await refund(1000);
      expect(!still.ok && still.code).toBe('REFUND_TOO_FREQUENT');
      await h.clock.advance(1000);
      const next = await refund(1000);
      expect(next.ok ? 'ok' : `${next.code} ${next.message}`).toBe('ok');
    });
  }
});
