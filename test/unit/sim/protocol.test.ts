// The V2 envelope: POST only, XML, signature checks with the request's sign_type, signed replies
// (CDATA strings, bare integers), appid/mch_id checks, field rules with gateway codes, sandbox paths.
import { describe, expect, it } from 'vitest';
import { sign } from '../../../src/core/wxpay/sign';
import { buildXml } from '../../../src/core/wxpay/xml';
import { SANDBOX_MERCHANT, SECOND_MERCHANT } from '../../../src/sim';
import { call, makeSim, newOrder, ORDER, raw, replySigned, signedXml } from './support';

describe('envelope', () => {
  it('answers non-POST with an unsigned FAIL, HTTP 200', async () => {
    const { sim } = makeSim();
    const r = await raw(sim, '/pay/orderquery', '', undefined, 'GET');
    expect(r.status).toBe(200);
    expect(r.xml).toEqual({ return_code: 'FAIL', return_msg: '请使用post方法' });
  });

  it('refuses empty, non-UTF-8, non-XML and 4-byte-character bodies at protocol level', async () => {
    const { sim } = makeSim();
    expect((await raw(sim, '/pay/orderquery', '')).xml.return_msg).toBe('post数据为空');
    expect((await raw(sim, '/pay/orderquery', new Uint8Array([0x3c, 0xff, 0xfe]))).xml.return_msg).toMatch(/UTF-8/);
    expect((await raw(sim, '/pay/orderquery', '<xml><a>1</a>')).xml).toEqual({ return_code: 'FAIL', return_msg: 'XML格式错误' });
    expect((await raw(sim, '/pay/orderquery', '<!DOCTYPE x><xml></xml>')).xml.return_msg).toBe('XML格式错误');
    const emoji = await call(sim, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'EMOJI001', body: '咖啡☕🍰' });
    expect(emoji.xml.return_code).toBe('FAIL');
    expect(emoji.xml.return_msg).toMatch(/1-3字节/);
  });

  it('rejects a wrong signature with an unsigned FAIL 签名错误 and changes nothing', async () => {
    const { sim } = makeSim();
    const good = signedXml({ ...ORDER, out_trade_no: 'TAMPER01' });
    const tampered = good.replace('<total_fee>1234</total_fee>', '<total_fee>1</total_fee>');
    const r = await raw(sim, '/pay/unifiedorder', tampered);
    expect(r.xml).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
    expect(sim.orders()).toEqual([]);
    // Signed with the other merchant's key.
    const wrongKey = await newOrder(sim, 'TAMPER02', {}, { ...SANDBOX_MERCHANT, key: SECOND_MERCHANT.key });
    expect(wrongKey.xml.return_msg).toBe('签名错误');
  });

  it("verifies with the request's sign_type (MD5 default, HMAC-SHA256 when named) and signs the reply alike", async () => {
    const { sim } = makeSim();
    const md5 = await newOrder(sim, 'SIGNMD501');
    expect(md5.xml.result_code).toBe('SUCCESS');
    expect(md5.xml.sign).toHaveLength(32);
    expect(replySigned(md5.xml, SANDBOX_MERCHANT, 'MD5')).toBe(true);
    const hmac = await call(sim, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'SIGNHMAC1' }, { type: 'HMAC-SHA256' });
    expect(hmac.xml.result_code).toBe('SUCCESS');
    expect(hmac.xml.sign).toHaveLength(64);
    expect(hmac.xml.sign_type).toBeUndefined(); // responses carry no sign_type
    expect(replySigned(hmac.xml, SANDBOX_MERCHANT, 'HMAC-SHA256')).toBe(true);
    // An HMAC signature presented as MD5 (no sign_type) fails.
    const p: Record<string, string | number> = { appid: SANDBOX_MERCHANT.appid, mch_id: SANDBOX_MERCHANT.mchId, nonce_str: 'x1', out_trade_no: 'SIGNHMAC1' };
    p.sign = sign(p, SANDBOX_MERCHANT.key, 'HMAC-SHA256');
    expect((await raw(sim, '/pay/orderquery', buildXml(p))).xml.return_msg).toBe('签名错误');
  });

  it('includes unknown fields in the signature and ignores empty values', async () => {
    const { sim } = makeSim();
    const r = await call(sim, '/pay/orderquery', { out_trade_no: 'NOPE0001', future_field: 'x', attach: '' });
    expect(r.xml.return_code).toBe('SUCCESS');
    const body = signedXml({ out_trade_no: 'NOPE0001', future_field: 'x' }).replace('<future_field><![CDATA[x]]>', '<future_field><![CDATA[y]]>');
    expect((await raw(sim, '/pay/orderquery', body)).xml.return_msg).toBe('签名错误');
  });

  it('writes strings as CDATA and integers bare; FAIL replies are signed too', async () => {
    const { sim } = makeSim();
    const created = await newOrder(sim, 'CDATA0001');
    expect(created.text).toContain('<code_url><![CDATA[weixin://wxpay/bizpayurl?pr=');
    const q = await raw(sim, '/pay/orderquery', signedXml({ out_trade_no: 'CDATA0001' }));
    expect(q.text).toContain('<total_fee>1234</total_fee>');
    expect(q.text).toContain('<trade_state><![CDATA[NOTPAY]]></trade_state>');
    const missing = await call(sim, '/pay/orderquery', { out_trade_no: 'MISSING01' });
    expect(missing.xml).toMatchObject({ return_code: 'SUCCESS', result_code: 'FAIL', err_code: 'ORDERNOTEXIST' });
    expect(replySigned(missing.xml)).toBe(true);
  });

  it('checks mch_id exists and appid belongs to it', async () => {
    const { sim } = makeSim();
    const unknown = await newOrder(sim, 'MCH00001', {}, { ...SANDBOX_MERCHANT, mchId: '1999999999' });
    expect(unknown.xml.return_code).toBe('FAIL');
    expect(unknown.xml.return_msg).toMatch(/商户号不存在/);
    const otherApp = await newOrder(sim, 'MCH00002', {}, { ...SANDBOX_MERCHANT, appid: SECOND_MERCHANT.appid });
    expect(otherApp.xml).toEqual({ return_code: 'FAIL', return_msg: 'appid和mch_id不匹配' });
    const noNonce = buildXml({ appid: SANDBOX_MERCHANT.appid, mch_id: SANDBOX_MERCHANT.mchId, sign: 'A'.repeat(32) });
    expect((await raw(sim, '/pay/orderquery', noNonce)).xml.return_msg).toBe('缺少参数nonce_str');
    const longAppid = await newOrder(sim, 'MCH00003', {}, { ...SANDBOX_MERCHANT, appid: 'w'.repeat(33) });
    expect(longAppid.xml.return_msg).toBe('appid参数长度有误');
    const badType = signedXml({ out_trade_no: 'MCH00004' }).replace('<xml>', '<xml><sign_type>SHA1</sign_type>');
    expect((await raw(sim, '/pay/orderquery', badType)).xml.return_msg).toBe('sign_type参数格式错误');
  });

  it('applies field presence, length and charset rules with the gateway codes', async () => {
    const { sim } = makeSim();
    const cases: [Record<string, string | number>, string, RegExp][] = [
      [{ body: '' }, 'LACK_PARAMS', /body/],
      [{ notify_url: '' }, 'LACK_PARAMS', /notify_url/],
      [{ body: '长'.repeat(43) }, 'INVALID_REQUEST', /body参数长度有误/], // 129 bytes
      [{ out_trade_no: 'bad no!' }, 'INVALID_REQUEST', /out_trade_no参数格式错误/],
      [{ out_trade_no: 'A12' }, 'INVALID_REQUEST', /out_trade_no/], // shorter than 6
      [{ total_fee: '12.5' }, 'INVALID_REQUEST', /total_fee/],
      [{ total_fee: 0 }, 'INVALID_REQUEST', /total_fee/],
      [{ notify_url: 'https://pos.example.com/n?x=1' }, 'INVALID_REQUEST', /notify_url/],
      [{ time_expire: '2026-01-15' }, 'INVALID_REQUEST', /time_expire/],
      [{ fee_type: 'USD' }, 'INVALID_REQUEST', /fee_type/],
      [{ product_id: '' }, 'CUSTOM_ERROR', /product_id/],
      [{ trade_type: 'JSAPI' }, 'NOAUTH', /权限/],
    ];
    for (const [patch, code, des] of cases) {
      const r = await call(sim, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'FIELDS001', ...patch });
      expect(r.xml.err_code, JSON.stringify(patch)).toBe(code);
      expect(r.xml.err_code_des).toMatch(des);
      expect(replySigned(r.xml)).toBe(true);
    }
    // Same rules elsewhere use PARAM_ERROR for malformed values.
    const refund = await call(sim, '/secapi/pay/refund', { out_trade_no: 'FIELDS001', out_refund_no: 'R 1', total_fee: 1, refund_fee: 1 });
    expect(refund.xml.err_code).toBe('PARAM_ERROR');
    expect(sim.orders()).toEqual([]);
  });

  it('answers unknown paths with 404 and /payitil/report with SUCCESS', async () => {
    const { sim } = makeSim();
    expect((await raw(sim, '/pay/nothing', signedXml({}))).status).toBe(404);
    const rep = await call(sim, '/payitil/report', { interface_url: 'https://api.mch.weixin.qq.com/pay/orderquery', execute_time_: 120, return_code: 'SUCCESS', return_msg: 'OK', result_code: 'SUCCESS', user_ip: '127.0.0.1' });
    expect(rep.xml).toEqual({ return_code: 'SUCCESS', return_msg: 'OK', result_code: 'SUCCESS' });
  });
});

