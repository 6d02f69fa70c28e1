// Fault injection, in-process: business codes (optionally applied), drop (nothing happens), reset
// (processed, reply lost), delay, HTML 502, truncated body, bad signature; count and seeded probability.
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/core/wxpay/xml';
import { SECOND_MERCHANT, type SimulatorCore } from '../../../src/sim';
import { makeSim, newOrder, ORDER, query, replySigned, signedXml } from './support';

const uo = (no: string) => ({ method: 'POST', path: '/pay/unifiedorder', body: signedXml({ ...ORDER, out_trade_no: no }) });

async function paid(sim: SimulatorCore, no: string): Promise<void> {
  const a = await newOrder(sim, no);
  sim.phone.scanAndPay(a.xml.code_url ?? '');
}

describe('faults', () => {
  it('business codes replace the reply (signed) for the next N requests without processing', async () => {
    for (const kind of ['SYSTEMERROR', 'BANKERROR', 'USERPAYING', 'FREQUENCY_LIMITED', 'BIZERR_NEED_RETRY'] as const) {
      const { sim } = makeSim();
      sim.faults.add({ endpoint: 'unifiedorder', kind, count: 2 });
      for (let i = 0; i < 2; i++) {
        const r = await newOrder(sim, 'FAULT0001');
        expect(r.xml).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: kind });
        expect(replySigned(r.xml)).toBe(true);
      }
      expect(sim.orders()).toEqual([]);
      expect((await newOrder(sim, 'FAULT0001')).xml.result_code).toBe('SUCCESS');
      expect(sim.faults.list()).toEqual([]);
      expect(sim.journal().map((j) => j.fault)).toEqual([kind, kind, null]);
    }
  });

  it('applied: the request takes effect, the reply still says SYSTEMERROR', async () => {
    const { sim } = makeSim();
    await paid(sim, 'FAULT0002');
    sim.faults.add({ endpoint: 'refund', kind: 'SYSTEMERROR', applied: true });
    const r = await sim.handle({ method: 'POST', path: '/secapi/pay/refund', body: signedXml({ out_trade_no: 'FAULT0002', out_refund_no: 'FR2', total_fee: 1234, refund_fee: 34 }) });
    expect(r.kind === 'reply' && parseXml(Buffer.from(r.body).toString()).err_code).toBe('SYSTEMERROR');
    expect(sim.refunds().map((x) => x.outRefundNo)).toEqual(['FR2']);
  });

  it('drop: nothing processed; reset: processed, no reply', async () => {
    const { sim } = makeSim();
    sim.faults.add({ endpoint: 'unifiedorder', kind: 'drop' });
    expect(await sim.handle(uo('FAULT0003'))).toEqual({ kind: 'drop' });
    expect(sim.orders()).toEqual([]);
    sim.faults.add({ endpoint: 'unifiedorder', kind: 'reset' });
    expect(await sim.handle(uo('FAULT0003'))).toEqual({ kind: 'reset' });
    expect(sim.orders().map((o) => o.outTradeNo)).toEqual(['FAULT0003']);
    expect(sim.journal().map((j) => j.result)).toEqual(['drop', 'reset']);
  });

  it('delay, html502, truncated and badsign shape the reply', async () => {
    const { sim } = makeSim();
    sim.faults.add({ endpoint: 'unifiedorder', kind: 'delay', delayMs: 9000 });
    const d = await sim.handle(uo('FAULT0004'));
    expect(d.kind === 'reply' && d.delayMs).toBe(9000);
    sim.faults.add({ endpoint: 'orderquery', kind: 'html502' });
    const h = await sim.handle({ method: 'POST', path: '/pay/orderquery', body: signedXml({ out_trade_no: 'FAULT0004' }) });
    expect(h.kind === 'reply' && h.status).toBe(502);
    expect(h.kind === 'reply' && Buffer.from(h.body).toString()).toContain('502 Bad Gateway');
    sim.faults.add({ endpoint: 'orderquery', kind: 'truncated' });
    const t = await sim.handle({ method: 'POST', path: '/pay/orderquery', body: signedXml({ out_trade_no: 'FAULT0004' }) });
    expect(() => parseXml(t.kind === 'reply' ? Buffer.from(t.body).toString() : '')).toThrow();
    sim.faults.add({ endpoint: 'orderquery', kind: 'badsign' });
    const b = await sim.handle({ method: 'POST', path: '/pay/orderquery', body: signedXml({ out_trade_no: 'FAULT0004' }) });
    const bx = parseXml(b.kind === 'reply' ? Buffer.from(b.body).toString() : '');
    expect(bx.trade_state).toBe('NOTPAY');
    expect(replySigned(bx)).toBe(false);
    expect(replySigned(await query(sim, 'FAULT0004'))).toBe(true);
  });

  it('matches endpoint and merchant; "*" matches every endpoint', async () => {
    const { sim } = makeSim();
    sim.faults.add({ endpoint: '*', kind: 'SYSTEMERROR', mchId: SECOND_MERCHANT.mchId, count: 5 });
    expect((await newOrder(sim, 'FAULT0005')).xml.result_code).toBe('SUCCESS');
    expect((await newOrder(sim, 'FAULT0005', {}, SECOND_MERCHANT)).xml.err_code).toBe('SYSTEMERROR');
    expect((await query(sim, 'FAULT0005', SECOND_MERCHANT)).err_code).toBe('SYSTEMERROR');
    expect(sim.faults.list()[0]?.remaining).toBe(3);
  });

  it('probability faults are replayable from the seed', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const { sim } = makeSim({ seed });
      sim.faults.add({ endpoint: 'orderquery', kind: 'SYSTEMERROR', probability: 0.3 });
      const out: string[] = [];
      for (let i = 0; i < 40; i++) out.push((await query(sim, 'NOPE00001')).err_code ?? '');
      return out;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    const hits = a.filter((c) => c === 'SYSTEMERROR').length;
    expect(hits).toBeGreaterThan(3);
    expect(hits).toBeLessThan(25);
    expect(await run(12)).not.toEqual(a);
  });

  it('refuses malformed fault specs', () => {
    const { sim } = makeSim();
    expect(() => sim.faults.add({ endpoint: 'orderquery', kind: 'delay', delayMs: 10 * 60_000 })).toThrow(RangeError);
    expect(() => sim.faults.add({ endpoint: 'orderquery', kind: 'drop', count: 0 })).toThrow(RangeError);
    expect(() => sim.faults.add({ endpoint: 'orderquery', kind: 'drop', probability: 2 })).toThrow(RangeError);
  });
});
