// Escaped values are legal XML (issue 9 point 7): a peer that writes `Tea &amp; Cake` instead of
// CDATA must be understood by the simulator (request parsing) and by the client (response parsing),
// and the signature covers the DECODED string, as WeChat signs it. Refusals stay refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { createWxPayClient, type WxPayHttpClient } from '../../../src/core/wxpay/client';
import { sign } from '../../../src/core/wxpay/sign';
import { createSimulator, SANDBOX_MERCHANT, type SimulatorCore } from '../../../src/sim';
import { parseXml } from '../../../src/core/wxpay/xml';
import { MERCHANT, startFake, type FakeGateway, type Reply } from './support/fake-gateway';

const START = Date.UTC(2026, 0, 15, 2, 0, 0); // 10:00 Beijing

/** XML the way an escaping (non-CDATA) sender writes it: & < > escaped in plain text. */
function escapedXml(fields: Record<string, string | number>): string {
  const esc = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<xml>${Object.entries(fields).map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`).join('')}</xml>`;
}

describe('simulator: a request whose values are escaped with entities', () => {
  let sim: SimulatorCore;
  beforeAll(() => {
    sim = createSimulator({ clock: new VirtualClock(START), seed: 7 });
  });

  const order = (outTradeNo: string, body: string): Record<string, string | number> => ({
    appid: SANDBOX_MERCHANT.appid,
    mch_id: SANDBOX_MERCHANT.mchId,
    nonce_str: `nonce-${outTradeNo}`,
    body,
    out_trade_no: outTradeNo,
    total_fee: 1234,
    spbill_create_ip: '127.0.0.1',
    notify_url: 'https://pos.example.com/notify',
    trade_type: 'NATIVE',
    product_id: 'P1',
  });

  async function post(xml: string): Promise<Record<string, string>> {
    const r = await sim.handle({ method: 'POST', path: '/pay/unifiedorder', body: xml });
    if (r.kind !== 'reply') throw new Error(`expected a reply, got ${r.kind}`);
    return parseXml(Buffer.from(r.body).toString('utf8'), { maxBytes: 1 << 20 });
  }

  it('accepts `Tea &amp; Cake` signed over the decoded `Tea & Cake` (was XML格式错误)', async () => {
    const p = order('ENT0001', 'Tea & Cake');
    const xml = escapedXml({ ...p, sign: sign(p, SANDBOX_MERCHANT.key, 'MD5') });
    expect(xml).toContain('<body>Tea &amp; Cake</body>');
    const reply = await post(xml);
    expect(reply).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS' });
    expect(reply.code_url).toMatch(/^weixin:\/\//);
  });

  it('numeric references decode too (&#38; and &#x26; are the same &)', async () => {
    const p = order('ENT0002', 'Tea & Cake <2>');
    const s = sign(p, SANDBOX_MERCHANT.key, 'MD5');
    const xml = escapedXml({ ...p, sign: s }).replace('Tea &amp; Cake &lt;2&gt;', 'Tea &#38; Cake &#x3C;2&#62;');
    expect(xml).toContain('&#38;');
    expect(await post(xml)).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS' });
  });

  it('a signature over the escaped text (not what WeChat signs) is refused: 签名错误', async () => {
    const p = order('ENT0003', 'Tea &amp; Cake');
    const xml = escapedXml({ ...p, sign: sign(p, SANDBOX_MERCHANT.key, 'MD5') }).replace('Tea &amp;amp; Cake', 'Tea &amp; Cake');
    expect(await post(xml)).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
  });

  it('entities other than the five, DOCTYPE and reference floods stay XML格式错误', async () => {
    const p = order('ENT0004', 'Tea Cake');
    const good = escapedXml({ ...p, sign: sign(p, SANDBOX_MERCHANT.key, 'MD5') });
    const fail = { return_code: 'FAIL', return_msg: 'XML格式错误' };
    expect(await post(good.replace('Tea Cake', 'Tea&nbsp;Cake'))).toEqual(fail);
    expect(await post(good.replace('Tea Cake', 'Tea&#0;Cake'))).toEqual(fail);
    expect(await post(`<!DOCTYPE xml [<!ENTITY t "Tea Cake">]>${good.replace('Tea Cake', '&t;')}`)).toEqual(fail);
    expect(await post(good.replace('Tea Cake', '&amp;'.repeat(1001)))).toEqual(fail);
  });
});

describe('client: a response whose values are escaped with entities', () => {
  let reply: Reply = { xml: {} };
  let gateway: FakeGateway;
  let client: WxPayHttpClient;
  beforeAll(async () => {
    gateway = await startFake(() => reply);
    client = createWxPayClient({
      ...MERCHANT,
      signType: 'MD5',
      baseUrl: gateway.url,
      backupUrl: null,
      clock: new VirtualClock(START),
      nonce: () => 'nonce0123456789',
      connectTimeoutMs: 1_000,
      readTimeoutMs: 1_000,
    });
  });
  afterAll(async () => {
    await client.close();
    await gateway.close();
  });

  const answer: Record<string, string> = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: MERCHANT.appid,
    mch_id: MERCHANT.mchId,
    nonce_str: 'fakeNonce0123456789',
    result_code: 'SUCCESS',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功 <ok>',
    out_trade_no: 'T-ENT-1',
    transaction_id: '4200000925202101284997714292',
    total_fee: '1234',
    attach: 'Tea & Cake',
  };

  it('orderquery reads `Tea &amp; Cake` as `Tea & Cake` and verifies the signature over it', async () => {
    const raw = escapedXml({ ...answer, sign: sign(answer, MERCHANT.key, 'MD5') });
    expect(raw).toContain('<attach>Tea &amp; Cake</attach>');
    reply = { raw };
    const o = await client.orderQuery({ outTradeNo: 'T-ENT-1' });
    expect(o.kind).toBe('ok');
    if (o.kind === 'ok') {
      expect(o.value.raw.attach).toBe('Tea & Cake');
      expect(o.value.tradeStateDesc).toBe('支付成功 <ok>');
      expect(o.value.totalFee).toBe(1234);
    }
  });

  it('the same answer signed over the escaped text is not trusted (unknown, query again)', async () => {
    const wrong = { ...answer, attach: 'Tea &amp; Cake', trade_state_desc: '支付成功 &lt;ok&gt;' };
    reply = { raw: escapedXml({ ...answer, sign: sign(wrong, MERCHANT.key, 'MD5') }) };
    const o = await client.orderQuery({ outTradeNo: 'T-ENT-1' });
    expect(o).toMatchObject({ kind: 'unknown', code: 'RESPONSE_SIGNATURE_INVALID' });
  });

  it('an answer with a DOCTYPE entity or an unknown entity is RESPONSE_MALFORMED', async () => {
    const raw = escapedXml({ ...answer, sign: sign(answer, MERCHANT.key, 'MD5') });
    reply = { raw: raw.replace('Tea &amp; Cake', 'Tea&nbsp;Cake') };
    expect(await client.orderQuery({ outTradeNo: 'T-ENT-1' })).toMatchObject({ kind: 'unknown', code: 'RESPONSE_MALFORMED' });
    reply = { raw: `<!DOCTYPE xml [<!ENTITY s "SUCCESS">]>${raw.replace('<trade_state>SUCCESS', '<trade_state>&s;')}` };
    expect(await client.orderQuery({ outTradeNo: 'T-ENT-1' })).toMatchObject({ kind: 'unknown', code: 'RESPONSE_MALFORMED' });
  });
});
