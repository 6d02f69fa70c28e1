// Times sent to WeChat and the shop's business day are Beijing time whatever the machine's zone. The
// test changes process.env.TZ at run time (Node re-reads it) and shows local time really moved while
// our output did not.
import { afterAll, describe, expect, it } from 'vitest';
import {
  DAY_MS,
  beijingDayStart,
  businessDay,
  formatBeijing,
  formatBeijingDate,
  formatBeijingDisplay,
  parseBeijing,
  parseBeijingDate,
} from '../../../src/common/beijing-time';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const instant = Date.UTC(2026, 0, 15, 17, 30, 5); // 2026-01-16 01:30:05 in Beijing (date rolls over)
const beijingMidnight = Date.UTC(2026, 0, 15, 16, 0, 0); // 2026-01-16 00:00:00 in Beijing

describe.each([
  ['America/Los_Angeles', 480], // UTC-8 in January
  ['UTC', 0],
  ['Asia/Shanghai', -480],
])('TZ=%s', (tz, offset) => {
  it('local zone is in effect, Beijing formatting and parsing round-trip unchanged', () => {
    process.env.TZ = tz;
    expect(new Date(instant).getTimezoneOffset()).toBe(offset);
    expect(formatBeijing(instant)).toBe('20260116013005');
    expect(parseBeijing('20260116013005')).toBe(instant);
    expect(parseBeijing(formatBeijing(instant))).toBe(instant);
    expect(formatBeijingDate(instant)).toBe('20260116');
    expect(formatBeijingDisplay(instant)).toBe('2026-01-16 01:30:05');
    expect(parseBeijingDate('20260116')).toBe(beijingMidnight);
    // summer in Los Angeles (DST) must not matter either
    expect(formatBeijing(Date.UTC(2026, 6, 1, 0, 0, 0))).toBe('20260701080000');
  });

  it('the Beijing day starts at Beijing midnight, at both edges', () => {
    process.env.TZ = tz;
    expect(beijingDayStart(instant)).toBe(beijingMidnight);
    expect(beijingDayStart(beijingMidnight)).toBe(beijingMidnight);
    expect(beijingDayStart(beijingMidnight - 1)).toBe(beijingMidnight - DAY_MS);
    expect(beijingDayStart(beijingMidnight + DAY_MS - 1)).toBe(beijingMidnight);
    expect(beijingDayStart(beijingMidnight + DAY_MS)).toBe(beijingMidnight + DAY_MS);
  });
});

describe('parseBeijing', () => {
  it('rejects impossible calendar times and wrong shapes', () => {
    for (const bad of [
      '20260231120000', // 31 February
      '20260230120000',
      '20261301000000',
      '20260115250000', // hour 25
      '20260115246000',
      '2026011512000',
      '2026-01-15 12:0',
      '',
    ]) {
      expect(parseBeijing(bad), bad).toBeNull();
    }
    expect(parseBeijing(null)).toBeNull();
    expect(parseBeijingDate('20260231')).toBeNull();
    expect(parseBeijingDate('2026-01-16')).toBeNull();
  });
  it('formatBeijing refuses non-finite instants', () => {
    expect(() => formatBeijing(Number.NaN)).toThrow(RangeError);
  });
});

describe('businessDay', () => {
  it('cutoff 0 is the Beijing calendar day', () => {
    expect(businessDay(instant)).toEqual({ start: beijingMidnight, end: beijingMidnight + DAY_MS });
  });
  it('with a 04:00 cutoff, 03:59:59 belongs to the day before and 04:00 starts the next', () => {
    const four = beijingMidnight + 4 * 3_600_000; // 2026-01-16 04:00 Beijing
    expect(businessDay(four - 1000, 4)).toEqual({ start: four - DAY_MS, end: four });
    expect(businessDay(four, 4)).toEqual({ start: four, end: four + DAY_MS });
    expect(businessDay(four + DAY_MS - 1, 4)).toEqual({ start: four, end: four + DAY_MS });
  });
});
