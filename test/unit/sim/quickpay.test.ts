// Quick pay (micropay) and reverse: auth code rules, USERPAYING then SUCCESS/PAYERROR, the 45 s
// auto-revoke, re-submission, reverse (with recall under a fault) and its 7-day window.
import { describe, expect, it } from 'vitest';
import type { SimulatorCore } from '../../../src/sim';
import { call, makeSim, query, replySigned } from './support';

const pay = (sim: SimulatorCore, no: string, authCode: string, extra: Record<string, string | number> = {}) =>
  call(sim, '/pay/micropay', { body: '模拟店-收银', out_trade_no: no, total_fee: 888, spbill_create_ip: '127.0.0.1', auth_code: authCode, ...extra });
const reverse = (sim: SimulatorCore, no: string) => call(sim, '/secapi/pay/reverse', { out_trade_no: no });

describe('micropay', () => {
  it('pays at once with a fresh code; the reply carries the payment and is signed', async () => {
    const { sim } = makeSim();
    const code = sim.phone.mintAuthCode();
    expect(code).toMatch(/^1[0-5]\d{16}$/);
    const r = await pay(sim, 'QUICK0001', code);
    expect(r.xml).toMatchObject({ result_code: 'SUCCESS', trade_type: 'MICROPAY', total_fee: '888', out_trade_no: 'QUICK0001', time_end: '20260115100000' });
    expect(replySigned(r.xml)).toBe(true);
    expect((await query(sim, 'QUICK0001')).trade_state).toBe('SUCCESS');
  });

  it('checks the auth code: format, single use, expiry', async () => {
    const { sim, clock } = makeSim();
    expect((await pay(sim, 'QUICK0002', '123')).xml.err_code).toBe('AUTH_CODE_INVALID');
    expect((await pay(sim, 'QUICK0002', '161234567890123456')).xml.err_code).toBe('AUTH_CODE_INVALID');
    const code = sim.phone.mintAuthCode();
    await pay(sim, 'QUICK0003', code);
    expect((await pay(sim, 'QUICK0004', code)).xml).toMatchObject({ err_code: 'AUTH_CODE_ERROR', err_code_des: '每个二维码仅限使用一次，请刷新再试' });
    const old = sim.phone.mintAuthCode();
    await clock.advance(61_000);
    expect((await pay(sim, 'QUICK0005', old)).xml.err_code).toBe('AUTHCODEEXPIRE');
  });

  it('USERPAYING while the customer enters the password, then SUCCESS', async () => {
    const { sim, clock } = makeSim();
    const code = sim.phone.mintAuthCode({ then: 'password', afterMs: 12_000 });
    const r = await pay(sim, 'QUICK0006', code);
    expect(r.xml).toMatchObject({ result_code: 'FAIL', err_code: 'USERPAYING' });
    expect((await query(sim, 'QUICK0006')).trade_state).toBe('USERPAYING');
    await clock.advance(11_999);
    expect((await query(sim, 'QUICK0006')).trade_state).toBe('USERPAYING');
    await clock.advance(1);
    const q = await query(sim, 'QUICK0006');
    expect(q).toMatchObject({ trade_state: 'SUCCESS', time_end: '20260115100012' });
    // A re-submitted micropay (same params) never charges twice.
    expect((await pay(sim, 'QUICK0006', code)).xml.result_code).toBe('SUCCESS');
    expect(sim.orders()).toHaveLength(1);
  });

  it('USERPAYING then PAYERROR; NOTENOUGH at once', async () => {
    const { sim, clock } = makeSim();
    await pay(sim, 'QUICK0007', sim.phone.mintAuthCode({ then: 'payerror', afterMs: 5000 }));
    await clock.advance(5000);
    expect((await query(sim, 'QUICK0007')).trade_state).toBe('PAYERROR');
    const poor = await pay(sim, 'QUICK0008', sim.phone.mintAuthCode({ then: 'notenough' }));
    expect(poor.xml).toMatchObject({ err_code: 'NOTENOUGH' });
    expect((await query(sim, 'QUICK0008')).trade_state).toBe('PAYERROR');
  });

  it('auto-revokes an unpaid quick-pay order 45 s after creation', async () => {
    const { sim, clock } = makeSim();
    await pay(sim, 'QUICK0009', sim.phone.mintAuthCode({ then: 'abandon' }));
    await pay(sim, 'QUICK0010', sim.phone.mintAuthCode({ then: 'password', afterMs: 50_000 }));
    await clock.advance(44_999);
    expect((await query(sim, 'QUICK0009')).trade_state).toBe('USERPAYING');
    await clock.advance(1);
    expect((await query(sim, 'QUICK0009')).trade_state).toBe('REVOKED');
    await clock.advance(10_000);
    expect((await query(sim, 'QUICK0010')).trade_state).toBe('REVOKED'); // the password came too late
  });

  it('the phone can finish a waiting payment now', async () => {
    const { sim } = makeSim();
    const code = sim.phone.mintAuthCode({ then: 'abandon' });
    await pay(sim, 'QUICK0011', code);
    expect(sim.phone.enterPassword(code).ok).toBe(true);
    expect((await query(sim, 'QUICK0011')).trade_state).toBe('SUCCESS');
  });

  it('a different parameter on a re-submission is 201 商户订单号重复', async () => {
    const { sim } = makeSim();
    const code = sim.phone.mintAuthCode({ then: 'abandon' });
    await pay(sim, 'QUICK0012', code);
    expect((await pay(sim, 'QUICK0012', code, { total_fee: 889 })).xml.err_code_des).toBe('201 商户订单号重复');
    expect((await pay(sim, 'QUICK0012', code)).xml.err_code).toBe('USERPAYING');
  });
});

