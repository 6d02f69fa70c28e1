// Beijing time (UTC+8, no daylight saving): the only time zone WeChat Pay reads and the one the shop's
// business day is counted in. Every conversion shifts the instant by 8 h and reads the UTC fields, so
// the machine's own time zone never enters the computation. The one home for this idea: core, sim and
// renderer all import it.

export const BEIJING_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Fields {
  readonly y: number;
  readonly mo: number;
  readonly d: number;
  readonly h: number;
  readonly mi: number;
  readonly s: number;
}

function fields(epochMs: number): Fields {
  if (!Number.isFinite(epochMs)) throw new RangeError('not a finite instant');
  const t = new Date(Math.floor(epochMs) + BEIJING_OFFSET_MS);
  const y = t.getUTCFullYear();
  if (!Number.isFinite(y) || y < 1000 || y > 9999) throw new RangeError('instant outside years 1000..9999');
  return { y, mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds() };
}

/** epoch ms → `yyyyMMddHHmmss` in Beijing time (WeChat's time fields). Throws RangeError outside years 1000–9999. */
export function formatBeijing(epochMs: number): string {
  const f = fields(epochMs);
  return `${pad(f.y, 4)}${pad(f.mo)}${pad(f.d)}${pad(f.h)}${pad(f.mi)}${pad(f.s)}`;
}

/** epoch ms → `yyyyMMdd`, the Beijing calendar date (bill_date, business day keys). */
export function formatBeijingDate(epochMs: number): string {
  return formatBeijing(epochMs).slice(0, 8);
}

/** epoch ms → `yyyy-MM-dd HH:mm:ss` in Beijing time (bills, refund success times, receipts). */
export function formatBeijingDisplay(epochMs: number): string {
  const f = fields(epochMs);
  return `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
}

/**
 * `yyyyMMddHHmmss` (Beijing) → epoch ms, or null when malformed or not a real calendar time
 * (20260231…, hour 25, …): the text must survive a round trip.
 */
export function parseBeijing(text: string | null | undefined): number | null {
  if (typeof text !== 'string') return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  try {
    return formatBeijing(ms) === text ? ms : null;
  } catch {
    return null;
  }
}

/** `yyyyMMdd` (a Beijing calendar date) → epoch ms of its midnight, or null when not a real date. */
export function parseBeijingDate(text: string): number | null {
  return /^\d{8}$/.test(text) ? parseBeijing(`${text}000000`) : null;
}

/** Epoch ms of the Beijing midnight that starts the calendar day containing epochMs. */
export function beijingDayStart(epochMs: number): number {
  const shifted = epochMs + BEIJING_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - BEIJING_OFFSET_MS;
}

/**
 * The business day containing epochMs when the day turns at cutoffHour (0–23, Beijing): [start, end).
 * cutoffHour 0 is the calendar day; 4 means sales until 03:59 count for the day before.
 */
export function businessDay(epochMs: number, cutoffHour = 0): { readonly start: number; readonly end: number } {
  const cut = Math.max(0, Math.min(23, Math.trunc(cutoffHour))) * 3_600_000;
  const start = beijingDayStart(epochMs - cut) + cut;
  return { start, end: start + DAY_MS };
}
