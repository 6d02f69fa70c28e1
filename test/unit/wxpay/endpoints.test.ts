// Every endpoint round-trips against a tiny fake that checks the request signature and fields and
// answers signed with the request's algorithm (sign.ts), including result_code=FAIL answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createWxPayClient, type WxPayHttpClient } from '../../../src/core/wxpay/client';
import { verifySign } from '../../../src/core/wxpay/sign';
import type { SignType } from '../../../src/core/wxpay/types';
import { VirtualClock } from '../../../src/common/clock';
import { MERCHANT, startFake, type FakeGateway, type Received, type Reply } from './support/fake-gateway';

let answer: (r: Received) => Reply = () => ({ signed: { result_code: 'SUCCESS' } });
let gateway: FakeGateway;
const clock = new VirtualClock(Date.UTC(2026, 0, 15, 2, 0, 0)); // 10:00 Beijing
let nonces = 0;

beforeAll(async () => {
  gateway = await startFake((r) => {
    // A real gateway rejects a bad signature at protocol level, unsigned.
    const type = (r.params.sign_type ?? 'MD5') as SignType;
    if (!verifySign(r.params, MERCHANT.key, type)) {
      return { xml: { return_code: 'FAIL', return_msg: '签名错误' } };
    }
    return answer(r);
  });
});
afterAll(async () => {
  await gateway.close();
});

function client(signType: SignType = 'HMAC-SHA256', extra: { key?: string } = {}): WxPayHttpClient {
  return createWxPayClient({
    ...MERCHANT,
    ...extra,
    signType,
    baseUrl: gateway.url,
    backupUrl: null,
    clock,
    nonce: () => `nonce${++nonces}`,
    connectTimeoutMs: 1_000,
    readTimeoutMs: 1_000,
  });
}

function last(): Received {
  const r = gateway.received[gateway.received.length - 1];
  if (!r) throw new Error('nothing received');
  return r;
}