describe('reverse', () => {
  it('reverses an unpaid order (REVOKED, recall N) and a paid one; repeating is harmless', async () => {
    const { sim } = makeSim();
    await pay(sim, 'REVERSE01', sim.phone.mintAuthCode({ then: 'abandon' }));
    const r = await reverse(sim, 'REVERSE01');
    expect(r.xml).toMatchObject({ result_code: 'SUCCESS', recall: 'N' });
    expect(replySigned(r.xml)).toBe(true);
    expect((await query(sim, 'REVERSE01')).trade_state).toBe('REVOKED');
    expect((await reverse(sim, 'REVERSE01')).xml.result_code).toBe('SUCCESS');
    await pay(sim, 'REVERSE02', sim.phone.mintAuthCode());
    expect((await reverse(sim, 'REVERSE02')).xml.recall).toBe('N');
    expect((await query(sim, 'REVERSE02')).trade_state).toBe('REVOKED');
    expect((await call(sim, '/pay/micropay', { body: 'b', out_trade_no: 'REVERSE02', total_fee: 888, spbill_create_ip: '127.0.0.1', auth_code: sim.phone.mintAuthCode() })).xml.err_code).toBe('INVALID_REQUEST');
  });

  it('says recall=Y on SYSTEMERROR so the client calls again', async () => {
    const { sim } = makeSim();
    await pay(sim, 'REVERSE03', sim.phone.mintAuthCode({ then: 'abandon' }));
    sim.faults.add({ endpoint: 'reverse', kind: 'SYSTEMERROR', count: 2 });
    expect((await reverse(sim, 'REVERSE03')).xml).toMatchObject({ err_code: 'SYSTEMERROR', recall: 'Y' });
    expect((await reverse(sim, 'REVERSE03')).xml.recall).toBe('Y');
    expect((await query(sim, 'REVERSE03')).trade_state).toBe('USERPAYING');
    expect((await reverse(sim, 'REVERSE03')).xml).toMatchObject({ result_code: 'SUCCESS', recall: 'N' });
  });

  it('refuses unknown orders, orders over 7 days old, and refunded orders', async () => {
    const { sim, clock } = makeSim({ refundDelayMs: 0 });
    expect((await reverse(sim, 'REVERSE04')).xml.err_code).toBe('ORDERNOTEXIST');
    await pay(sim, 'REVERSE05', sim.phone.mintAuthCode());
    await call(sim, '/secapi/pay/refund', { out_trade_no: 'REVERSE05', out_refund_no: 'RV5', total_fee: 888, refund_fee: 8 });
    expect((await reverse(sim, 'REVERSE05')).xml.err_code).toBe('TRADE_ERROR');
    await pay(sim, 'REVERSE06', sim.phone.mintAuthCode());
    await clock.advance(7 * 24 * 3600_000 + 1);
    expect((await reverse(sim, 'REVERSE06')).xml.err_code).toBe('REVERSE_EXPIRE');
  });
});

