// Native mode 2 orders: re-entry, ORDERPAID/ORDERCLOSED/ORDERNOTEXIST, the 2 h code_url, time_expire
// (Beijing time), the closeorder floor; all on a VirtualClock.
import { describe, expect, it } from 'vitest';
import { call, makeSim, newOrder, query, START } from './support';

const MIN = 60_000;
/** yyyyMMddHHmmss in Beijing for an epoch ms. */
function bj(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

describe('unifiedorder re-entry', () => {
  it('same out_trade_no and identical params: a new code_url for the same order', async () => {
    const { sim, clock } = makeSim();
    const a = await newOrder(sim, 'REENTRY01');
    await clock.advance(10 * MIN);
    const b = await newOrder(sim, 'REENTRY01');
    expect(b.xml.result_code).toBe('SUCCESS');
    expect(b.xml.code_url).not.toBe(a.xml.code_url);
    expect(b.xml.prepay_id).not.toBe(a.xml.prepay_id);
    expect(sim.orders()).toHaveLength(1);
    expect(sim.order('1900000109', 'REENTRY01')?.codeUrls).toEqual([a.xml.code_url, b.xml.code_url]);
  });

  it('changed params: INVALID_REQUEST 201 商户订单号重复', async () => {
    const { sim } = makeSim();
    await newOrder(sim, 'REENTRY02');
    const patches: Record<string, string | number>[] = [{ total_fee: 1235 }, { body: '别的商品' }, { attach: 'x' }];
    for (const patch of patches) {
      const r = await newOrder(sim, 'REENTRY02', patch);
      expect(r.xml).toMatchObject({ result_code: 'FAIL', err_code: 'INVALID_REQUEST', err_code_des: '201 商户订单号重复' });
    }
    expect(sim.order('1900000109', 'REENTRY02')?.totalFee).toBe(1234);
  });

  it('paid -> ORDERPAID; closed -> ORDERCLOSED; unknown -> ORDERNOTEXIST; quick-pay number -> OUT_TRADE_NO_USED', async () => {
    const { sim, clock } = makeSim();
    const a = await newOrder(sim, 'STATES001');
    expect(sim.phone.scanAndPay(a.xml.code_url ?? '').ok).toBe(true);
    expect((await newOrder(sim, 'STATES001')).xml.err_code).toBe('ORDERPAID');
    await newOrder(sim, 'STATES002');
    await clock.advance(5 * MIN);
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'STATES002' })).xml.result_code).toBe('SUCCESS');
    expect((await newOrder(sim, 'STATES002')).xml.err_code).toBe('ORDERCLOSED');
    expect((await query(sim, 'STATES002')).trade_state).toBe('CLOSED');
    expect((await query(sim, 'STATES404')).err_code).toBe('ORDERNOTEXIST');
    const code = sim.phone.mintAuthCode();
    await call(sim, '/pay/micropay', { body: 'b', out_trade_no: 'STATES003', total_fee: 1, spbill_create_ip: '127.0.0.1', auth_code: code });
    expect((await newOrder(sim, 'STATES003')).xml.err_code).toBe('OUT_TRADE_NO_USED');
  });

  it('orderquery by transaction_id (wins over out_trade_no) reports the paid facts', async () => {
    const { sim } = makeSim();
    const a = await newOrder(sim, 'TXQUERY01', { attach: 'till-1' });
    sim.phone.scanAndPay(a.xml.code_url ?? '');
    const tx = (await query(sim, 'TXQUERY01')).transaction_id ?? '';
    expect(tx).toMatch(/^\d{28}$/);
    const r = await call(sim, '/pay/orderquery', { transaction_id: tx, out_trade_no: 'OTHER0001' });
    expect(r.xml).toMatchObject({ trade_state: 'SUCCESS', out_trade_no: 'TXQUERY01', total_fee: '1234', cash_fee: '1234', attach: 'till-1', time_end: bj(START) });
  });
});

