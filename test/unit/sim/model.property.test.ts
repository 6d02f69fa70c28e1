// Property: random sequences of merchant calls, phone actions and clock jumps never break the
// gateway's invariants (legal state transitions only, Σ refunds <= total, <= 50 refunds, refund
// status never goes back, every SUCCESS reply signed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimOrderView } from '../../../src/sim';
import { call, makeSim, ORDER, replySigned } from './support';
import { suitePlan } from '../../support/sizes';

const NEXT: Record<string, readonly string[]> = {
  NOTPAY: ['NOTPAY', 'SUCCESS', 'CLOSED', 'REVOKED'],
  USERPAYING: ['USERPAYING', 'SUCCESS', 'PAYERROR', 'REVOKED', 'CLOSED'],
  SUCCESS: ['SUCCESS', 'REFUND', 'REVOKED'],
  REFUND: ['REFUND'],
  CLOSED: ['CLOSED'],
  REVOKED: ['REVOKED'],
  PAYERROR: ['PAYERROR', 'REVOKED', 'CLOSED'],
};

const no = fc.constantFrom('PROP00001', 'PROP00002', 'PROP00003');
const command = fc.oneof(
  fc.record({ op: fc.constant('order' as const), no, fee: fc.constantFrom(100, 250) }),
  fc.record({ op: fc.constant('pay' as const), no, afterMs: fc.constantFrom(0, 20_000, 400_000) }),
  fc.record({ op: fc.constant('close' as const), no }),
  fc.record({ op: fc.constant('micropay' as const), no, then: fc.constantFrom('pay', 'password', 'payerror', 'notenough', 'abandon') }),
  fc.record({ op: fc.constant('reverse' as const), no }),
  fc.record({ op: fc.constant('refund' as const), no, rno: fc.constantFrom('RA', 'RB', 'RC', 'RD'), fee: fc.integer({ min: 1, max: 150 }) }),
  fc.record({ op: fc.constant('advance' as const), ms: fc.constantFrom(1000, 30_000, 300_000, 7_200_000) }),
);

describe('simulator model', () => {
  it('keeps its invariants under random operation sequences', async () => {
    const { seed, size } = suitePlan(import.meta.url, { seedVar: 'SIM_MODEL_SEED', unit: 150, soak: 750 });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (cmds) => {
        const { sim, clock } = makeSim({ refundDelayMs: 20_000, closeFloorMs: 60_000 });
        const seen = new Map<string, SimOrderView>();
        for (const c of cmds) {
          let reply: Record<string, string> | null = null;
          switch (c.op) {
            case 'order':
              reply = (await call(sim, '/pay/unifiedorder', { ...ORDER, out_trade_no: c.no, total_fee: c.fee })).xml;
              break;
            case 'pay': {
              const url = sim.order('1900000109', c.no)?.codeUrls.at(-1);
              if (url) {
                if (c.afterMs === 0) sim.phone.scanAndPay(url);
                else sim.phone.scanAndPayAfter(url, c.afterMs);
              }
              break;
            }
            case 'close':
              reply = (await call(sim, '/pay/closeorder', { out_trade_no: c.no })).xml;
              break;
            case 'micropay':
              reply = (await call(sim, '/pay/micropay', { body: 'b', out_trade_no: c.no, total_fee: 100, spbill_create_ip: '127.0.0.1', auth_code: sim.phone.mintAuthCode({ then: c.then }) })).xml;
              break;
            case 'reverse':
              reply = (await call(sim, '/secapi/pay/reverse', { out_trade_no: c.no })).xml;
              break;
            case 'refund': {
              const total = sim.order('1900000109', c.no)?.totalFee ?? 100;
              reply = (await call(sim, '/secapi/pay/refund', { out_trade_no: c.no, out_refund_no: `${c.no}-${c.rno}`, total_fee: total, refund_fee: c.fee })).xml;
              break;
            }
            case 'advance':
              await clock.advance(c.ms);
              break;
          }
          if (reply) {
            expect(reply.return_code).toBe('SUCCESS');
            expect(replySigned(reply)).toBe(true);
          }
          for (const o of sim.orders()) {
            const before = seen.get(o.outTradeNo);
            if (before) {
              expect(NEXT[before.state], `${before.state} -> ${o.state}`).toContain(o.state);
              for (const r of before.refunds) {
                const now = o.refunds.find((x) => x.outRefundNo === r.outRefundNo);
                expect(now).toBeDefined();
                if (r.status !== 'PROCESSING') expect(now?.status).toBe(r.status);
              }
              if (before.paidAt !== null) expect(o.paidAt).toBe(before.paidAt);
            }
            expect(o.refundedFee).toBeLessThanOrEqual(o.totalFee);
            expect(o.refunds.length).toBeLessThanOrEqual(50);
            if (o.refunds.length > 0) expect(o.paidAt).not.toBeNull();
            if (o.state === 'SUCCESS' || o.state === 'REFUND') expect(o.transactionId).toMatch(/^\d{28}$/);
            seen.set(o.outTradeNo, o);
          }
        }
      }),
      { seed, numRuns: size },
    );
  });
});
