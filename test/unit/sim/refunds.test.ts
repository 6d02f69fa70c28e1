// Refunds: idempotency by out_refund_no, sum <= total, <= 50 per order, optional spacing,
// PROCESSING then the (scripted) final status, refundquery paging, trade_state REFUND.
import { describe, expect, it } from 'vitest';
import type { SimulatorCore } from '../../../src/sim';
import { call, makeSim, newOrder, query, replySigned } from './support';

async function paidOrder(sim: SimulatorCore, no: string, totalFee = 1234): Promise<void> {
  const a = await newOrder(sim, no, { total_fee: totalFee });
  expect(sim.phone.scanAndPay(a.xml.code_url ?? '').ok).toBe(true);
}

const refund = (sim: SimulatorCore, no: string, rno: string, fee: number, total = 1234) =>
  call(sim, '/secapi/pay/refund', { out_trade_no: no, out_refund_no: rno, total_fee: total, refund_fee: fee });
const rq = (sim: SimulatorCore, fields: Record<string, string | number>) => call(sim, '/pay/refundquery', fields);

describe('refund', () => {
  it('accepts, reports PROCESSING, then SUCCESS after the configured delay; the order becomes REFUND', async () => {
    const { sim, clock } = makeSim({ refundDelayMs: 30_000 });
    await paidOrder(sim, 'REFUND001');
    const r = await refund(sim, 'REFUND001', 'RF001', 234);
    expect(r.xml).toMatchObject({ result_code: 'SUCCESS', out_refund_no: 'RF001', refund_fee: '234', total_fee: '1234' });
    expect(r.xml.refund_id).toMatch(/^\d{29}$/);
    expect(replySigned(r.xml)).toBe(true);
    expect((await query(sim, 'REFUND001')).trade_state).toBe('REFUND');
    expect((await rq(sim, { out_refund_no: 'RF001' })).xml.refund_status_0).toBe('PROCESSING');
    await clock.advance(29_999);
    expect((await rq(sim, { out_refund_no: 'RF001' })).xml.refund_status_0).toBe('PROCESSING');
    await clock.advance(1);
    const done = await rq(sim, { out_refund_no: 'RF001' });
    expect(done.xml).toMatchObject({ refund_status_0: 'SUCCESS', refund_success_time_0: '2026-01-15 10:00:30', refund_count: '1' });
  });

  it('is idempotent by out_refund_no; a changed amount under the same number is refused', async () => {
    const { sim } = makeSim();
    await paidOrder(sim, 'REFUND002');
    const a = await refund(sim, 'REFUND002', 'RF002', 500);
    const b = await refund(sim, 'REFUND002', 'RF002', 500);
    expect(b.xml.refund_id).toBe(a.xml.refund_id);
    expect(sim.refunds()).toHaveLength(1);
    expect((await refund(sim, 'REFUND002', 'RF002', 501)).xml.err_code).toBe('INVALID_REQUEST');
  });

  it('keeps the sum of refunds <= total, then says fully refunded', async () => {
    const { sim } = makeSim();
    await paidOrder(sim, 'REFUND003', 1000);
    expect((await refund(sim, 'REFUND003', 'RF031', 600, 1000)).xml.result_code).toBe('SUCCESS');
    expect((await refund(sim, 'REFUND003', 'RF032', 401, 1000)).xml.err_code).toBe('REFUND_FEE_INVALID');
    expect((await refund(sim, 'REFUND003', 'RF033', 400, 1000)).xml.result_code).toBe('SUCCESS');
    expect((await refund(sim, 'REFUND003', 'RF034', 1, 1000)).xml).toMatchObject({ err_code: 'ERROR', err_code_des: '订单已全额退款' });
    expect((await refund(sim, 'REFUND003', 'RF035', 1, 999)).xml.err_code).toBe('PARAM_ERROR'); // total_fee must match
  });

  it('refuses unpaid and unknown orders, wrong total_fee, and orders over a year old', async () => {
    const { sim, clock } = makeSim();
    await newOrder(sim, 'REFUND004');
    expect((await refund(sim, 'REFUND004', 'RF041', 1)).xml.err_code).toBe('ORDERNOTEXIST');
    expect((await refund(sim, 'REFUND404', 'RF042', 1)).xml.err_code).toBe('ORDERNOTEXIST');
    await paidOrder(sim, 'REFUND005');
    expect((await refund(sim, 'REFUND005', 'RF051', 1, 1233)).xml.err_code).toBe('PARAM_ERROR');
    await clock.advance(366 * 24 * 3600_000);
    expect((await refund(sim, 'REFUND005', 'RF052', 1)).xml.err_code).toBe('TRADE_OVERDUE');
  });

  it('allows at most 50 refunds per order', async () => {
    const { sim } = makeSim();
    await paidOrder(sim, 'REFUND006', 100);
    for (let i = 0; i < 50; i++) expect((await refund(sim, 'REFUND006', `R6-${i}`, 1, 100)).xml.result_code).toBe('SUCCESS');
    const r = await refund(sim, 'REFUND006', 'R6-50', 1, 100);
    expect(r.xml.err_code).toBe('ERROR');
    expect(r.xml.err_code_des).toMatch(/50/);
  });

  it('optional 1-minute spacing between refunds of one order', async () => {
    const { sim, clock } = makeSim({ refundSpacingMs: 60_000 });
    await paidOrder(sim, 'REFUND007');
    await refund(sim, 'REFUND007', 'RF071', 1);
    await clock.advance(59_000);
    expect((await refund(sim, 'REFUND007', 'RF072', 1)).xml.err_code).toBe('FREQUENCY_LIMITED');
    // A retry of the accepted one is still idempotent inside the window.
    expect((await refund(sim, 'REFUND007', 'RF071', 1)).xml.result_code).toBe('SUCCESS');
    await clock.advance(1000);
    expect((await refund(sim, 'REFUND007', 'RF072', 1)).xml.result_code).toBe('SUCCESS');
  });

  it('REFUNDCLOSE and CHANGE are scriptable (by number or for the next refund); a closed refund frees its amount', async () => {
    const { sim, clock } = makeSim({ refundDelayMs: 1000 });
    await paidOrder(sim, 'REFUND008', 1000);
    sim.scriptRefund('REFUNDCLOSE', 'RF081');
    sim.scriptRefund('CHANGE');
    await refund(sim, 'REFUND008', 'RF081', 1000, 1000);
    await clock.advance(1000);
    expect((await rq(sim, { out_refund_no: 'RF081' })).xml.refund_status_0).toBe('REFUNDCLOSE');
    await refund(sim, 'REFUND008', 'RF082', 400, 1000);
    await refund(sim, 'REFUND008', 'RF083', 100, 1000);
    await clock.advance(1000);
    expect((await rq(sim, { out_refund_no: 'RF082' })).xml.refund_status_0).toBe('CHANGE');
    expect((await rq(sim, { out_refund_no: 'RF083' })).xml.refund_status_0).toBe('SUCCESS');
  });
});

