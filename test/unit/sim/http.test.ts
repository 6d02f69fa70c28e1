// The HTTP listener: WeChat paths behave as in-process, faults show up on the socket (dropped
// connection, reset after processing, a response held past the client's timeout, 502 page,
// truncated body), and the /sim/ control API drives the phone, faults and listings.
import { Pool, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { parseXml } from '../../../src/core/wxpay/xml';
import { SIM_TOKEN_HEADER, startSimulator, type Simulator } from '../../../src/sim';
import { ORDER, signedXml, START } from './support';

let sim: Simulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(opts: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
  sim = await startSimulator({ clock: new VirtualClock(START), ...opts });
  return sim;
}

async function wx(s: Simulator, path: string, fields: Record<string, string | number>): Promise<Record<string, string>> {
  const r = await request(`${s.url}${path}`, { method: 'POST', body: signedXml(fields) });
  return parseXml(await r.body.text());
}

async function ctl<T = Record<string, unknown>>(s: Simulator, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const r = await request(`${s.controlUrl}${path}`, { method, headers: { [SIM_TOKEN_HEADER]: s.controlToken }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: r.statusCode, json: (await r.body.json()) as T };
}

describe('HTTP listener', () => {
  it('listens on 127.0.0.1 with a free port and serves the protocol', async () => {
    const s = await start();
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'HTTP00001' });
    expect(created.result_code).toBe('SUCCESS');
    const get = await request(`${s.url}/pay/orderquery`);
    expect(parseXml(await get.body.text()).return_msg).toBe('请使用post方法');
  });

  it('drop: the connection closes and nothing happened; reset: processed, then the connection resets', async () => {
    const s = await start();
    s.faults.add({ endpoint: 'unifiedorder', kind: 'drop' });
    await expect(wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'HTTP00002' })).rejects.toThrow();
    expect(s.orders()).toEqual([]);
    s.faults.add({ endpoint: 'unifiedorder', kind: 'reset' });
    await expect(wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'HTTP00002' })).rejects.toThrow();
    expect(s.orders().map((o) => o.state)).toEqual(['NOTPAY']);
  });

  it("delay holds the response past the client's timeout (state applied)", async () => {
    const delayClock = new VirtualClock(START);
    const s = await start({ delayClock });
    s.faults.add({ endpoint: 'unifiedorder', kind: 'delay', delayMs: 30_000 });
    const pool = new Pool(s.url, { headersTimeout: 300 });
    try {
      await expect(
        pool.request({ path: '/pay/unifiedorder', method: 'POST', body: signedXml({ ...ORDER, out_trade_no: 'HTTP00003' }) }),
      ).rejects.toThrow(/timeout/i);
      expect(s.orders().map((o) => o.outTradeNo)).toEqual(['HTTP00003']);
      expect(delayClock.pending).toBe(1);
      await delayClock.advance(30_000);
    } finally {
      await pool.destroy();
    }
  });

  it('html502 and truncated arrive as such', async () => {
    const s = await start();
    s.faults.add({ endpoint: 'orderquery', kind: 'html502' });
    const h = await request(`${s.url}/pay/orderquery`, { method: 'POST', body: signedXml({ out_trade_no: 'HTTP00004' }) });
    expect(h.statusCode).toBe(502);
    expect(h.headers['content-type']).toBe('text/html');
    expect(await h.body.text()).toMatch(/^<html>/);
    s.faults.add({ endpoint: 'orderquery', kind: 'truncated' });
    const t = await request(`${s.url}/pay/orderquery`, { method: 'POST', body: signedXml({ out_trade_no: 'HTTP00004' }) });
    const text = await t.body.text();
    expect(t.statusCode).toBe(200);
    expect(text.startsWith('<xml>')).toBe(true);
    expect(text.endsWith('</xml>')).toBe(false);
  });
});

