// The simulator's bills through the real client (createWxPayClient → downloadBill over HTTP) into the
// reconciler: a day traded against the simulator reconciles cleanly; bills exist only from 10:00 the
// next day and for 3 months; discrepancies planted through the control API (/sim/bills/tamper) are
// found, and a lying summary is refused.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { differenceKey, isClean, parseBillResult, reconcileDay, type LocalDay, type ParsedBill } from '../../../src/core/reconcile';
import { createWxPayClient, type WxPayClient } from '../../../src/core/wxpay';
import { SANDBOX_MERCHANT, SIM_TOKEN_HEADER, startSimulator, type Simulator } from '../../../src/sim';
import { call, newOrder, START } from '../sim/support';

const DAY_MS = 86_400_000;
let sim: Simulator;
let client: WxPayClient;
const clock = new VirtualClock(START); // 2026-01-15 10:00 Beijing

/** What the till recorded for the 15th, read from the simulator's books (the till agrees with WeChat). */
function localDay(): LocalDay {
  const orders = sim.orders(SANDBOX_MERCHANT.mchId).filter((o) => o.paidAt !== null);
  return {
    receipts: orders.map((o) => ({
      outTradeNo: o.outTradeNo,
      transactionId: o.transactionId,
      totalFen: o.totalFee,
      paidAt: o.paidAt ?? 0,
      state: o.state === 'REVOKED' ? ('reversed' as const) : ('paid' as const),
      refundedFen: o.refundedFee,
      mode: o.tradeType === 'MICROPAY' ? ('quickpay' as const) : ('native' as const),
    })),
    refunds: sim.refunds(SANDBOX_MERCHANT.mchId).map((r) => ({
      outRefundNo: r.outRefundNo,
      outTradeNo: r.outTradeNo,
      refundId: r.refundId,
      amountFen: r.refundFee,
      state: r.status === 'SUCCESS' ? ('success' as const) : r.status === 'PROCESSING' ? ('pending' as const) : ('failed' as const),
    })),
  };
}