describe.each(['MD5', 'HMAC-SHA256'] as const)('round trips signed %s', (signType) => {
  let c: WxPayHttpClient;
  beforeAll(() => {
    c = client(signType);
  });
  afterAll(() => c.close());

  it('unifiedorder NATIVE', async () => {
    answer = () => ({ signed: { result_code: 'SUCCESS', trade_type: 'NATIVE', prepay_id: 'wx201410272009395522657a690389285100', code_url: 'weixin://wxpay/bizpayurl?pr=NwY5Mz9' } });
    const o = await c.unifiedOrder({
      outTradeNo: 'T20260115001',
      totalFee: 1234,
      body: '小张南山店-超市',
      productId: 'SALE-1',
      spbillCreateIp: '192.168.1.20',
      notifyUrl: 'https://pos.example.com/wxpay/notify',
      timeStart: clock.now(),
      timeExpire: clock.now() + 10 * 60_000,
      attach: 'till=1',
    });
    expect(o).toEqual({ kind: 'ok', value: { prepayId: 'wx201410272009395522657a690389285100', codeUrl: 'weixin://wxpay/bizpayurl?pr=NwY5Mz9' } });
    const p = last().params;
    expect(last().path).toBe('/pay/unifiedorder');
    expect(p).toMatchObject({
      appid: MERCHANT.appid,
      mch_id: MERCHANT.mchId,
      sign_type: signType,
      trade_type: 'NATIVE',
      total_fee: '1234',
      body: '小张南山店-超市',
      product_id: 'SALE-1',
      time_start: '20260115100000',
      time_expire: '20260115101000',
      attach: 'till=1',
    });
    expect(p.sign).toHaveLength(signType === 'MD5' ? 32 : 64);
    expect(last().body).toContain('<total_fee>1234</total_fee>');
  });

  it('orderquery by out_trade_no and by transaction_id', async () => {
    answer = () => ({
      signed: {
        result_code: 'SUCCESS',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        out_trade_no: 'T20260115001',
        transaction_id: '4200000925202101284997714292',
        total_fee: 1234,
        time_end: '20260115100501',
      },
    });
    const o = await c.orderQuery({ outTradeNo: 'T20260115001' });
    expect(o.kind).toBe('ok');
    if (o.kind === 'ok') {
      expect(o.value).toMatchObject({
        tradeState: 'SUCCESS',
        outTradeNo: 'T20260115001',
        transactionId: '4200000925202101284997714292', // 28 digits stay a string
        totalFee: 1234,
        timeEnd: '20260115100501',
      });
      expect(o.value.raw.trade_state_desc).toBe('支付成功');
    }
    const o2 = await c.orderQuery({ transactionId: '4200000925202101284997714292' });
    expect(o2.kind).toBe('ok');
    expect(last().params.transaction_id).toBe('4200000925202101284997714292');
    expect(last().params.out_trade_no).toBeUndefined();
  });

  it('orderquery NOTPAY with few fields', async () => {
    answer = () => ({ signed: { result_code: 'SUCCESS', trade_state: 'NOTPAY', trade_state_desc: '订单未支付', out_trade_no: 'T20260115001', total_fee: 1234 } });
    const o = await c.orderQuery({ outTradeNo: 'T20260115001' });
    expect(o).toMatchObject({ kind: 'ok', value: { tradeState: 'NOTPAY', transactionId: null, timeEnd: null } });
  });

  it('closeorder, and ORDERCLOSED counts as closed', async () => {
    answer = () => ({ signed: { result_code: 'SUCCESS', result_msg: 'OK' } });
    expect(await c.closeOrder({ outTradeNo: 'T20260115001' })).toEqual({ kind: 'ok', value: { closed: true } });
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'ORDERCLOSED', err_code_des: '订单已关闭' } });
    expect(await c.closeOrder({ outTradeNo: 'T20260115001' })).toEqual({ kind: 'ok', value: { closed: true } });
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'ORDERPAID', err_code_des: '订单已支付' } });
    expect(await c.closeOrder({ outTradeNo: 'T20260115001' })).toMatchObject({ kind: 'unknown', code: 'ORDERPAID' });
  });

  it('refund (over http to a loopback fake: no certificate needed)', async () => {
    answer = (r) => ({
      signed: {
        result_code: 'SUCCESS',
        out_trade_no: r.params.out_trade_no ?? '',
        out_refund_no: r.params.out_refund_no ?? '',
        refund_id: '50000408942018111907145868882',
        total_fee: 1234,
        refund_fee: 500,
        refund_channel: '', // empty field: excluded from the signature (node-tenpay#17)
      },
    });
    const o = await c.refund({ outTradeNo: 'T20260115001', outRefundNo: 'R20260115001-1', totalFee: 1234, refundFee: 500, refundDesc: '退货' });
    expect(o).toEqual({ kind: 'ok', value: { refundId: '50000408942018111907145868882', outRefundNo: 'R20260115001-1', refundFee: 500 } });
    expect(last().path).toBe('/secapi/pay/refund');
    expect(last().params).toMatchObject({ total_fee: '1234', refund_fee: '500', refund_desc: '退货' });
  });

  it('refund SYSTEMERROR is retry-same, ERROR is fail with the text verbatim', async () => {
    const req = { outTradeNo: 'T20260115001', outRefundNo: 'R1', totalFee: 1234, refundFee: 500 };
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'SYSTEMERROR', err_code_des: '系统超时' } });
    expect(await c.refund(req)).toEqual({ kind: 'retry-same', code: 'SYSTEMERROR', message: '系统超时' });
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'ERROR', err_code_des: '订单已全额退款' } });
    expect(await c.refund(req)).toEqual({ kind: 'fail', errCode: 'ERROR', errCodeDes: '订单已全额退款' });
  });

  it('refundquery flattens _$n fields and sends offset', async () => {
    answer = () => ({
      signed: {
        result_code: 'SUCCESS',
        out_trade_no: 'T20260115001',
        transaction_id: '4200000925202101284997714292',
        total_fee: 1234,
        total_refund_count: 12,
        refund_count: 2,
        out_refund_no_0: 'R10',
        refund_id_0: '500000000010',
        refund_fee_0: 100,
        refund_status_0: 'SUCCESS',
        refund_success_time_0: '2026-01-15 10:20:00',
        out_refund_no_1: 'R11',
        refund_id_1: '500000000011',
        refund_fee_1: 200,
        refund_status_1: 'PROCESSING',
        coupon_refund_fee_1_0: 5,
      },
    });
    const o = await c.refundQuery({ outTradeNo: 'T20260115001', offset: 10 });
    expect(last().params.offset).toBe('10');
    expect(o).toEqual({
      kind: 'ok',
      value: {
        outTradeNo: 'T20260115001',
        transactionId: '4200000925202101284997714292',
        totalFee: 1234,
        totalRefundCount: 12,
        refunds: [
          { outRefundNo: 'R10', refundId: '500000000010', refundFee: 100, status: 'SUCCESS', successTime: '2026-01-15 10:20:00' },
          { outRefundNo: 'R11', refundId: '500000000011', refundFee: 200, status: 'PROCESSING', successTime: null },
        ],
      },
    });
    // by out_refund_no: the answer must list that refund
    expect((await c.refundQuery({ outRefundNo: 'R11' })).kind).toBe('ok');
    expect((await c.refundQuery({ outRefundNo: 'R99' })).kind).toBe('unknown');
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'REFUNDNOTEXIST', err_code_des: '退款订单查询失败' } });
    expect(await c.refundQuery({ outRefundNo: 'R99' })).toEqual({ kind: 'fail', errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' });
  });

  it('micropay success and USERPAYING', async () => {
    const req = { outTradeNo: 'T20260115002', totalFee: 888, body: 'coffee', authCode: '134567890123456789', spbillCreateIp: '::1' };
    answer = () => ({ signed: { result_code: 'SUCCESS', transaction_id: '4200000001', out_trade_no: 'T20260115002', total_fee: 888, time_end: '20260115100000', trade_type: 'MICROPAY' } });
    expect(await c.microPay(req)).toEqual({ kind: 'ok', value: { transactionId: '4200000001', outTradeNo: 'T20260115002', totalFee: 888, timeEnd: '20260115100000' } });
    expect(last().params.auth_code).toBe('134567890123456789');
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'USERPAYING', err_code_des: '需要用户输入支付密码' } });
    expect(await c.microPay(req)).toEqual({ kind: 'unknown', code: 'USERPAYING', message: '需要用户输入支付密码' });
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'AUTH_CODE_INVALID', err_code_des: '101 付款码已过期' } });
    expect(await c.microPay(req)).toEqual({ kind: 'fail', errCode: 'AUTH_CODE_INVALID', errCodeDes: '101 付款码已过期' });
  });

  it('reverse: recall flag, and recall=Y on an unknown error means call again', async () => {
    answer = () => ({ signed: { result_code: 'SUCCESS', recall: 'N' } });
    expect(await c.reverse({ outTradeNo: 'T20260115002' })).toEqual({ kind: 'ok', value: { recall: false } });
    expect(last().path).toBe('/secapi/pay/reverse');
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'SOMETHING_NEW', err_code_des: '请重试', recall: 'Y' } });
    expect(await c.reverse({ outTradeNo: 'T20260115002' })).toMatchObject({ kind: 'retry-same' });
    answer = () => ({ signed: { result_code: 'FAIL', err_code: 'REVERSE_EXPIRE', err_code_des: '订单已超过撤销期', recall: 'N' } });
    expect(await c.reverse({ outTradeNo: 'T20260115002' })).toMatchObject({ kind: 'fail', errCode: 'REVERSE_EXPIRE' });
  });
});

