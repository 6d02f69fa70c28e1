// downloadbill: backquoted CSV in the 27/20/29-column layouts, 7-column summary, yuan amounts,
// gzip on request, "No Bill Exist" when the day is empty.
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../../src/core/wxpay/xml';
import type { VirtualClock } from '../../../src/common/clock';
import { SECOND_MERCHANT, type SimulatorCore } from '../../../src/sim';
import { call, makeSim, newOrder, signedXml } from './support';

/** Trades on 15 Jan, then moves to 10:00 on 16 Jan, when that day's bill exists. */
async function day(sim: SimulatorCore, clock: VirtualClock): Promise<void> {
  const a = await newOrder(sim, 'BILL00001', { total_fee: 1050, attach: 'a1' });
  sim.phone.scanAndPay(a.xml.code_url ?? '');
  const b = await newOrder(sim, 'BILL00002', { total_fee: 200 });
  sim.phone.scanAndPay(b.xml.code_url ?? '');
  await newOrder(sim, 'BILL00003'); // never paid: never in a bill
  await call(sim, '/secapi/pay/refund', { out_trade_no: 'BILL00001', out_refund_no: 'BR1', total_fee: 1050, refund_fee: 50 });
  await clock.advance(86_400_000);
}

async function bill(sim: SimulatorCore, fields: Record<string, string>): Promise<{ type: string; body: Buffer }> {
  const r = await sim.handle({ method: 'POST', path: '/pay/downloadbill', body: signedXml(fields) });
  if (r.kind !== 'reply') throw new Error(r.kind);
  return { type: r.headers['content-type'] ?? '', body: Buffer.from(r.body) };
}

function parse(text: string): { header: string[]; rows: string[][]; summaryHeader: string[]; summary: string[] } {
  const lines = text.split('\r\n').filter((l) => l !== '');
  const split = (l: string): string[] => l.slice(1).split(',`');
  return {
    header: (lines[0] ?? '').split(','),
    rows: lines.slice(1, -2).map(split),
    summaryHeader: (lines[lines.length - 2] ?? '').split(','),
    summary: split(lines[lines.length - 1] ?? ''),
  };
}

describe('downloadbill', () => {
  it('ALL: 27 columns, payments and refund rows, yuan amounts, 7-column summary', async () => {
    const { sim, clock } = makeSim({ refundDelayMs: 0 });
    await day(sim, clock);
    const b = parse((await bill(sim, { bill_date: '20260115', bill_type: 'ALL' })).body.toString('utf8'));
    expect(b.header).toHaveLength(27);
    expect(b.header[0]).toBe('交易时间');
    expect(b.rows).toHaveLength(3);
    for (const r of b.rows) expect(r).toHaveLength(27);
    const pay = b.rows.find((r) => r[6] === 'BILL00001' && r[9] === 'SUCCESS');
    expect(pay?.slice(0, 3)).toEqual(['2026-01-15 10:00:00', 'wx2421b1c4370ec43b', '1900000109']);
    expect(pay?.[12]).toBe('10.50');
    expect(pay?.[21]).toBe('a1');
    const refund = b.rows.find((r) => r[9] === 'REFUND');
    expect(refund?.[15]).toBe('BR1');
    expect(refund?.[16]).toBe('0.50');
    expect(refund?.[19]).toBe('SUCCESS');
    expect(b.summaryHeader).toEqual(['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额', '订单总金额', '申请退款总金额']);
    expect(b.summary.slice(0, 3)).toEqual(['3', '12.50', '0.50']);
  });

  it('SUCCESS has 20 columns and only payments; REFUND has 29 columns and only refunds', async () => {
    const { sim, clock } = makeSim({ refundDelayMs: 0 });
    await day(sim, clock);
    const s = parse((await bill(sim, { bill_date: '20260115', bill_type: 'SUCCESS' })).body.toString('utf8'));
    expect(s.header).toHaveLength(20);
    expect(s.rows.map((r) => r.length)).toEqual([20, 20]);
    const r = parse((await bill(sim, { bill_date: '20260115', bill_type: 'REFUND' })).body.toString('utf8'));
    expect(r.header).toHaveLength(29);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toHaveLength(29);
    expect(r.rows[0]?.[14]).toBe('2026-01-15 10:00:00'); // 退款申请时间
  });

  it('gzip when tar_type=GZIP', async () => {
    const { sim, clock } = makeSim();
    await day(sim, clock);
    const g = await bill(sim, { bill_date: '20260115', tar_type: 'GZIP' });
    expect(g.body[0]).toBe(0x1f);
    expect(g.body[1]).toBe(0x8b);
    expect(parse(gunzipSync(g.body).toString('utf8')).rows).toHaveLength(3);
  });

  it('No Bill Exist (20002) for an empty day or another merchant; bad input is refused', async () => {
    const { sim, clock } = makeSim();
    await day(sim, clock);
    const none = await bill(sim, { bill_date: '20260114' });
    expect(parseXml(none.body.toString('utf8'))).toEqual({ return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' });
    const other = await call(sim, '/pay/downloadbill', { bill_date: '20260115' }, { merchant: SECOND_MERCHANT });
    expect(other.xml.return_msg).toBe('No Bill Exist');
    expect(parseXml((await bill(sim, { bill_date: '2026-01-15' })).body.toString('utf8')).return_code).toBe('FAIL');
    expect(parseXml((await bill(sim, { bill_date: '20260115', bill_type: 'X' })).body.toString('utf8')).return_msg).toBe('invalid bill_type');
  });
});
