// WeChat's time_end is yyyyMMddHHmmss in Beijing time (UTC+8), whatever the till's time zone.

export function parseBeijingTime(s: string | null): number | null {
  if (s === null) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, se] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)) - 8 * 3600_000;
  return Number.isFinite(ms) ? ms : null;
}

/** Start (epoch ms) of the Beijing calendar day containing ms. */
export function beijingDayStart(ms: number): number {
  const shifted = ms + 8 * 3600_000;
  return shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000) - 8 * 3600_000;
}