describe('downloadbill', () => {
  let c: WxPayHttpClient;
  beforeAll(() => {
    c = client('MD5');
  });
  afterAll(() => c.close());
  const header = '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注';
  const row = (no: string) =>
    `\`2026-01-14 10:00:00,\`${MERCHANT.appid},\`${MERCHANT.mchId},\`0,\`till-1,\`42000000${no},\`T${no},\`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,\`NATIVE,\`SUCCESS,\`CMC,\`CNY,\`12.34,\`0.00,\`咖啡, 大杯,\`,\`0.07000,\`0.60%,\`12.34,\``;
  const summaryHeader = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
  const summary = '`2,`24.68,`0.00,`0.00,`0.14000,`24.68,`0.00';
  const bill = [header, row('0001'), row('0002'), summaryHeader, summary].join('\r\n') + '\r\n';

  it('plain text bill -> header, rows, summary', async () => {
    answer = () => ({ raw: bill });
    const o = await c.downloadBill({ billDate: '20260114', billType: 'SUCCESS' });
    expect(o.kind).toBe('ok');
    if (o.kind !== 'ok') return;
    expect(o.value.header).toHaveLength(20);
    expect(o.value.rows).toHaveLength(2);
    expect(o.value.rows[0]?.[14]).toBe('咖啡, 大杯'); // a comma inside a field survives
    expect(o.value.summary).toEqual(['2', '24.68', '0.00', '0.00', '0.14000', '24.68', '0.00']);
    expect(last().params).toMatchObject({ bill_date: '20260114', bill_type: 'SUCCESS' });
    expect(last().params.tar_type).toBeUndefined();
  });

  it('GZIP bill is decompressed from bytes', async () => {
    answer = () => ({ raw: gzipSync(Buffer.from(bill.replace(/\r\n/g, '\n'), 'utf8')), headers: { 'content-type': 'application/octet-stream' } });
    const o = await c.downloadBill({ billDate: '20260114', gzip: true });
    expect(last().params).toMatchObject({ tar_type: 'GZIP', bill_type: 'ALL' });
    expect(o.kind === 'ok' && o.value.rows.length).toBe(2);
  });

  it('"No Bill Exist" failure XML -> fail with error_code', async () => {
    answer = () => ({ xml: { return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' } });
    expect(await c.downloadBill({ billDate: '20260114', gzip: true })).toEqual({ kind: 'fail', errCode: '20002', errCodeDes: 'No Bill Exist' });
    answer = () => ({ xml: { return_code: 'FAIL', return_msg: 'Bill Creating', error_code: '20003' } });
    expect((await c.downloadBill({ billDate: '20260114' })).kind).toBe('retry-same');
    answer = () => ({ xml: { return_code: 'FAIL', return_msg: 'invalid bill_type', error_code: '20001' } });
    expect((await c.downloadBill({ billDate: '20260114' })).kind).toBe('fix');
  });

  it('a bill with rows of another merchant, a broken row, or broken gzip is not trusted', async () => {
    answer = () => ({ raw: bill.replace(`\`${MERCHANT.mchId}`, '`1900000110') });
    expect(await c.downloadBill({ billDate: '20260114' })).toMatchObject({ kind: 'unknown', code: 'BILL_MALFORMED' });
    answer = () => ({ raw: bill.replace(',`0.60%', '') });
    expect(await c.downloadBill({ billDate: '20260114' })).toMatchObject({ kind: 'unknown', code: 'BILL_MALFORMED' });
    answer = () => ({ raw: gzipSync(Buffer.from(bill)).subarray(0, 40) });
    expect(await c.downloadBill({ billDate: '20260114', gzip: true })).toMatchObject({ kind: 'unknown', code: 'BILL_MALFORMED' });
  });

  it('a bad bill_date is refused before sending', async () => {
    const before = gateway.received.length;
    expect(await c.downloadBill({ billDate: '20260230' })).toMatchObject({ kind: 'fix', code: 'INPUT_BILL_DATE' });
    expect(gateway.received.length).toBe(before);
  });
});

describe('getsignkey (sandbox)', () => {
  it('unsigned answer with sandbox_signkey, request signed MD5 without appid', async () => {
    const c = client('HMAC-SHA256');
    answer = () => ({ xml: { return_code: 'SUCCESS', return_msg: 'ok', mch_id: MERCHANT.mchId, sandbox_signkey: '013467007045764f7c0ac44b2a4bd0b2' } });
    expect(await c.getSignKey()).toEqual({ kind: 'ok', value: { sandboxSignKey: '013467007045764f7c0ac44b2a4bd0b2' } });
    expect(last().path).toBe('/pay/getsignkey');
    expect(Object.keys(last().params).sort()).toEqual(['mch_id', 'nonce_str', 'sign']);
    answer = () => ({ xml: { return_code: 'FAIL', return_msg: '沙箱验证签名失败' } });
    expect(await c.getSignKey()).toEqual({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '沙箱验证签名失败' });
    await c.close();
  });
});

describe('a wrong key is reported by the gateway as a protocol failure', () => {
  it('return_code=FAIL 签名错误 -> fix PROTOCOL_FAIL with return_msg verbatim', async () => {
    const c = client('MD5', { key: 'ffffffffffffffffffffffffffffffff' });
    expect(await c.orderQuery({ outTradeNo: 'T20260115001' })).toEqual({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '签名错误' });
    await c.close();
  });
});
