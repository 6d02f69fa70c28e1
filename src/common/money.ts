// Amounts are integer fen from the keyboard to the XML: no floats anywhere on the money path.

/** Largest amount WeChat accepts in one order (total_fee is a signed 32-bit int). */
export const MAX_FEN = 2_147_483_647;

export function isFen(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_FEN;
}

/** Formats fen as yuan with exactly two decimals, using integer arithmetic only. */
export function formatFen(fen: number, opts: { symbol?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an integer amount of fen: ${fen}`);
  const neg = fen < 0;
  const abs = neg ? -fen : fen;
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = `${grouped}.${cents < 10 ? '0' : ''}${cents}`;
  const sym = opts.symbol === false ? '' : '¥';
  return `${neg ? '-' : ''}${sym}${body}`;
}

/**
 * Parses what a cashier typed ("12", "12.5", "12.50", "0.07") into fen without floats.
 * Returns null for anything that is not a plain non-negative amount with at most two decimals.
 */
export function parseYuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,8})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  const yuan = Number(m[1]);
  const frac = (m[2] ?? '').padEnd(2, '0');
  const fen = yuan * 100 + Number(frac);
  return fen <= MAX_FEN ? fen : null;
}
