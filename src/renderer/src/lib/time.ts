// Time formatting for the screen, pure (the caller passes "now").

const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Seconds left until expiresAt as m:ss (0:00 once past). */
export function countdown(expiresAt: number, now: number): string {
  const left = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  return `${Math.floor(left / 60)}:${pad(left % 60)}`;
}

/** Local date and time, YYYY-MM-DD HH:mm:ss (the till's own time zone). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${dateOnly(ms)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function dateOnly(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local midnight of the day containing ms. */
export function dayStart(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** An <input type="date"> value (YYYY-MM-DD) as local midnight, or null. endOfDay gives the next midnight - 1 ms. */
export function parseDateInput(value: string, endOfDay = false): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (Number.isNaN(d.getTime()) || d.getMonth() !== Number(m[2]) - 1) return null;
  return endOfDay ? new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1).getTime() - 1 : d.getTime();
}
