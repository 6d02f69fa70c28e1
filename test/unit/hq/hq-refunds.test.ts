// Issue 16 point 4 at HQ, on a real PostgreSQL: the refundable balance per payment is reserved under a row
// lock, so two tills refunding the same payment at the same moment never exceed what was paid; the refund's
// final state (reported by the outbox or by settle) turns the reservation into a refund or releases it.
import { afterAll, describe, expect, it } from 'vitest';
import { hqRefundAuthority } from '../../../src/core/sync/refund-authority';
import { pgOrSkip } from '../../support/pg-server';
import { enrolledTill, removeTempDirs, sell, startHq } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

describe.skipIf(!pgs)('cross-till refunds at HQ on PostgreSQL', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('two tills racing to refund one payment never exceed the paid amount; settle and release move the balance', async () => {
    const hq = await startHq(pgs!);
    const [a, b] = await Promise.all([enrolledTill(hq, 'counter-1'), enrolledTill(hq, 'counter-2')]);
    try {
      sell(a, 20);
      expect(await a.pusher.drain()).toBe(true);
      const pay = a.db.prepare('SELECT out_trade_no, total_fen FROM receipts WHERE refunded_fen = 0 ORDER BY total_fen DESC LIMIT 1').get() as { out_trade_no: string; total_fen: number };
      const amount = Math.ceil(pay.total_fen / 4) + 1; // at most 3 fit
      const fits = Math.floor(pay.total_fen / amount);
      const authA = hqRefundAuthority(() => a.transport, () => a.token);
      const authB = hqRefundAuthority(() => b.transport, () => b.token);
      const tries = Array.from({ length: 24 }, (_, i) => (i % 2 ? authB : authA).reserve({ outTradeNo: pay.out_trade_no, outRefundNo: `RACE-${i}`, amountFen: amount }));
      const answers = await Promise.all(tries);
      expect(answers.filter((x) => x.kind === 'reserved')).toHaveLength(fits);
      expect(answers.filter((x) => x.kind === 'refused')).toHaveLength(24 - fits);
      const bal = async (): Promise<{ reserved: number; refunded: number }> => {
        const r = (await hq.pool.query('SELECT reserved_fen, refunded_fen FROM payment_balances WHERE out_trade_no = $1', [pay.out_trade_no])).rows[0];
        return { reserved: Number(r.reserved_fen), refunded: Number(r.refunded_fen) };
      };
      expect(await bal()).toEqual({ reserved: fits * amount, refunded: 0 });
      const won = answers.map((x, i) => (x.kind === 'reserved' ? i : -1)).filter((i) => i >= 0);
      // one ends refunded (reported by settle), one fails (released): the released amount is refundable again
      const owner = (i: number) => (i % 2 ? b : a);
      const s1 = await owner(won[0]!).transport.post('/api/refunds/settle', { outRefundNo: `RACE-${won[0]}`, refunded: true }, owner(won[0]!).token);
      expect(s1.body).toEqual({ state: 'REFUNDED' });
      const again = await owner(won[0]!).transport.post('/api/refunds/settle', { outRefundNo: `RACE-${won[0]}`, refunded: false }, owner(won[0]!).token);
      expect(again.body).toEqual({ state: 'REFUNDED' }); // a repeated report changes nothing
      await (won[1]! % 2 ? authB : authA).release(`RACE-${won[1]}`);
      expect(await bal()).toEqual({ reserved: (fits - 2) * amount, refunded: amount });
      const more = await authB.reserve({ outTradeNo: pay.out_trade_no, outRefundNo: 'AFTER-RELEASE', amountFen: amount });
      expect(more.kind).toBe('reserved');
      const none = await authA.reserve({ outTradeNo: pay.out_trade_no, outRefundNo: 'ONE-TOO-MANY', amountFen: pay.total_fen - (fits * amount) + 1 });
      expect(none).toMatchObject({ kind: 'refused', message: expect.stringMatching(/at most \d+ fen/) });
    } finally {
      await a.close();
      await b.close();
      await hq.close();
    }
  });

  it('the paying till\'s own refund arriving by the outbox settles its reservation; offline own refunds count against the balance', async () => {
    const hq = await startHq(pgs!);
    const a = await enrolledTill(hq, 'counter-1');
    try {
      sell(a, 20);
      expect(await a.pusher.drain()).toBe(true);
      const rows = a.db.prepare('SELECT id, out_trade_no, total_fen FROM receipts WHERE refunded_fen = 0 ORDER BY total_fen DESC LIMIT 2').all() as { id: string; out_trade_no: string; total_fen: number }[];
      const [r1, r2] = rows as [typeof rows[0], typeof rows[0]];
      const auth = hqRefundAuthority(() => a.transport, () => a.token);
      expect((await auth.reserve({ outTradeNo: r1.out_trade_no, outRefundNo: 'OWN-1', amountFen: 100 })).kind).toBe('reserved');
      const write = (id: string, receipt: string, no: string, amount: number, state: string): void =>
        void a.db.prepare("INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', 'M1', ?, 1, 1)").run(id, receipt, no, amount, state);
      write('F-own-1', r1.id, 'OWN-1', 100, 'SUCCESS');
      write('F-offline', r2.id, 'OFFLINE-1', 200, 'SUCCESS'); // made while HQ was away: no reservation
      expect(await a.pusher.drain()).toBe(true);
      const b1 = (await hq.pool.query('SELECT reserved_fen, refunded_fen, local_refunded_fen FROM payment_balances WHERE out_trade_no = $1', [r1.out_trade_no])).rows[0];
      expect([Number(b1.reserved_fen), Number(b1.refunded_fen), Number(b1.local_refunded_fen)]).toEqual([0, 100, 0]);
      const b2 = (await hq.pool.query('SELECT reserved_fen, refunded_fen, local_refunded_fen FROM payment_balances WHERE out_trade_no = $1', [r2.out_trade_no])).rows[0];
      expect([Number(b2.reserved_fen), Number(b2.refunded_fen), Number(b2.local_refunded_fen)]).toEqual([0, 0, 200]);
      const tooMuch = await auth.reserve({ outTradeNo: r2.out_trade_no, outRefundNo: 'X', amountFen: r2.total_fen - 199 });
      expect(tooMuch.kind).toBe('refused');
    } finally {
      await a.close();
      await hq.close();
    }
  });
});
