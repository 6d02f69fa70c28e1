// The project's own client (src/core/wxpay) against the simulator over HTTPS with mutual TLS:
// every endpoint the engine uses round-trips and classifies as expected.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { createWxPayClient, type WxPayClient } from '../../../src/core/wxpay';
import { SANDBOX_MERCHANT, startSimulator, type Simulator } from '../../../src/sim';
import { START } from './support';

let sim: Simulator;
let client: WxPayClient;
const clock = new VirtualClock(START);

beforeAll(async () => {
  sim = await startSimulator({ clock, https: true, refundDelayMs: 0 });
  const certs = sim.certs;
  if (!certs || !sim.httpsUrl) throw new Error('https expected');
  const m = certs.merchant(SANDBOX_MERCHANT.mchId);
  client = createWxPayClient({
    appid: SANDBOX_MERCHANT.appid,
    mchId: SANDBOX_MERCHANT.mchId,
    key: SANDBOX_MERCHANT.key,
    signType: 'HMAC-SHA256',
    baseUrl: sim.httpsUrl,
    backupUrl: null,
    ca: readFileSync(certs.ca),
    cert: { certPem: readFileSync(m.cert, 'utf8'), keyPem: readFileSync(m.key, 'utf8') },
    clock,
  });
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('src/core/wxpay client against the simulator', () => {
  it('native order, payment, refund, refundquery, quick pay, reverse, close, bill', async () => {
    const uo = await client.unifiedOrder({ outTradeNo: 'OWNCLIENT1', totalFee: 1234, body: '模拟-咖啡', productId: 'P1', spbillCreateIp: '127.0.0.1', notifyUrl: 'https://pos.example.com/n', timeExpire: START + 10 * 60_000 });
    if (uo.kind !== 'ok') throw new Error(JSON.stringify(uo));
    expect(sim.phone.scanAndPay(uo.value.codeUrl).ok).toBe(true);
    const q = await client.orderQuery({ outTradeNo: 'OWNCLIENT1' });
    expect(q.kind === 'ok' && q.value.tradeState).toBe('SUCCESS');
    const rf = await client.refund({ outTradeNo: 'OWNCLIENT1', outRefundNo: 'OWNR1', totalFee: 1234, refundFee: 34 });
    expect(rf.kind === 'ok' && rf.value.refundFee).toBe(34);
    const rq = await client.refundQuery({ outTradeNo: 'OWNCLIENT1', offset: 0 });
    expect(rq.kind === 'ok' && rq.value.refunds.map((r) => r.status)).toEqual(['SUCCESS']);
    const mp = await client.microPay({ outTradeNo: 'OWNCLIENT2', totalFee: 5, body: 'x', authCode: sim.phone.mintAuthCode({ then: 'password' }), spbillCreateIp: '127.0.0.1' });
    expect(mp).toMatchObject({ kind: 'unknown', code: 'USERPAYING' });
    expect(await client.reverse({ outTradeNo: 'OWNCLIENT2' })).toEqual({ kind: 'ok', value: { recall: false } });
    await clock.advance(5 * 60_000);
    expect((await client.closeOrder({ outTradeNo: 'OWNCLIENT1' })).kind).not.toBe('ok'); // ORDERPAID
    await clock.advance(86_400_000); // the 15th's bill exists from 10:00 on the 16th
    const bill = await client.downloadBill({ billDate: '20260115', gzip: true });
    expect(bill.kind === 'ok' && bill.value.rows.length).toBe(2); // the payment and its refund; the reversed quick pay never paid
  });
});
