// Beijing time (UTC+8, no DST) formatting and parsing, independent of the host's TZ.

const OFFSET_MS = 8 * 3600_000;

function parts(ms: number): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const t = new Date(ms + OFFSET_MS);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return {
    y: p(t.getUTCFullYear(), 4),
    mo: p(t.getUTCMonth() + 1),
    d: p(t.getUTCDate()),
    h: p(t.getUTCHours()),
    mi: p(t.getUTCMinutes()),
    s: p(t.getUTCSeconds()),
  };
}

/** yyyyMMddHHmmss */
export function beijingCompact(ms: number): string {
  const p = parts(ms);
  return `${p.y}${p.mo}${p.d}${p.h}${p.mi}${p.s}`;
}

/** yyyyMMdd */
export function beijingDate(ms: number): string {
  return beijingCompact(ms).slice(0, 8);
}

/** yyyy-MM-dd HH:mm:ss (bills, refund success times) */
export function beijingDisplay(ms: number): string {
  const p = parts(ms);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}

/** Parses yyyyMMddHHmmss as Beijing time; null when malformed or not a real calendar time. */
export function parseBeijingCompact(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (beijingCompact(utc - OFFSET_MS) !== text) return null; // rejects 20260231..., 25:00 ...
  return utc - OFFSET_MS;
}

/** Parses yyyyMMdd (a Beijing calendar day); null when malformed. */
export function parseBeijingDate(text: string): number | null {
  return /^\d{8}$/.test(text) ? parseBeijingCompact(`${text}000000`) : null;
}
