// Time for the screen, pure (the caller passes "now"). The shop's day is the Beijing day everywhere
// (the refund cap, WeChat's bills): dates and times are shown in Beijing time and day totals and date
// filters count Beijing days, whatever time zone the till's machine is set to.
import { beijingDayStart, DAY_MS, formatBeijingDisplay, parseBeijingDate } from '../../../common/beijing-time';

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Seconds left until expiresAt as m:ss (0:00 once past). */
export function countdown(expiresAt: number, now: number): string {
  const left = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(left / 60)}:${pad(left % 60)}`;
}

/** Beijing date and time, YYYY-MM-DD HH:mm:ss; a dash for an instant no calendar can show (a screen must not throw). */
export function dateTime(ms: number): string {
  try {
    return formatBeijingDisplay(ms);
  } catch {
    return '—';
  }
}

/** Beijing date, YYYY-MM-DD. */
export function dateOnly(ms: number): string {
  return dateTime(ms).slice(0, 10);
}

/** Beijing midnight that starts the shop's day containing ms (what day totals count from). */
export function dayStart(ms: number): number {
  return beijingDayStart(ms);
}

/** An <input type="date"> value (YYYY-MM-DD) as Beijing midnight, or null. endOfDay gives the next midnight - 1 ms. */
export function parseDateInput(value: string, endOfDay = false): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const start = parseBeijingDate(`${m[1]}${m[2]}${m[3]}`);
  if (start === null) return null;
  return endOfDay ? start + DAY_MS - 1 : start;
}
