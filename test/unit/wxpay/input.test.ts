// Input is checked before anything is signed or sent: a bad value becomes Outcome 'fix', and the
// gateway sees nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createWxPayClient, type WxPayHttpClient } from '../../../src/core/wxpay/client';
import { cleanText, truncateUtf8 } from '../../../src/core/wxpay/validate';
import type { Outcome, UnifiedOrderRequest } from '../../../src/core/wxpay/types';
import { VirtualClock } from '../../../src/common/clock';
import { MERCHANT, startFake, type FakeGateway } from './support/fake-gateway';
import { suitePlan } from '../../support/sizes';

let g: FakeGateway;
let c: WxPayHttpClient;
const clock = new VirtualClock(Date.UTC(2026, 0, 15, 2, 0, 0));

beforeAll(async () => {
  g = await startFake(() => ({ signed: { result_code: 'SUCCESS', prepay_id: 'wx1', code_url: 'weixin://wxpay/bizpayurl?pr=x' } }));
  c = createWxPayClient({ ...MERCHANT, signType: 'MD5', baseUrl: g.url, backupUrl: null, clock });
});
afterAll(async () => {
  await c.close();
  await g.close();
});

const base: UnifiedOrderRequest = {
  outTradeNo: 'T20260115001',
  totalFee: 100,
  body: 'item',
  productId: 'P1',
  spbillCreateIp: '127.0.0.1',
  notifyUrl: 'https://example.com/notify',
};

async function refused(o: Promise<Outcome<unknown>>, code: string): Promise<void> {
  const before = g.received.length;
  const r = await o;
  expect(r).toMatchObject({ kind: 'fix', code });
  if (r.kind === 'fix') expect(r.message.length).toBeGreaterThan(10);
  expect(g.received.length).toBe(before);
}

describe('amounts: integer fen 1 .. 2^31-1', () => {
  it.each([0, -1, 1.5, 2 ** 31, Number.NaN, Infinity, 1e20])('total_fee %s is refused', async (fee) => {
    await refused(c.unifiedOrder({ ...base, totalFee: fee }), 'INPUT_AMOUNT');
  });
  it('a string amount is refused (no coercion)', async () => {
    await refused(c.unifiedOrder({ ...base, totalFee: '100' as unknown as number }), 'INPUT_AMOUNT');
  });
  it.each([1, 2 ** 31 - 1])('total_fee %s is sent', async (fee) => {
    expect((await c.unifiedOrder({ ...base, totalFee: fee })).kind).toBe('ok');
    expect(g.received.at(-1)?.params.total_fee).toBe(String(fee));
  });
  it('refund_fee > total_fee is refused; equal is sent', async () => {
    const r = { outTradeNo: 'T20260115001', outRefundNo: 'R1', totalFee: 100 };
    await refused(c.refund({ ...r, refundFee: 101 }), 'INPUT_REFUND_EXCEEDS_TOTAL');
    await refused(c.refund({ ...r, refundFee: 0 }), 'INPUT_AMOUNT');
    await c.refund({ ...r, refundFee: 100 });
    expect(g.received.at(-1)?.path).toBe('/secapi/pay/refund');
  });
});

describe('out_trade_no and out_refund_no', () => {
  it.each(['12345', 'A'.repeat(33), 'T2026 0115', 'T2026@0115', 'T2026/0115', '订单123456', ''])('out_trade_no %j refused', async (no) => {
    await refused(c.unifiedOrder({ ...base, outTradeNo: no }), 'INPUT_OUT_TRADE_NO');
    await refused(c.orderQuery({ outTradeNo: no }), 'INPUT_OUT_TRADE_NO');
  });
  it.each(['123456', 'A'.repeat(32), 'a_b-c|d*e9'])('out_trade_no %j accepted', async (no) => {
    expect((await c.unifiedOrder({ ...base, outTradeNo: no })).kind).toBe('ok');
  });
  it.each(['', 'R'.repeat(65), 'R 1', 'R#1'])('out_refund_no %j refused', async (no) => {
    await refused(c.refund({ outTradeNo: 'T20260115001', outRefundNo: no, totalFee: 10, refundFee: 1 }), 'INPUT_OUT_REFUND_NO');
  });
  it('out_refund_no allows @ and 64 chars', async () => {
    await c.refund({ outTradeNo: 'T20260115001', outRefundNo: 'R@1' + 'x'.repeat(61), totalFee: 10, refundFee: 1 });
    expect(g.received.at(-1)?.params.out_refund_no).toHaveLength(64);
  });
  it('other fields: IP, notify_url, auth_code, offset, product_id', async () => {
    await refused(c.unifiedOrder({ ...base, spbillCreateIp: '999.1.1.1' }), 'INPUT_FIELD');
    await refused(c.unifiedOrder({ ...base, notifyUrl: 'https://example.com/n?x=1' }), 'INPUT_FIELD');
    await refused(c.unifiedOrder({ ...base, productId: 'P 1' }), 'INPUT_FIELD');
    await refused(c.microPay({ outTradeNo: 'T20260115001', totalFee: 1, body: 'b', authCode: '1234', spbillCreateIp: '127.0.0.1' }), 'INPUT_FIELD');
    await refused(c.refundQuery({ outTradeNo: 'T20260115001', offset: -1 }), 'INPUT_OFFSET');
    await refused(c.unifiedOrder({ ...base, attach: '😀' }), 'INPUT_FIELD');
  });
});

describe('body: at most 127 UTF-8 bytes, whole characters, no 4-byte code points', () => {
  it('long Chinese text is cut on a character boundary', async () => {
    await c.unifiedOrder({ ...base, body: '汉'.repeat(50) }); // 150 bytes
    const sent = g.received.at(-1)?.params.body ?? '';
    expect(sent).toBe('汉'.repeat(42)); // 126 bytes; a 43rd would need 129
    expect(Buffer.byteLength(sent)).toBe(126);
  });
  it('emoji are replaced by "?" (WeChat rejects 4-byte UTF-8)', async () => {
    await c.unifiedOrder({ ...base, body: 'Tea 🍵 x2' });
    expect(g.received.at(-1)?.params.body).toBe('Tea ? x2');
  });
  it('an empty body is refused', async () => {
    await refused(c.unifiedOrder({ ...base, body: '  ' }), 'INPUT_BODY');
  });
  it('property: cleanText never exceeds the budget, never splits, never keeps astral code points', () => {
    const { seed, size } = suitePlan(import.meta.url, { seedVar: 'INPUT_SEED', unit: 2_000, soak: 10_000 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 0, max: 140 }), (s, max) => {
        const out = cleanText(s, max);
        expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(max);
        expect(/[\ud800-\udfff]/.test(out)).toBe(false);
        const t = truncateUtf8(s.replace(/[\ud800-\udfff]/g, 'x'), max);
        expect(s.replace(/[\ud800-\udfff]/g, 'x').startsWith(t)).toBe(true);
        expect(Buffer.from(t, 'utf8').toString('utf8')).toBe(t);
      }),
      { seed, numRuns: size },
    );
  });
});

describe('times', () => {
  it('time_expire in the past or before time_start is refused', async () => {
    await refused(c.unifiedOrder({ ...base, timeExpire: clock.now() - 1 }), 'INPUT_TIME');
    await refused(c.unifiedOrder({ ...base, timeStart: clock.now() + 600_000, timeExpire: clock.now() + 300_000 }), 'INPUT_TIME');
    await refused(c.unifiedOrder({ ...base, timeStart: Number.NaN }), 'INPUT_TIME');
  });
});
