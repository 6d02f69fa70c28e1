// Several merchants at once: separate books, keys and numbering; one merchant's key or id never
// reaches another's orders.
import { describe, expect, it } from 'vitest';
import { SANDBOX_MERCHANT, SECOND_MERCHANT, type SimMerchant } from '../../../src/sim';
import { call, makeSim, newOrder, query, replySigned } from './support';

const THIRD: SimMerchant = { appid: 'wx0000000000000003', mchId: '1900000111', key: '0123456789abcdef0123456789abcdef', extraAppids: ['wx0000000000000004'] };

describe('several merchants', () => {
  it('keeps books apart: the same out_trade_no lives independently per mch_id', async () => {
    const { sim } = makeSim({ merchants: [SANDBOX_MERCHANT, SECOND_MERCHANT, THIRD] });
    const a = await newOrder(sim, 'SHARED001', {}, SANDBOX_MERCHANT);
    const b = await newOrder(sim, 'SHARED001', { total_fee: 99 }, SECOND_MERCHANT);
    expect(b.xml.result_code).toBe('SUCCESS'); // not a re-entry conflict: another merchant
    expect(replySigned(b.xml, SECOND_MERCHANT)).toBe(true);
    sim.phone.scanAndPay(a.xml.code_url ?? '');
    expect((await query(sim, 'SHARED001', SANDBOX_MERCHANT)).trade_state).toBe('SUCCESS');
    expect((await query(sim, 'SHARED001', SECOND_MERCHANT)).trade_state).toBe('NOTPAY');
    expect(sim.orders(SECOND_MERCHANT.mchId).map((o) => o.totalFee)).toEqual([99]);
    const tx = (await query(sim, 'SHARED001', SANDBOX_MERCHANT)).transaction_id ?? '';
    expect((await call(sim, '/pay/orderquery', { transaction_id: tx }, { merchant: SECOND_MERCHANT })).xml.err_code).toBe('ORDERNOTEXIST');
  });

  it("refuses one merchant's key for another merchant's mch_id, and accepts any bound appid", async () => {
    const { sim } = makeSim({ merchants: [SANDBOX_MERCHANT, THIRD] });
    expect((await newOrder(sim, 'KEYS00001', {}, { ...THIRD, key: SANDBOX_MERCHANT.key })).xml.return_msg).toBe('签名错误');
    expect((await newOrder(sim, 'KEYS00002', {}, THIRD)).xml.result_code).toBe('SUCCESS');
    const bound = await newOrder(sim, 'KEYS00003', {}, { ...THIRD, appid: 'wx0000000000000004' });
    expect(bound.xml).toMatchObject({ result_code: 'SUCCESS', appid: 'wx0000000000000004' });
    expect((await newOrder(sim, 'KEYS00004', {}, SECOND_MERCHANT)).xml.return_msg).toMatch(/商户号不存在/);
    sim.addMerchant(SECOND_MERCHANT);
    expect((await newOrder(sim, 'KEYS00004', {}, SECOND_MERCHANT)).xml.result_code).toBe('SUCCESS');
  });
});
