// Issue 13 points 1 and 2: cash sales and refunds, shifts with pay-ins/outs and counted cash, the
// difference rule and the unresolved-work rule, and the guard that refuses sales outside a shift.
import { afterEach, describe, expect, it } from 'vitest';
import { createPosApi, type PosApiDeps } from '../../../src/core/api';
import { ok } from '../../../src/common/result';
import { dayRig, type DayRig } from './day-rig';

const tea = { name: 'Tea', quantity: 1, unitFen: 1234 };
let rig: DayRig;
afterEach(() => rig?.close());

describe('shifts', () => {
  it('refuses cash sales and moves while no shift is open, in plain words', () => {
    rig = dayRig();
    const r = rig.day.cash.sale({ lines: [tea], tenderedFen: 2000 });
    expect(r).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    expect(!r.ok && r.message).toMatch(/open a shift.*请先开班/);
    expect(rig.day.shifts.move({ kind: 'PAY_IN', amountFen: 100, reason: 'coins' })).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    rig.who = null;
    expect(rig.day.shifts.open({ floatFen: 100 })).toMatchObject({ ok: false, code: 'SHIFT_NO_STAFF' });
  });

  it('keeps one open shift per till and computes expected cash from float, sales, refunds, pay-ins and pay-outs', () => {
    rig = dayRig();
    expect(rig.day.shifts.open({ floatFen: 20_000 })).toMatchObject({ ok: true, value: { floatFen: 20_000, openedBy: 'amy', expectedFen: 20_000 } });
    expect(rig.day.shifts.open({ floatFen: 1 })).toMatchObject({ ok: false, code: 'SHIFT_ALREADY_OPEN' });
    const sale = rig.day.cash.sale({ lines: [tea, { ...tea, quantity: 2 }], tenderedFen: 5000 });
    expect(sale).toMatchObject({ ok: true, value: { totalFen: 3702, dueFen: 3702, changeFen: 1298, roundingFen: 0, cashier: 'amy' } });
    expect(rig.day.cash.sale({ lines: [tea], tenderedFen: 1000 })).toMatchObject({ ok: false, code: 'CASH_TENDER_SHORT' });
    const saleId = sale.ok ? sale.value.saleId : '';
    expect(rig.day.cash.refund({ saleId, amountFen: 4000, reason: 'x', approver: 'boss', managerPin: '1234' })).toMatchObject({
      ok: false,
      code: 'REFUND_EXCEEDS_REFUNDABLE',
    });
    expect(rig.day.cash.refund({ saleId, amountFen: 700, reason: 'cold', approver: 'boss', managerPin: '9999' })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.day.cash.refund({ saleId, amountFen: 700, reason: 'cold', approver: 'boss', managerPin: '1234' })).toMatchObject({ ok: true });
    expect(rig.day.shifts.move({ kind: 'PAY_IN', amountFen: 1000, reason: 'coins from bank' })).toMatchObject({ ok: true });
    expect(rig.day.shifts.move({ kind: 'PAY_OUT', amountFen: 100_000, reason: 'too much' })).toMatchObject({ ok: false, code: 'INVALID_AMOUNT' });
    const out = rig.day.shifts.move({ kind: 'PAY_OUT', amountFen: 500, reason: 'milk' });
    // 20000 + 3702 − 700 + 1000 − 500
    expect(out).toMatchObject({ ok: true, value: { expectedFen: 23_502, cashSalesFen: 3702, cashRefundsFen: 700, payInFen: 1000, payOutFen: 500 } });
    expect(out.ok && out.value.moves.map((m) => m.reason)).toEqual(['coins from bank', 'milk']);
    // The shift lists its cash sales with what was refunded of each.
    expect(rig.day.shifts.state().cashSales).toEqual([expect.objectContaining({ saleId, dueFen: 3702, refundedFen: 700, cashier: 'amy' })]);
  });

  it('rounds cash down to the jiao (抹零) when the setting is on', () => {
    rig = dayRig();
    expect(rig.day.saveSettings({ cutoffHour: 4, roundCashToJiao: true, diffLimitFen: 1000, approver: 'boss', managerPin: '1234' })).toMatchObject({ ok: true });
    rig.day.shifts.open({ floatFen: 0 });
    expect(rig.day.cash.sale({ lines: [tea], tenderedFen: 1230 })).toMatchObject({ ok: true, value: { totalFen: 1234, dueFen: 1230, roundingFen: 4, changeFen: 0 } });
  });

  it('does not close while work is unresolved, needs a manager above the limit, and loses nothing on a refusal', () => {
    rig = dayRig();
    rig.day.shifts.open({ floatFen: 10_000 });
    rig.day.cash.sale({ lines: [tea], tenderedFen: 1234 });
    rig.openWork = 2;
    const blocked = rig.day.shifts.close({ counts: [{ denominationFen: 10000, pieces: 1 }] });
    expect(blocked).toMatchObject({ ok: false, code: 'SHIFT_WORK_UNRESOLVED' });
    expect(!blocked.ok && blocked.message).toMatch(/2 payment.*还有 2 笔/);
    rig.openWork = 0;
    // expected 11234; counted 10000 + 10 → short by 1224, above the default limit of ¥10
    const counts = [{ denominationFen: 10000, pieces: 1 } as const, { denominationFen: 10, pieces: 1 } as const];
    expect(rig.day.shifts.close({ counts })).toMatchObject({ ok: false, code: 'SHIFT_DIFF_NEEDS_MANAGER' });
    expect(rig.day.shifts.close({ counts, approver: 'boss', managerPin: '0000' })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    expect(rig.day.shifts.state().open).not.toBeNull(); // still open: nothing lost
    const closed = rig.day.shifts.close({ counts, approver: 'boss', managerPin: '1234' });
    expect(closed).toMatchObject({ ok: true, value: { expectedFen: 11_234, countedFen: 10_010, diffFen: -1224, acceptedBy: 'boss', closedBy: 'amy' } });
    expect(rig.day.shifts.state().open).toBeNull();
    expect(rig.day.cash.sale({ lines: [tea], tenderedFen: 2000 })).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
  });

  it('closes without a manager when the difference is within the limit', () => {
    rig = dayRig();
    rig.day.shifts.open({ floatFen: 500 });
    expect(rig.day.shifts.close({ counts: [{ denominationFen: 500, pieces: 1 }, { denominationFen: 50, pieces: 1 }] })).toMatchObject({
      ok: true,
      value: { diffFen: 50, acceptedBy: null },
    });
  });
});

describe('the bridge guard', () => {
  it('refuses charge outside an open shift and passes it inside one', async () => {
    rig = dayRig();
    const charged: unknown[] = [];
    // Amy is signed in (issue 11); only the shift guard is under test here.
    const amy = { staffId: 'st_amy', name: 'amy', role: 'cashier' } as const;
    const api = createPosApi({
      day: rig.day,
      engine: { charge: async (i: unknown) => (charged.push(i), ok(null)) },
      auth: { staff: { require: () => ok(amy) }, grants: {}, stamp: { during: <T>(_who: unknown, run: () => T) => run() } },
    } as unknown as PosApiDeps);
    const input = { lines: [tea], cashier: 'amy' };
    expect(await api.charge(input)).toMatchObject({ ok: false, code: 'SHIFT_NOT_OPEN' });
    expect(charged).toEqual([]);
    rig.day.shifts.open({ floatFen: 0 });
    expect(await api.charge(input)).toMatchObject({ ok: true });
    expect(charged).toHaveLength(1);
    expect(await api.cashSale({ lines: [tea], tenderedFen: 1234 })).toMatchObject({ ok: true });
  });
});