describe('/sim/ control API', () => {
  it('the phone pays from the code_url alone; orders, refunds and the journal are listed', async () => {
    const s = await start({ refundDelayMs: 0 });
    const created = await wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'CTL000001' });
    const scanned = await ctl(s, 'POST', '/phone/scan', { codeUrl: created.code_url });
    expect(scanned.json).toMatchObject({ ok: true, totalFee: 1234, merchantName: '模拟商户-测试店' });
    const paid = await ctl(s, 'POST', '/phone/pay', { codeUrl: created.code_url });
    expect(paid.json).toMatchObject({ ok: true });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000001' })).trade_state).toBe('SUCCESS');
    await wx(s, '/secapi/pay/refund', { out_trade_no: 'CTL000001', out_refund_no: 'CTLR1', total_fee: 1234, refund_fee: 4 });
    const orders = await ctl<{ orders: { outTradeNo: string; state: string; refundedFee: number }[] }>(s, 'GET', '/orders?mch_id=1900000109');
    expect(orders.json.orders).toMatchObject([{ outTradeNo: 'CTL000001', state: 'REFUND', refundedFee: 4 }]);
    const refunds = await ctl<{ refunds: { outRefundNo: string; status: string }[] }>(s, 'GET', '/refunds');
    expect(refunds.json.refunds).toMatchObject([{ outRefundNo: 'CTLR1', status: 'SUCCESS' }]);
    const journal = await ctl<{ journal: { endpoint: string }[] }>(s, 'GET', '/journal?limit=2');
    expect(journal.json.journal.map((j) => j.endpoint)).toEqual(['orderquery', 'refund']);
    expect((await ctl(s, 'GET', '/orders?mch_id=1900000110')).json).toEqual({ orders: [] });
  });

  it('pays after N seconds, fails with NOTENOUGH, mints auth codes, advances a virtual clock', async () => {
    const s = await start();
    const a = await wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'CTL000002' });
    expect((await ctl(s, 'POST', '/phone/fail', { codeUrl: a.code_url, reason: 'NOTENOUGH' })).json).toMatchObject({ ok: false, reason: 'NOTENOUGH' });
    await ctl(s, 'POST', '/phone/pay', { codeUrl: a.code_url, afterMs: 20_000 });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000002' })).trade_state).toBe('NOTPAY');
    expect((await ctl(s, 'POST', '/clock/advance', { ms: 20_000 })).json).toEqual({ now: START + 20_000 });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000002' })).trade_state).toBe('SUCCESS');
    const code = await ctl<{ authCode: string }>(s, 'POST', '/phone/auth-code', { then: 'password', afterMs: 5000 });
    expect(code.json.authCode).toMatch(/^1[0-5]\d{16}$/);
    const mp = await wx(s, '/pay/micropay', { body: 'b', out_trade_no: 'CTL000003', total_fee: 5, spbill_create_ip: '127.0.0.1', auth_code: code.json.authCode });
    expect(mp.err_code).toBe('USERPAYING');
    expect((await ctl(s, 'POST', '/phone/password', { authCode: code.json.authCode })).json).toMatchObject({ ok: true });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000003' })).trade_state).toBe('SUCCESS');
  });

  it('adds, lists and clears faults; scripts refunds; rejects bad payloads', async () => {
    const s = await start({ refundDelayMs: 0 });
    const added = await ctl<{ id: number }>(s, 'POST', '/faults', { endpoint: 'orderquery', kind: 'SYSTEMERROR', count: 1 });
    expect(added.json.id).toBeGreaterThan(0);
    expect((await ctl<{ faults: unknown[] }>(s, 'GET', '/faults')).json.faults).toHaveLength(1);
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000004' })).err_code).toBe('SYSTEMERROR');
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000004' })).err_code).toBe('ORDERNOTEXIST');
    await ctl(s, 'POST', '/faults', { endpoint: '*', kind: 'BANKERROR', probability: 1 });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000004' })).err_code).toBe('BANKERROR');
    expect((await ctl(s, 'DELETE', '/faults')).json).toEqual({ cleared: true });
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'CTL000004' })).err_code).toBe('ORDERNOTEXIST');
    expect((await ctl(s, 'POST', '/faults', { endpoint: 'nope', kind: 'drop' })).status).toBe(400);
    expect((await ctl(s, 'POST', '/faults', { endpoint: 'orderquery', kind: 'delay', delayMs: 999_999 })).status).toBe(400);
    expect((await ctl(s, 'POST', '/refunds/script', { outcome: 'CHANGE' })).json).toEqual({ scripted: true });
    const a = await wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'CTL000005' });
    await ctl(s, 'POST', '/phone/pay', { codeUrl: a.code_url });
    await wx(s, '/secapi/pay/refund', { out_trade_no: 'CTL000005', out_refund_no: 'CTLR5', total_fee: 1234, refund_fee: 1 });
    expect((await wx(s, '/pay/refundquery', { out_refund_no: 'CTLR5' })).refund_status_0).toBe('CHANGE');
    expect((await ctl(s, 'GET', '/nothing')).status).toBe(404);
    expect((await ctl(s, 'POST', '/reset')).json).toEqual({ reset: true });
    expect(s.orders()).toEqual([]);
  });

  it('registers a merchant at run time', async () => {
    const s = await start();
    const m = { appid: 'wx00000000000000aa', mchId: '1900000999', key: 'a'.repeat(32) };
    expect((await ctl(s, 'POST', '/merchants', m)).json).toEqual({ added: '1900000999' });
    const r = await request(`${s.url}/pay/unifiedorder`, { method: 'POST', body: signedXml({ ...ORDER, out_trade_no: 'CTL000006' }, m) });
    expect(parseXml(await r.body.text()).result_code).toBe('SUCCESS');
    const info = await ctl<{ merchants: { mchId: string }[] }>(s, 'GET', '');
    expect(info.json.merchants.map((x) => x.mchId)).toContain('1900000999');
    expect(JSON.stringify(info.json)).not.toContain(m.key);
  });
});

