// Decimal yuan → integer units by string arithmetic: the ¥19.99 → 1998 fen bug cannot happen.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readYuan, writeYuan } from '../../../src/core/reconcile';

describe('readYuan', () => {
  it('reads fen exactly where floats go wrong', () => {
    expect(readYuan('19.99', 2, false)).toEqual({ ok: true, units: 1999 });
    expect(readYuan('0.01', 2, false)).toEqual({ ok: true, units: 1 });
    expect(readYuan('1.1', 2, false)).toEqual({ ok: true, units: 110 });
    expect(readYuan('12', 2, false)).toEqual({ ok: true, units: 1200 });
    expect(readYuan('21474836.47', 2, false)).toEqual({ ok: true, units: 2147483647 });
    // every cent from 0.00 to 99.99 round-trips (Math.trunc(parseFloat(x) * 100) fails on many of them)
    for (let f = 0; f < 10_000; f++) expect(readYuan(writeYuan(f, 2), 2, false)).toEqual({ ok: true, units: f });
  });
  it('reads fees in thousandths of a fen, negative where allowed', () => {
    expect(readYuan('0.11994', 5, true)).toEqual({ ok: true, units: 11994 });
    expect(readYuan('-0.03000', 5, true)).toEqual({ ok: true, units: -3000 });
    expect(readYuan('-0.00000', 5, true)).toEqual({ ok: true, units: 0 });
  });
  it('refuses what is not a plain decimal, with the reason', () => {
    expect(readYuan('19.999', 2, false)).toEqual({ ok: false, problem: 'too-many-decimals' });
    expect(readYuan('-0.01', 2, false)).toEqual({ ok: false, problem: 'negative' });
    for (const t of ['1e3', '', ' 1.00', '1.00 ', '+1.00', '1.', '.5', '1,000.00', '0x10', 'NaN', 'Infinity', '１.00', '1.0.0']) {
      expect(readYuan(t, 2, false), t).toEqual({ ok: false, problem: 'not-decimal' });
    }
    expect(readYuan('9999999999.99', 5, false)).toEqual({ ok: true, units: 999999999999000 });
    expect(readYuan('999999999999.99999', 5, false)).toEqual({ ok: false, problem: 'too-large' });
  });
  it('round-trips any amount and any fee (property; seed RECONCILE_SEED, default fixed)', () => {
    const seed = Number(process.env.RECONCILE_SEED ?? 20260114);
    console.log(`readYuan property seed ${seed}`);
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 14) + 1, max: 10 ** 14 - 1 }) /* ≤ 12 whole digits of yuan */, fc.constantFrom(2, 5), (units, places) => {
        expect(readYuan(writeYuan(units, places), places, true)).toEqual({ ok: true, units: units === 0 ? 0 : units });
        if (units < 0) expect(readYuan(writeYuan(units, places), places, false)).toEqual({ ok: false, problem: 'negative' });
      }),
      { seed, numRuns: 2000 },
    );
  });

  it('writes with exactly the places asked', () => {
    expect(writeYuan(1999, 2)).toBe('19.99');
    expect(writeYuan(-3000, 5)).toBe('-0.03000');
    expect(writeYuan(7, 2)).toBe('0.07');
  });
});
