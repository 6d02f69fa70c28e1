// HTTPS with the test CA; mutual TLS on /secapi/*: the merchant's own certificate is accepted, no
// certificate or one from an unknown CA (or expired) is refused at the connection, another
// merchant's certificate gets FAIL 证书验证失败.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { parseXml } from '../../../src/core/wxpay/xml';
import { findTestCertsDir, SECOND_MERCHANT, startSimulator, type Simulator } from '../../../src/sim';
import { signedXml, ORDER, START } from './support';

const dir = findTestCertsDir() ?? '';
const pem = (f: string): string => readFileSync(join(dir, f), 'utf8');
let sim: Simulator;
const agents: Agent[] = [];

function agent(certFile?: string, keyFile?: string, ca = pem('ca.pem')): Agent {
  const a = new Agent({ connect: { ca, ...(certFile && keyFile ? { cert: pem(certFile), key: pem(keyFile) } : {}) } });
  agents.push(a);
  return a;
}

async function post(a: Agent, path: string, body: string): Promise<Record<string, string>> {
  const r = await request(`${sim.httpsUrl}${path}`, { method: 'POST', body, dispatcher: a });
  return parseXml(await r.body.text());
}

const refundBody = (no: string, rno: string) => signedXml({ out_trade_no: no, out_refund_no: rno, total_fee: 1234, refund_fee: 1 });

beforeAll(async () => {
  sim = await startSimulator({ clock: new VirtualClock(START), https: true, refundDelayMs: 0 });
  // One paid order to refund.
  const plain = agent();
  const created = await post(plain, '/pay/unifiedorder', signedXml({ ...ORDER, out_trade_no: 'TLSORDER1' }));
  sim.phone.scanAndPay(created.code_url ?? '');
});

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close().catch(() => undefined)));
  await sim.close();
});

describe('HTTPS listener', () => {
  it('serves /pay/* over TLS without a client certificate', async () => {
    expect(sim.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const q = await post(agent(), '/pay/orderquery', signedXml({ out_trade_no: 'TLSORDER1' }));
    expect(q.trade_state).toBe('SUCCESS');
  });

  it('accepts the merchant certificate on /secapi/pay/refund', async () => {
    const r = await post(agent('merchant-1900000109.pem', 'merchant-1900000109.key'), '/secapi/pay/refund', refundBody('TLSORDER1', 'TLSR1'));
    expect(r).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS', out_refund_no: 'TLSR1' });
  });

  it('refuses /secapi/* without a client certificate by closing the connection, unprocessed', async () => {
    await expect(post(agent(), '/secapi/pay/refund', refundBody('TLSORDER1', 'TLSR2'))).rejects.toThrow();
    expect(sim.refunds().some((r) => r.outRefundNo === 'TLSR2')).toBe(false);
    expect(sim.journal().at(-1)?.result).toBe('drop');
  });

  it('refuses certificates from an unknown CA and expired ones at the TLS layer', async () => {
    await expect(post(agent('merchant-by-other-ca.pem', 'merchant-by-other-ca.key'), '/secapi/pay/refund', refundBody('TLSORDER1', 'TLSR3'))).rejects.toThrow();
    await expect(post(agent('expired-merchant.pem', 'expired-merchant.key'), '/secapi/pay/refund', refundBody('TLSORDER1', 'TLSR4'))).rejects.toThrow();
    expect(sim.refunds().map((r) => r.outRefundNo)).toEqual(['TLSR1']);
  });

  it("answers FAIL 证书验证失败 for another merchant's certificate", async () => {
    const r = await post(agent(`merchant-${SECOND_MERCHANT.mchId}.pem`, `merchant-${SECOND_MERCHANT.mchId}.key`), '/secapi/pay/refund', refundBody('TLSORDER1', 'TLSR5'));
    expect(r.return_code).toBe('FAIL');
    expect(r.return_msg).toMatch(/证书验证失败/);
  });

  it('does not serve the /sim/ control API over HTTPS', async () => {
    const r = await request(`${sim.httpsUrl}/sim/orders`, { dispatcher: agent() });
    expect(r.statusCode).toBe(404);
    await r.body.dump();
  });

  it('a client that does not trust the test CA fails the handshake', async () => {
    await expect(post(agent(undefined, undefined, pem('other-ca.pem')), '/pay/orderquery', signedXml({ out_trade_no: 'TLSORDER1' }))).rejects.toThrow();
  });
});