// --- issue 11 point 7: the control API needs the simulator's random token ---
describe('/sim/ control API token', () => {
  it('refuses a request without the token or with a wrong one (401) and changes nothing; the right token works', async () => {
    const s = await start();
    expect(s.controlToken).toMatch(/^[0-9a-f]{64}$/);
    const created = await wx(s, '/pay/unifiedorder', { ...ORDER, out_trade_no: 'TOK000001' });
    for (const headers of [{}, { [SIM_TOKEN_HEADER]: 'nope' }, { [SIM_TOKEN_HEADER]: s.controlToken.slice(0, 63) + 'x' }]) {
      const r = await request(`${s.controlUrl}/phone/pay`, { method: 'POST', headers, body: JSON.stringify({ codeUrl: created.code_url }) });
      expect(r.statusCode).toBe(401);
      expect(((await r.body.json()) as { error: string }).error).toMatch(/token/);
      const reset = await request(`${s.controlUrl}/reset`, { method: 'POST', headers });
      expect(reset.statusCode).toBe(401);
      await reset.body.text();
    }
    // Nothing was paid or reset by the refused calls.
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'TOK000001' })).trade_state).toBe('NOTPAY');
    expect((await ctl(s, 'POST', '/phone/pay', { codeUrl: created.code_url })).status).toBe(200);
    expect((await wx(s, '/pay/orderquery', { out_trade_no: 'TOK000001' })).trade_state).toBe('SUCCESS');
  });

  it('each simulator gets its own token unless one is given', async () => {
    const a = await startSimulator({ clock: new VirtualClock(START) });
    const b = await startSimulator({ clock: new VirtualClock(START), controlToken: 'given-token' });
    try {
      expect(a.controlToken).not.toBe((await start()).controlToken);
      expect(b.controlToken).toBe('given-token');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
