// Test helpers: build signed requests as a merchant would, call the simulator in-process or over
// HTTP, decode and verify its replies.
import { request } from 'undici';
import { VirtualClock } from '../../../src/common/clock';
import { sign, verifySign } from '../../../src/core/wxpay/sign';
import type { SignType } from '../../../src/core/wxpay/types';
import { buildXml, parseXml, type Params } from '../../../src/core/wxpay/xml';
import { createSimulator, SANDBOX_MERCHANT, type SimMerchant, type SimOptions, type SimPeer, type SimulatorCore } from '../../../src/sim';

export const START = Date.UTC(2026, 0, 15, 2, 0, 0); // 10:00 Beijing
let nonceSeq = 0;

export function signedXml(fields: Record<string, string | number>, m: SimMerchant = SANDBOX_MERCHANT, type: SignType = 'MD5', key = m.key): string {
  const p: Record<string, string | number> = { appid: m.appid, mch_id: m.mchId, nonce_str: `n${++nonceSeq}`, ...fields };
  if (type === 'HMAC-SHA256') p.sign_type = 'HMAC-SHA256';
  p.sign = sign(p, key, type);
  return buildXml(p);
}

export interface Reply {
  readonly status: number;
  readonly xml: Params;
  readonly text: string;
}

export function makeSim(opts: SimOptions = {}): { sim: SimulatorCore; clock: VirtualClock } {
  const clock = new VirtualClock(START);
  return { sim: createSimulator({ clock, seed: 7, ...opts }), clock };
}

/** Calls a WeChat path in-process and parses the XML reply (throws on drop/reset). */
export async function call(
  sim: SimulatorCore,
  path: string,
  fields: Record<string, string | number>,
  opts: { merchant?: SimMerchant; type?: SignType; peer?: SimPeer; key?: string } = {},
): Promise<Reply> {
  const m = opts.merchant ?? SANDBOX_MERCHANT;
  const body = signedXml(fields, m, opts.type ?? 'MD5', opts.key ?? m.key);
  return raw(sim, path, body, opts.peer);
}

export async function raw(sim: SimulatorCore, path: string, body: string | Uint8Array, peer?: SimPeer, method = 'POST'): Promise<Reply> {
  const r = await sim.handle({ method, path, body, ...(peer ? { peer } : {}) });
  if (r.kind !== 'reply') throw new Error(`expected a reply, got ${r.kind}`);
  const text = Buffer.from(r.body).toString('utf8');
  return { status: r.status, text, xml: text.startsWith('<xml>') ? parseXml(text, { maxBytes: 1 << 20 }) : {} };
}

/** True when a SUCCESS reply carries a valid signature under the merchant key and algorithm. */
export function replySigned(x: Params, m: SimMerchant = SANDBOX_MERCHANT, type: SignType = 'MD5'): boolean {
  return verifySign(x, m.key, type);
}

export const ORDER = {
  body: '模拟商户-测试店-商品',
  total_fee: 1234,
  spbill_create_ip: '127.0.0.1',
  notify_url: 'https://pos.example.com/notify',
  trade_type: 'NATIVE',
  product_id: 'P1',
};

export async function newOrder(sim: SimulatorCore, outTradeNo: string, extra: Record<string, string | number> = {}, m?: SimMerchant): Promise<Reply> {
  return call(sim, '/pay/unifiedorder', { ...ORDER, out_trade_no: outTradeNo, ...extra }, m ? { merchant: m } : {});
}

export async function query(sim: SimulatorCore, outTradeNo: string, m?: SimMerchant): Promise<Params> {
  return (await call(sim, '/pay/orderquery', { out_trade_no: outTradeNo }, m ? { merchant: m } : {})).xml;
}

export async function http(url: string, body: string, method = 'POST'): Promise<{ status: number; text: string }> {
  const r = await request(url, { method: method as 'POST', body: method === 'GET' ? null : body, headers: { 'content-type': 'text/xml' } });
  return { status: r.statusCode, text: await r.body.text() };
}