describe('time rules', () => {
  it('a code_url is valid for 2 h; re-entry issues a fresh one', async () => {
    const { sim, clock } = makeSim();
    const a = await newOrder(sim, 'CODEURL01');
    await clock.advance(2 * 3600_000);
    expect(sim.phone.scanAndPay(a.xml.code_url ?? '')).toMatchObject({ ok: false, reason: 'CODE_EXPIRED' });
    expect((await query(sim, 'CODEURL01')).trade_state).toBe('NOTPAY');
    const b = await newOrder(sim, 'CODEURL01');
    expect(sim.phone.scanAndPay(b.xml.code_url ?? '')).toMatchObject({ ok: true, totalFee: 1234 });
    expect((await query(sim, 'CODEURL01')).trade_state).toBe('SUCCESS');
  });

  it('time_expire is Beijing time and honoured: unpaid orders close at it, later payments are refused', async () => {
    const { sim, clock } = makeSim();
    const expire = START + 10 * MIN;
    const a = await newOrder(sim, 'EXPIRE001', { time_start: bj(START), time_expire: bj(expire) });
    expect(a.xml.result_code).toBe('SUCCESS');
    expect(sim.order('1900000109', 'EXPIRE001')?.timeExpire).toBe(expire);
    sim.phone.scanAndPayAfter(a.xml.code_url ?? '', 11 * MIN); // would confirm after the expiry
    await clock.advance(10 * MIN - 1000);
    expect((await query(sim, 'EXPIRE001')).trade_state).toBe('NOTPAY');
    await clock.advance(1000);
    expect((await query(sim, 'EXPIRE001')).trade_state).toBe('CLOSED');
    await clock.advance(5 * MIN);
    expect((await query(sim, 'EXPIRE001')).trade_state).toBe('CLOSED');
    expect(sim.phone.scanAndPay(a.xml.code_url ?? '')).toMatchObject({ ok: false, reason: 'ORDER_CLOSED' });
  });

  it('refuses a time_expire under 5 minutes away (Native) and an impossible date', async () => {
    const { sim } = makeSim();
    const short = await newOrder(sim, 'EXPIRE002', { time_expire: bj(START + 4 * MIN) });
    expect(short.xml).toMatchObject({ err_code: 'INVALID_REQUEST' });
    expect(short.xml.err_code_des).toMatch(/time_expire时间过短/);
    expect((await newOrder(sim, 'EXPIRE003', { time_expire: '20260231120000' })).xml.err_code).toBe('INVALID_REQUEST');
    expect((await newOrder(sim, 'EXPIRE004', { time_expire: bj(START + 5 * MIN) })).xml.result_code).toBe('SUCCESS');
  });

  it('closeorder: refused within the 5-minute floor, closes after; ORDERPAID on a paid order', async () => {
    const { sim, clock } = makeSim();
    await newOrder(sim, 'CLOSE0001');
    await clock.advance(5 * MIN - 1);
    const early = await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0001' });
    expect(early.xml).toMatchObject({ result_code: 'FAIL', err_code: 'SYSTEMERROR' });
    expect((await query(sim, 'CLOSE0001')).trade_state).toBe('NOTPAY');
    await clock.advance(1);
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0001' })).xml).toMatchObject({ result_code: 'SUCCESS', result_msg: 'OK' });
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0001' })).xml.err_code).toBe('ORDERCLOSED');
    const paid = await newOrder(sim, 'CLOSE0002');
    sim.phone.scanAndPay(paid.xml.code_url ?? '');
    await clock.advance(5 * MIN);
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0002' })).xml.err_code).toBe('ORDERPAID');
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0404' })).xml.err_code).toBe('ORDERNOTEXIST');
  });

  it('the close floor is configurable, and "silent" mode answers SUCCESS while the order stays open', async () => {
    const fast = makeSim({ closeFloorMs: 0 });
    await newOrder(fast.sim, 'CLOSE0003');
    expect((await call(fast.sim, '/pay/closeorder', { out_trade_no: 'CLOSE0003' })).xml.result_code).toBe('SUCCESS');
    const silent = makeSim({ closeEarly: 'silent' });
    const a = await newOrder(silent.sim, 'CLOSE0004');
    expect((await call(silent.sim, '/pay/closeorder', { out_trade_no: 'CLOSE0004' })).xml.result_code).toBe('SUCCESS');
    expect((await query(silent.sim, 'CLOSE0004')).trade_state).toBe('NOTPAY');
    expect(silent.sim.phone.scanAndPay(a.xml.code_url ?? '').ok).toBe(true);
  });

  it('closing cancels a payment the customer has not confirmed yet', async () => {
    const { sim, clock } = makeSim();
    const a = await newOrder(sim, 'CLOSE0005');
    await clock.advance(5 * MIN);
    sim.phone.scanAndPayAfter(a.xml.code_url ?? '', 30_000);
    expect((await call(sim, '/pay/closeorder', { out_trade_no: 'CLOSE0005' })).xml.result_code).toBe('SUCCESS');
    await clock.advance(60_000);
    expect((await query(sim, 'CLOSE0005')).trade_state).toBe('CLOSED');
  });
});
