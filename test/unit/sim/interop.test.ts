// Interop proof with an independent peer: tenpay 2.1.18 (befinal/node-tenpay, urllib underneath),
// its URL table pointed at the simulator's HTTPS listener, the test CA handed to urllib, the
// merchant's PKCS#12 for refund. tenpay verifies appid, mch_id and the signature of every reply.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { SANDBOX_MERCHANT, startSimulator, type Simulator } from '../../../src/sim';
import { START } from './support';

const require = createRequire(import.meta.url);

interface TenpayClient {
  urls: Record<string, string>;
  unifiedOrder(p: Record<string, unknown>): Promise<Record<string, string>>;
  orderQuery(p: Record<string, unknown>): Promise<Record<string, string>>;
  refund(p: Record<string, unknown>): Promise<Record<string, string>>;
  refundQuery(p: Record<string, unknown>): Promise<Record<string, string>>;
}
type TenpayCtor = new (cfg: Record<string, unknown>) => TenpayClient;
interface Urllib {
  request(url: string, opts: Record<string, unknown>, cb?: unknown): Promise<unknown>;
}

const Tenpay = require('tenpay') as TenpayCtor;
const urllib = require('urllib') as Urllib;
const originalRequest = urllib.request;
let sim: Simulator;
let clock: VirtualClock;
/** Optional mutation of the outgoing XML (for the tampering test). */
let tamper: ((xml: string) => string) | null = null;

function client(s: Simulator): TenpayClient {
  const certs = s.certs;
  if (!certs || !s.httpsUrl) throw new Error('https simulator expected');
  const t = new Tenpay({
    appid: SANDBOX_MERCHANT.appid,
    mchid: SANDBOX_MERCHANT.mchId,
    partnerKey: SANDBOX_MERCHANT.key,
    pfx: readFileSync(certs.merchant(SANDBOX_MERCHANT.mchId).p12),
    notify_url: 'https://pos.example.com/wxpay/notify',
    spbill_create_ip: '127.0.0.1',
  });
  // Repoint its URL table: same paths, the simulator's origin.
  for (const [name, url] of Object.entries(t.urls)) t.urls[name] = url.replace(/^https:\/\/[^/]+/, s.httpsUrl);
  return t;
}

beforeAll(async () => {
  clock = new VirtualClock(START);
  sim = await startSimulator({ clock, https: true, refundDelayMs: 5000 });
  const ca = readFileSync(sim.certs?.ca ?? '');
  // tenpay builds urllib options itself; the only way in for our CA is urllib's own `ca` option.
  urllib.request = function (url: string, opts: Record<string, unknown>, cb?: unknown) {
    const data = typeof opts.data === 'string' && tamper ? tamper(opts.data) : opts.data;
    return originalRequest.call(urllib, url, { ...opts, data, ca }, cb);
  };
});

afterAll(async () => {
  urllib.request = originalRequest;
  await sim.close();
});

describe('interop with tenpay 2.1.18', () => {
  it('unifiedorder -> phone pays -> orderquery SUCCESS -> refund (client cert) -> refundquery SUCCESS', async () => {
    const t = client(sim);
    const order = await t.unifiedOrder({ out_trade_no: 'TENPAY0001', body: '模拟商户-测试店-咖啡', total_fee: 2500, trade_type: 'NATIVE', product_id: 'COFFEE' });
    expect(order.code_url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    expect(sim.phone.scanAndPay(order.code_url ?? '')).toMatchObject({ ok: true, totalFee: 2500 });
    const q = await t.orderQuery({ out_trade_no: 'TENPAY0001' });
    expect(q).toMatchObject({ trade_state: 'SUCCESS', total_fee: '2500', out_trade_no: 'TENPAY0001' });
    const r = await t.refund({ out_trade_no: 'TENPAY0001', out_refund_no: 'TENPAYR001', total_fee: 2500, refund_fee: 500 });
    expect(r).toMatchObject({ result_code: 'SUCCESS', out_refund_no: 'TENPAYR001', refund_fee: '500' });
    expect((await t.refundQuery({ out_refund_no: 'TENPAYR001' })).refund_status_0).toBe('PROCESSING');
    await clock.advance(5000);
    const rq = await t.refundQuery({ out_trade_no: 'TENPAY0001' });
    expect(rq).toMatchObject({ refund_status_0: 'SUCCESS', out_refund_no_0: 'TENPAYR001', refund_count: '1' });
    expect((await t.orderQuery({ transaction_id: q.transaction_id })).trade_state).toBe('REFUND');
    // HMAC-SHA256 round trip: tenpay signs the request and checks our reply with it.
    expect((await t.orderQuery({ out_trade_no: 'TENPAY0001', sign_type: 'HMAC-SHA256' })).trade_state).toBe('REFUND');
  });

  it('a request tampered with after signing is rejected with 签名错误', async () => {
    const t = client(sim);
    tamper = (xml) => xml.replace('<total_fee>2500</total_fee>', '<total_fee>1</total_fee>');
    try {
      await expect(t.unifiedOrder({ out_trade_no: 'TENPAY0002', body: '咖啡', total_fee: 2500, trade_type: 'NATIVE', product_id: 'COFFEE' })).rejects.toThrow('签名错误');
    } finally {
      tamper = null;
    }
    expect(sim.order(SANDBOX_MERCHANT.mchId, 'TENPAY0002')).toBeNull();
  });
});