describe('sandbox (getsignkey and /sandboxnew paths)', () => {
  it('hands out a sandbox key signed for with the real key, then requires it (MD5) on sandbox paths', async () => {
    const { sim } = makeSim();
    const p: Record<string, string> = { mch_id: SANDBOX_MERCHANT.mchId, nonce_str: 'abc' };
    p.sign = sign(p, SANDBOX_MERCHANT.key, 'MD5');
    const got = await raw(sim, '/sandboxnew/pay/getsignkey', buildXml(p));
    expect(got.xml.return_code).toBe('SUCCESS');
    const sandboxKey = got.xml.sandbox_signkey ?? '';
    expect(sandboxKey).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.sandboxKey(SANDBOX_MERCHANT.mchId)).toBe(sandboxKey);
    const ok = await call(sim, '/sandboxnew/pay/unifiedorder', { ...ORDER, out_trade_no: 'SBX00001' }, { key: sandboxKey });
    expect(ok.xml.result_code).toBe('SUCCESS');
    expect(replySigned(ok.xml, { ...SANDBOX_MERCHANT, key: sandboxKey })).toBe(true);
    const prodKey = await call(sim, '/sandboxnew/pay/orderquery', { out_trade_no: 'SBX00001' });
    expect(prodKey.xml.return_msg).toMatch(/^沙箱验证签名失败/);
    const hmac = await call(sim, '/sandboxnew/pay/orderquery', { out_trade_no: 'SBX00001' }, { key: sandboxKey, type: 'HMAC-SHA256' });
    expect(hmac.xml.return_msg).toMatch(/^沙箱验证签名失败/);
    const alt = await call(sim, '/xdc/apiv2sandbox/pay/orderquery', { out_trade_no: 'SBX00001' }, { key: sandboxKey });
    expect(alt.xml.trade_state).toBe('NOTPAY');
  });
});
