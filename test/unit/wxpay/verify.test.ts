// Nothing in an answer is read before its signature (with the request's algorithm), appid, mch_id and the
// echoed request fields check out. A forged or garbled answer is 'unknown' (query again), never ok/fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWxPayClient, type WxPayHttpClient } from '../../../src/core/wxpay/client';
import { sign } from '../../../src/core/wxpay/sign';
import { buildXml } from '../../../src/core/wxpay/xml';
import type { Outcome } from '../../../src/core/wxpay/types';
import { MERCHANT, signedXml, startFake, type FakeGateway, type Reply } from './support/fake-gateway';

let reply: Reply = { raw: '' };
let g: FakeGateway;
let c: WxPayHttpClient;

beforeAll(async () => {
  g = await startFake(() => reply);
  c = createWxPayClient({ ...MERCHANT, signType: 'HMAC-SHA256', baseUrl: g.url, backupUrl: null, readTimeoutMs: 1_000 });
});
afterAll(async () => {
  await c.close();
  await g.close();
});

const paid = {
  result_code: 'SUCCESS',
  trade_state: 'SUCCESS',
  out_trade_no: 'T20260115001',
  transaction_id: '4200000925202101284997714292',
  total_fee: 100,
  time_end: '20260115100000',
};

function rawXml(fields: Record<string, string | number>): Reply {
  return { raw: buildXml(fields), headers: { 'content-type': 'text/xml' } };
}

async function query(): Promise<Outcome<unknown>> {
  return c.orderQuery({ outTradeNo: 'T20260115001' });
}

describe('response verification', () => {
  it('a correctly signed HMAC answer is ok', async () => {
    reply = { signed: paid };
    expect((await query()).kind).toBe('ok');
  });

  it('signed with MD5 although we asked HMAC-SHA256 -> unknown RESPONSE_SIGNATURE_INVALID', async () => {
    reply = { signed: paid, signType: 'MD5' };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('signed with another key (forged "paid") -> unknown', async () => {
    reply = { signed: paid, key: '00000000000000000000000000000000' };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('a field changed after signing (total_fee) -> unknown', async () => {
    reply = { raw: signedXml(paid, 'HMAC-SHA256').replace('<total_fee>100</total_fee>', '<total_fee>1</total_fee>') };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('a result_code=FAIL answer without a signature is not trusted as a failure', async () => {
    reply = rawXml({ return_code: 'SUCCESS', appid: MERCHANT.appid, mch_id: MERCHANT.mchId, result_code: 'FAIL', err_code: 'ORDERNOTEXIST', err_code_des: 'x' });
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('validly signed but for another appid or mch_id -> unknown RESPONSE_IDENTITY_MISMATCH', async () => {
    for (const [appid, mchId] of [
      ['wx0000000000000000', MERCHANT.mchId],
      [MERCHANT.appid, '1900000110'],
    ] as const) {
      const p: Record<string, string | number> = { return_code: 'SUCCESS', appid, mch_id: mchId, nonce_str: 'n', ...paid };
      p.sign = sign(p, MERCHANT.key, 'HMAC-SHA256');
      reply = rawXml(p);
      expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_IDENTITY_MISMATCH' });
    }
  });

  it('validly signed but about another order -> unknown RESPONSE_ECHO_MISMATCH', async () => {
    reply = { signed: { ...paid, out_trade_no: 'T20260115999' } };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_ECHO_MISMATCH' });
    reply = { signed: { result_code: 'SUCCESS', out_trade_no: 'T1X0001', out_refund_no: 'R1', refund_id: '5', refund_fee: 1, total_fee: 100 } };
    const r = await c.refund({ outTradeNo: 'T1X0001', outRefundNo: 'R1', totalFee: 100, refundFee: 10 });
    expect(r).toMatchObject({ kind: 'unknown', code: 'RESPONSE_ECHO_MISMATCH' });
  });

  it('a paid order without amount -> unknown RESPONSE_MALFORMED; an undocumented trade_state -> unknown', async () => {
    const { total_fee: _drop, ...noFee } = paid;
    reply = { signed: noFee };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_MALFORMED' });
    reply = { signed: { ...paid, trade_state: 'PAID_MAYBE' } };
    expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_UNEXPECTED_STATE' });
  });

  it('not XML, hostile XML, empty body -> unknown RESPONSE_MALFORMED', async () => {
    for (const raw of ['<html>502</html>', '<!DOCTYPE x [<!ENTITY a "b">]><xml><return_code>&a;</return_code></xml>', '', 'SUCCESS']) {
      reply = { raw };
      expect(await query()).toMatchObject({ kind: 'unknown', code: 'RESPONSE_MALFORMED' });
    }
  });

  it('return_code=FAIL (unsigned) -> fix PROTOCOL_FAIL with return_msg verbatim', async () => {
    reply = rawXml({ return_code: 'FAIL', return_msg: '商户号该产品权限未开通，请前往商户平台>产品中心检查后重试' });
    expect(await query()).toEqual({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '商户号该产品权限未开通，请前往商户平台>产品中心检查后重试' });
  });
});
