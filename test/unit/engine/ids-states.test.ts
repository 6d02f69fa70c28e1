import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { ATTEMPT_STATES, canMove, FINAL_ATTEMPT_STATES, predecessors } from '../../../src/core/checkout/attempt-states';
import { createIdSource, createSequentialIdSource, OUT_NO_PATTERN } from '../../../src/core/ids';
import { REFUND_STATES, refundPredecessors, isFinalRefundState, RESERVING_REFUND_STATES, refundStatusOf } from '../../../src/core/refunds/refund-states';
import { seededRandom } from './harness';

describe('id sources', () => {
  it('out_trade_no / out_refund_no are valid for WeChat and unique, even within one millisecond', () => {
    const clock = new VirtualClock();
    const ids = createIdSource({ tillId: () => 'Till #7 (front) 收银台', clock, random: seededRandom(1) });
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const a = ids.outTradeNo();
      const r = ids.outRefundNo();
      expect(a).toMatch(OUT_NO_PATTERN);
      expect(r).toMatch(OUT_NO_PATTERN);
      expect(a.length).toBeLessThanOrEqual(32);
      expect(seen.has(a) || seen.has(r)).toBe(false);
      seen.add(a).add(r);
    }
    expect(ids.outTradeNo().startsWith('PTill7fro2601151000')).toBe(true); // Beijing time 10:00
  });

  it('sequential ids are deterministic', () => {
    const a = createSequentialIdSource('x');
    const b = createSequentialIdSource('x');
    expect([a.outTradeNo(), a.id('sale'), a.outRefundNo()]).toEqual([b.outTradeNo(), b.id('sale'), b.outRefundNo()]);
  });
});

describe('state tables', () => {
  it('attempt states only move forward: no cycles, nothing leaves a final state', () => {
    const rank = new Map(ATTEMPT_STATES.map((s, i) => [s, i]));
    for (const to of ATTEMPT_STATES)
      for (const from of predecessors('NATIVE', to)) {
        expect(FINAL_ATTEMPT_STATES).not.toContain(from);
        expect(rank.get(from)!).toBeLessThan(rank.get(to)!);
      }
    expect(canMove('NATIVE', 'NOTPAY', 'UNKNOWN')).toBe(false);
    expect(canMove('NATIVE', 'CLOSING', 'NOTPAY')).toBe(false);
    expect(canMove('NATIVE', 'PAID', 'CLOSED')).toBe(false);
    expect(canMove('NATIVE', 'CLOSING', 'PAID')).toBe(true);
    // issue 12: quick pay moves forward too, and a paid one is never reversed into another state.
    expect(canMove('MICROPAY', 'CREATED', 'PAID')).toBe(true);
    expect(canMove('MICROPAY', 'USERPAYING', 'UNKNOWN')).toBe(false);
    expect(canMove('MICROPAY', 'PAID', 'REVOKED')).toBe(false);
    expect(canMove('MICROPAY', 'USERPAYING', 'FAILED')).toBe(false); // an order that may be paid never "fails"
    for (const to of ATTEMPT_STATES)
      for (const from of predecessors('MICROPAY', to)) {
        expect(FINAL_ATTEMPT_STATES).not.toContain(from);
        expect(rank.get(from)!).toBeLessThan(rank.get(to)!);
      }
  });

  it('refund states only move forward', () => {
    const rank = new Map(REFUND_STATES.map((s, i) => [s, i]));
    for (const to of REFUND_STATES)
      for (const from of refundPredecessors(to)) {
        expect(isFinalRefundState(from)).toBe(false);
        expect(rank.get(from)!).toBeLessThan(rank.get(to)!);
      }
  });

  it('a refund that may have been received (SENT) can never become FAILED and keeps its amount held', () => {
    expect(refundPredecessors('FAILED')).toEqual(['PENDING']);
    expect(refundPredecessors('SENT')).toEqual(['PENDING']);
    for (const to of ['PROCESSING', 'SUCCESS', 'REFUNDCLOSE', 'CHANGE'] as const) expect(refundPredecessors(to)).toContain('SENT');
    expect(isFinalRefundState('SENT')).toBe(false);
    expect(RESERVING_REFUND_STATES).toContain('SENT');
    expect(refundStatusOf('SENT')).toBe('processing');
  });
});