// --- issue 12 point 4 (i12-engine) ---
describe('quick pay customer rules (issue 12)', () => {
  it('pays at once up to ¥1000; asks for the password above it and on the 11th payment of a day', async () => {
    const { sim } = makeSim();
    const mp = (no: string, fee: number) =>
      call(sim, '/pay/micropay', { body: 'b', out_trade_no: no, total_fee: fee, spbill_create_ip: '127.0.0.1', auth_code: sim.phone.mintAuthCode({ then: 'auto' }) });
    expect((await mp('AUTO0001', 100_000)).xml.result_code).toBe('SUCCESS');
    expect((await mp('AUTO0002', 100_001)).xml.err_code).toBe('USERPAYING');
    for (let i = 3; i <= 11; i++) expect((await mp(`AUTO00${String(i).padStart(2, '0')}`, 100)).xml.result_code).toBe('SUCCESS');
    expect((await mp('AUTO0012', 100)).xml.err_code).toBe('USERPAYING'); // the 11th paid of the day
  });

  it('a code is usable once and expires 60 s after minting', async () => {
    const { sim, clock } = makeSim();
    const code = sim.phone.mintAuthCode();
    expect((await pay(sim, 'ONCE0001', code)).xml.result_code).toBe('SUCCESS');
    expect((await pay(sim, 'ONCE0002', code)).xml.err_code).toBe('AUTH_CODE_ERROR');
    const late = sim.phone.mintAuthCode();
    await clock.advance(60_001);
    expect((await pay(sim, 'ONCE0003', late)).xml.err_code).toBe('AUTHCODEEXPIRE');
  });

  it('the test enters or abandons the password; reverse while paying says 正在支付中 (recall=Y) when asked to', async () => {
    const { sim, clock } = makeSim({ reverseWhilePaying: 'refuse' });
    const a = sim.phone.mintAuthCode({ then: 'password', afterMs: 86_400_000 });
    expect((await pay(sim, 'PWD00001', a)).xml.err_code).toBe('USERPAYING');
    expect((await reverse(sim, 'PWD00001')).xml).toMatchObject({ err_code: 'USERPAYING', err_code_des: '正在支付中', recall: 'Y' });
    expect(sim.phone.enterPassword(a)).toMatchObject({ ok: true });
    expect((await query(sim, 'PWD00001')).trade_state).toBe('SUCCESS');
    const b = sim.phone.mintAuthCode({ then: 'password', afterMs: 5000 });
    await pay(sim, 'PWD00002', b);
    expect(sim.phone.abandonPassword(b)).toMatchObject({ ok: true });
    await clock.advance(44_000);
    expect((await query(sim, 'PWD00002')).trade_state).toBe('USERPAYING'); // abandoned: the planned payment never comes
    await clock.advance(1000);
    expect((await query(sim, 'PWD00002')).trade_state).toBe('REVOKED'); // auto-revoked 45 s after creation
    expect((await reverse(sim, 'PWD00002')).xml).toMatchObject({ result_code: 'SUCCESS', recall: 'N' });
  });
});