async function fetchBill(billDate: string, billType: 'ALL' | 'SUCCESS' | 'REFUND' = 'ALL'): Promise<ParsedBill> {
  const o = await client.downloadBill({ billDate, billType, gzip: true });
  if (o.kind !== 'ok') throw new Error(JSON.stringify(o));
  const p = parseBillResult(o.value);
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

async function control(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<number> {
  const r = await request(`${sim.controlUrl}${path}`, { method, body: body === undefined ? null : JSON.stringify(body), headers: { 'content-type': 'application/json', [SIM_TOKEN_HEADER]: sim.controlToken } });
  await r.body.text();
  return r.statusCode;
}

beforeAll(async () => {
  sim = await startSimulator({ clock, refundDelayMs: 0 });
  client = createWxPayClient({
    appid: SANDBOX_MERCHANT.appid,
    mchId: SANDBOX_MERCHANT.mchId,
    key: SANDBOX_MERCHANT.key,
    signType: 'HMAC-SHA256',
    baseUrl: sim.url,
    backupUrl: null,
    clock,
  });
  // The 15th: three paid native orders (one refunded in part, one not paid at all), a quick pay that
  // was paid and then reversed, and one that stayed.
  for (const [no, fee] of [['REC0001', 1999], ['REC0002', 1], ['REC0003', 123456]] as const) {
    const uo = await newOrder(sim, no, { total_fee: fee });
    expect(sim.phone.scanAndPay(uo.xml.code_url ?? '').ok).toBe(true);
  }
  await newOrder(sim, 'REC0004'); // never paid: never on a bill
  expect((await call(sim, '/secapi/pay/refund', { out_trade_no: 'REC0001', out_refund_no: 'RECR001', total_fee: 1999, refund_fee: 999 })).xml.result_code).toBe('SUCCESS');
  for (const no of ['REC0005', 'REC0006']) {
    const mp = await call(sim, '/pay/micropay', { body: '模拟店-收银', out_trade_no: no, total_fee: 888, spbill_create_ip: '127.0.0.1', auth_code: sim.phone.mintAuthCode() });
    expect(mp.xml.result_code).toBe('SUCCESS');
  }
  expect((await call(sim, '/secapi/pay/reverse', { out_trade_no: 'REC0005' })).xml.result_code).toBe('SUCCESS');
});

afterAll(async () => {
  await client.close();
  await sim.close();
});

describe('simulator bills through the real client', () => {
  it('"Bill Creating" until 10:00 Beijing the next day (the client retries)', async () => {
    expect((await client.downloadBill({ billDate: '20260115' })).kind).toBe('retry-same');
    await clock.advance(DAY_MS - 1000); // 09:59:59 on the 16th
    expect(await client.downloadBill({ billDate: '20260115' })).toMatchObject({ kind: 'retry-same', message: 'Bill Creating' });
    await clock.advance(1000); // 10:00:00
    expect((await client.downloadBill({ billDate: '20260115' })).kind).toBe('ok');
  });

  it('the day reconciles cleanly: every payment, the reversed quick pay (REVOKED) and the refund', async () => {
    const bill = await fetchBill('20260115');
    expect(bill.rows.find((r) => r.outTradeNo === 'REC0005')?.tradeState).toBe('REVOKED');
    const rep = reconcileDay(bill, localDay());
    expect(rep.differences).toEqual([]);
    expect(rep.matchedPayments).toBe(5);
    expect(rep.matchedRefunds).toBe(1);
    expect(rep.feesByOrder.get('REC0001')).toBe((1999 - 999) * 6); // 0.6 %, refund hands its part back
    expect(rep.feesByOrder.get('REC0003')).toBe(123456 * 6);
    // SUCCESS and REFUND bills parse and agree too
    expect(isClean(reconcileDay(await fetchBill('20260115', 'SUCCESS'), localDay()))).toBe(true);
    expect(isClean(reconcileDay(await fetchBill('20260115', 'REFUND'), localDay()))).toBe(true);
  });

  it('discrepancies planted through /sim/bills/tamper are found, exactly', async () => {
    for (const t of [
      { kind: 'drop', outTradeNo: 'REC0002' },
      { kind: 'extra', outTradeNo: 'NOTOURS01', totalFen: 500 },
      { kind: 'amount', outTradeNo: 'REC0003', deltaFen: -1 },
      { kind: 'revoke', outTradeNo: 'REC0006' },
      { kind: 'refund-amount', outRefundNo: 'RECR001', deltaFen: 1 },
    ]) {
      expect(await control('POST', '/bills/tamper', t)).toBe(200);
    }
    expect(await control('POST', '/bills/tamper', { kind: 'amount', outTradeNo: 'REC0003' })).toBe(400); // deltaFen missing
    const rep = reconcileDay(await fetchBill('20260115'), localDay());
    expect(rep.differences.map(differenceKey).sort()).toEqual(['amount:REC0003', 'long:NOTOURS01', 'refund-amount:RECR001', 'short:REC0002', 'status:REC0006']);
    expect(rep.matchedPayments).toBe(2);

    expect(await control('DELETE', '/bills/tamper')).toBe(200);
    await control('POST', '/bills/tamper', { kind: 'drop-refund', outRefundNo: 'RECR001' });
    expect(reconcileDay(await fetchBill('20260115'), localDay()).differences.map(differenceKey)).toEqual(['refund-short:RECR001']);
    await control('DELETE', '/bills/tamper');
    await control('POST', '/bills/tamper', { kind: 'refund-status', outRefundNo: 'RECR001', status: 'REFUNDCLOSE' });
    expect(reconcileDay(await fetchBill('20260115'), localDay()).differences.map(differenceKey)).toEqual(['refund-status:RECR001']);
    await control('DELETE', '/bills/tamper');
  });

  it('a bill whose summary lies is refused with the summary line and reason', async () => {
    await control('POST', '/bills/tamper', { kind: 'summary', deltaFen: 1 });
    const o = await client.downloadBill({ billDate: '20260115', gzip: true });
    if (o.kind !== 'ok') throw new Error(o.kind);
    const p = parseBillResult(o.value);
    expect(p).toMatchObject({ ok: false, reason: 'summary-mismatch', line: o.value.rows.length + 3 });
    await control('DELETE', '/bills/tamper');
    expect((await fetchBill('20260115')).rows).toHaveLength(o.value.rows.length); // honest again
  });

  it('3 months back; an empty day is "No Bill Exist" and, with no local sales, a clean match', async () => {
    const empty = await client.downloadBill({ billDate: '20251016' });
    expect(empty).toEqual({ kind: 'fail', errCode: '20002', errCodeDes: 'No Bill Exist' });
    expect(isClean(reconcileDay('no-bill', { receipts: [], refunds: [] }))).toBe(true);
    expect((await client.downloadBill({ billDate: '20251015' })).kind).toBe('fix'); // older than 3 months
    expect((await client.downloadBill({ billDate: '20260117' })).kind).toBe('fix'); // not begun yet
  });
});
