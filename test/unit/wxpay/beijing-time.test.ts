// Times sent to WeChat are Beijing time whatever the machine's zone. The test changes process.env.TZ
// at run time (Node re-reads it) and shows local time really moved while our output did not.
import { afterAll, describe, expect, it } from 'vitest';
import { formatBeijing, parseBeijing } from '../../../src/core/wxpay/beijing-time';

const originalTz = process.env.TZ;
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const instant = Date.UTC(2026, 0, 15, 17, 30, 5); // 2026-01-16 01:30:05 in Beijing (date rolls over)

describe.each([
  ['America/Los_Angeles', 480], // UTC-8 in January
  ['UTC', 0],
  ['Asia/Shanghai', -480],
])('TZ=%s', (tz, offset) => {
  it('local zone is in effect, Beijing formatting is unchanged', () => {
    process.env.TZ = tz;
    expect(new Date(instant).getTimezoneOffset()).toBe(offset);
    expect(formatBeijing(instant)).toBe('20260116013005');
    expect(parseBeijing('20260116013005')).toBe(instant);
    // summer in Los Angeles (DST) must not matter either
    expect(formatBeijing(Date.UTC(2026, 6, 1, 0, 0, 0))).toBe('20260701080000');
  });
});

describe('parseBeijing', () => {
  it('rejects impossible calendar times and wrong shapes', () => {
    for (const bad of ['20260230120000', '20261301000000', '2026011512000', '2026-01-15 12:0', '20260115246000']) {
      expect(parseBeijing(bad)).toBeNull();
    }
  });
  it('formatBeijing refuses non-finite instants', () => {
    expect(() => formatBeijing(Number.NaN)).toThrow(RangeError);
  });
});
