// Issue 13 point 3: X and Z reports of a business day (Beijing, cut-off hour): per tender, per cashier,
// per hour, drawer, voids, fees from the reconciliation; Z numbered, never redone; CSV.
import { afterEach, describe, expect, it } from 'vitest';
import { businessDay } from '../../../src/common/beijing-time';
import { dayReportCsv } from '../../../src/core/day';
import { dayTotals } from '../../../src/core/store';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { dayRig, T0, type DayRig } from './day-rig';

let rig: DayRig;
afterEach(() => rig?.close());
const HOUR = 3_600_000;

describe('X and Z reports', () => {
  it('adds WeChat receipts and cash sales per tender, cashier and hour, matching the store totals', () => {
    rig = dayRig();
    const { start, end } = businessDay(T0, 4); // 2026-11-28 04:00 .. 11-29 04:00 Beijing
    // WeChat: 60 seeded receipts from 06:00 Beijing, one a minute, some refunded; one the day before.
    seedReceipts(rig.store.db, { count: 60, startMs: start + 2 * HOUR, meanGapMs: 60_000, seed: 7, audit: false });
    rig.day.shifts.open({ floatFen: 5000 });
    rig.day.cash.sale({ lines: [{ name: 'Cake', quantity: 1, unitFen: 3200 }], tenderedFen: 5000 });
    rig.clock.set(T0 + 2 * HOUR); // 12:00
    const s2 = rig.day.cash.sale({ lines: [{ name: 'Tea', quantity: 2, unitFen: 800 }], tenderedFen: 2000 });
    rig.day.cash.refund({ saleId: s2.ok ? s2.value.saleId : '', amountFen: 800, reason: 'spilt', approver: 'boss', managerPin: '1234' });

    const x = rig.day.z.x();
    expect(x.ok).toBe(true);
    if (!x.ok) return;
    const r = x.value;
    const store = dayTotals(rig.store.db, start, end, 'LIVE');
    expect(r).toMatchObject({ kind: 'X', seq: null, businessDay: '20261128', dayStart: start, dayEnd: end });
    // issue 13.1 (w2-cash): the store's day totals now count cash too, so they match the report's total
    expect(r.total).toEqual({ count: store.count, grossFen: store.paidFen, refundsFen: store.refundedFen, netFen: store.netFen });
    expect(r.wechat).toEqual({ count: store.count - 2, grossFen: store.paidFen - 4800, refundsFen: store.refundedFen - 800, netFen: store.netFen - 4000 });
    expect(r.cash).toEqual({ count: 2, grossFen: 4800, refundsFen: 800, netFen: 4000, roundingFen: 0 });
    expect(r.total.netFen).toBe(r.wechat.netFen + r.cash.netFen);
    // Per cashier and per hour add up to the totals.
    expect(r.cashiers.reduce((s, c) => s + c.grossFen, 0)).toBe(r.total.grossFen);
    expect(r.cashiers.reduce((s, c) => s + c.refundsFen, 0)).toBe(r.total.refundsFen);
    expect(r.cashiers.find((c) => c.cashier === 'amy')).toMatchObject({ count: 2, grossFen: 4800, refundsFen: 800 });
    expect(r.hours).toHaveLength(24);
    expect(r.hours.reduce((s, h) => s + h.wechatFen, 0)).toBe(r.wechat.grossFen);
    expect(r.hours[6]).toMatchObject({ cashFen: 3200 }); // 10:00 is the 7th hour after 04:00
    expect(r.hours[8]).toMatchObject({ cashFen: 1600 });
    expect(r.voids.expiredOrClosed + r.voids.cancelled + r.voids.failed).toBeGreaterThanOrEqual(0);
    expect(r.feeFen).toBeNull();

    const csv = dayReportCsv(r);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"CASH",2,"48.00","8.00","40.00"');
    expect(csv).toContain('"amy",2,"48.00","8.00","40.00"');
  });

  it('numbers Z reports per mode without gaps, refuses a redo and an open shift, and closes the day for new shifts', () => {
    rig = dayRig();
    rig.day.shifts.open({ floatFen: 0 });
    rig.day.cash.sale({ lines: [{ name: 'Tea', quantity: 1, unitFen: 500 }], tenderedFen: 500 });
    const blocked = rig.day.z.close({});
    expect(blocked).toMatchObject({ ok: false, code: 'SHIFT_ALREADY_OPEN' });
    rig.day.shifts.close({ counts: [{ denominationFen: 500, pieces: 1 }] });
    const z1 = rig.day.z.close({});
    expect(z1).toMatchObject({ ok: true, value: { kind: 'Z', seq: 1, closedBy: 'amy', businessDay: '20261128', cash: { netFen: 500 } } });
    expect(z1.ok && z1.value.drawer).toEqual({ shiftsClosed: 1, shiftsOpen: 0, floatFen: 0, expectedFen: 500, countedFen: 500, diffFen: 0 });
    expect(rig.day.z.close({})).toMatchObject({ ok: false, code: 'Z_ALREADY_CLOSED' });
    expect(rig.day.shifts.open({ floatFen: 0 })).toMatchObject({ ok: false, code: 'Z_ALREADY_CLOSED' });
    expect(() => rig.store.db.prepare("UPDATE z_reports SET closed_by = 'x'").run()).toThrow(/cannot be redone/);
    expect(() => rig.store.db.prepare('DELETE FROM z_reports').run()).toThrow(/cannot be removed/);
    expect(() =>
      rig.store.db.prepare("INSERT INTO z_reports VALUES ('LIVE', 5, '20261201', 0, 1, 1, 'x', '{}')").run(),
    ).toThrow(/out of sequence/);

    // The next day (after the 04:00 cut-off) is Z 2; a SANDBOX day numbers on its own.
    rig.clock.set(T0 + 24 * HOUR);
    expect(rig.day.z.close({})).toMatchObject({ ok: true, value: { seq: 2, businessDay: '20261129' } });
    rig.mode = 'SANDBOX';
    expect(rig.day.z.close({})).toMatchObject({ ok: true, value: { seq: 1, mode: 'SANDBOX' } });
    rig.mode = 'LIVE';
    expect(rig.day.z.list().map((z) => z.seq)).toEqual([2, 1]);
    expect(rig.day.z.get(1)).toMatchObject({ ok: true, value: { seq: 1, businessDay: '20261128' } });
    expect(rig.day.z.close({ day: '20261230' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
  });

  it('counts an early-morning sale for the day before when it is before the cut-off hour', () => {
    rig = dayRig({ clockAt: Date.UTC(2026, 10, 28, 19, 30) }); // 03:30 Beijing on the 29th
    rig.day.shifts.open({ floatFen: 0 });
    rig.day.cash.sale({ lines: [{ name: 'Noodles', quantity: 1, unitFen: 1800 }], tenderedFen: 2000 });
    const x = rig.day.z.x();
    expect(x).toMatchObject({ ok: true, value: { businessDay: '20261128', cash: { count: 1 } } });
    expect(x.ok && x.value.hours[23]).toMatchObject({ cashFen: 1800 });
  });
});