describe('refundquery', () => {
  it('REFUNDNOTEXIST when there is nothing to find', async () => {
    const { sim } = makeSim();
    await paidOrder(sim, 'RQUERY001');
    expect((await rq(sim, { out_trade_no: 'RQUERY001' })).xml.err_code).toBe('REFUNDNOTEXIST');
    expect((await rq(sim, { out_refund_no: 'NOPE' })).xml.err_code).toBe('REFUNDNOTEXIST');
    expect((await rq(sim, { out_trade_no: 'RQUERY404' })).xml.err_code).toBe('REFUNDNOTEXIST');
  });

  it('pages by offset (10 per page with total_refund_count), 20 without offset; offset past the end is PARAM_ERROR', async () => {
    const { sim } = makeSim({ refundDelayMs: 0 });
    await paidOrder(sim, 'RQUERY002', 100);
    for (let i = 0; i < 23; i++) await refund(sim, 'RQUERY002', `Q2-${String(i).padStart(2, '0')}`, 1, 100);
    const all = await rq(sim, { out_trade_no: 'RQUERY002' });
    expect(all.xml.refund_count).toBe('20');
    expect(all.xml.total_refund_count).toBeUndefined();
    const page = await rq(sim, { out_trade_no: 'RQUERY002', offset: 10 });
    expect(page.xml).toMatchObject({ refund_count: '10', total_refund_count: '23', out_refund_no_0: 'Q2-10', out_refund_no_9: 'Q2-19', refund_status_0: 'SUCCESS' });
    const last = await rq(sim, { out_trade_no: 'RQUERY002', offset: 20 });
    expect(last.xml).toMatchObject({ refund_count: '3', out_refund_no_2: 'Q2-22' });
    expect(last.xml.out_refund_no_3).toBeUndefined();
    expect((await rq(sim, { out_trade_no: 'RQUERY002', offset: 24 })).xml.err_code).toBe('PARAM_ERROR');
    const tx = (await query(sim, 'RQUERY002')).transaction_id ?? '';
    const byRefundId = await rq(sim, { refund_id: page.xml.refund_id_0 ?? '', out_trade_no: 'RQUERY002' });
    expect(byRefundId.xml).toMatchObject({ refund_count: '1', out_refund_no_0: 'Q2-10', transaction_id: tx });
  });
});
