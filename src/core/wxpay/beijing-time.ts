// WeChat reads every time field as Beijing time (UTC+8, no DST) whatever the machine's zone
// (wxpay-v2.md section 3). Formatting shifts the instant by 8 h and reads the UTC fields, so the
// process TZ never enters the computation.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** epoch ms -> yyyyMMddHHmmss in Beijing time. Throws RangeError for a non-finite or out-of-range instant. */
export function formatBeijing(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError('not a finite instant');
  const d = new Date(Math.floor(epochMs) + BEIJING_OFFSET_MS);
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y) || y < 1000 || y > 9999) throw new RangeError('instant outside years 1000..9999');
  return (
    pad(y, 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2)
  );
}

/** yyyyMMddHHmmss (Beijing) -> epoch ms, or null when malformed or not a real calendar time. */
export function parseBeijing(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) - BEIJING_OFFSET_MS;
  return formatBeijing(ms) === text ? ms : null;
}
