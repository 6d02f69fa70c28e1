// The shop's day is the Beijing day on the screen too: day totals, date filters and shown times do not
// follow the machine's time zone. Run with the process in Los Angeles, where the local date differs
// from Beijing's for 16 hours of every day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuery, EMPTY_FILTERS } from '../../../src/renderer/src/lib/history-query';
import { dateOnly, dateTime, dayStart, parseDateInput } from '../../../src/renderer/src/lib/time';

const originalTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

const DAY = 86_400_000;
const beijingMidnight = Date.UTC(2026, 10, 26, 16); // 2026-11-27 00:00 Beijing = 2026-11-26 08:00 in LA

describe('renderer day in TZ=America/Los_Angeles', () => {
  it('the process really is in Los Angeles', () => {
    expect(new Date(beijingMidnight).getTimezoneOffset()).toBe(480);
    expect(new Date(beijingMidnight).getDate()).toBe(26);
  });

  it('the day totals range is the Beijing day, not the local one', () => {
    // 23:30 Beijing on the 27th is 07:30 on the 27th in LA; local midnight would be 16:00 Beijing.
    const lateEvening = beijingMidnight + 23.5 * 3_600_000;
    expect(dayStart(lateEvening)).toBe(beijingMidnight);
    // 00:30 Beijing on the 27th is still the 26th in LA: it belongs to the Beijing 27th
    const justAfterMidnight = beijingMidnight + 30 * 60_000;
    expect(dayStart(justAfterMidnight)).toBe(beijingMidnight);
    expect(dayStart(beijingMidnight - 1)).toBe(beijingMidnight - DAY);
  });

  it('date filters and shown times are Beijing dates', () => {
    expect(parseDateInput('2026-11-27')).toBe(beijingMidnight);
    expect(parseDateInput('2026-11-27', true)).toBe(beijingMidnight + DAY - 1);
    expect(parseDateInput('2026-02-31')).toBeNull();
    const q = buildQuery({ ...EMPTY_FILTERS, from: '2026-11-27', to: '2026-11-27' });
    expect(q.ok && [q.query.fromMs, q.query.toMs]).toEqual([beijingMidnight, beijingMidnight + DAY - 1]);
    expect(dateTime(beijingMidnight + 30 * 60_000)).toBe('2026-11-27 00:30:00');
    expect(dateOnly(beijingMidnight + 30 * 60_000)).toBe('2026-11-27');
    expect(dateTime(Number.NaN)).toBe('—');
  });
});
