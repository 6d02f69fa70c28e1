// Bill amounts are yuan written as decimal text ("19.99", fees "0.11994"). They become integers by
// string arithmetic only: parseFloat("19.99") * 100 is 1998.9999999999998, which a well-known
// reconciler truncates to 1998 fen.

/** Why an amount cell is refused (stable code; the parser adds line and column). */
export type AmountProblem = 'not-decimal' | 'too-many-decimals' | 'negative' | 'too-large';

export type AmountRead = { readonly ok: true; readonly units: number } | { readonly ok: false; readonly problem: AmountProblem };

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];
const MAX_WHOLE_DIGITS = 12;

/**
 * Decimal yuan → integer units of 10^-places yuan (places 2 = fen, places 5 = thousandths of a fen).
 * Accepts `digits[.digits]` with at most `places` decimals; a sign only when allowNegative; no
 * exponent, no spaces, no "+". Scans characters (a bill has about a million amount cells).
 */
export function readYuan(text: string, places: number, allowNegative: boolean): AmountRead {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const negative = i === 1;
  let whole = 0;
  const wholeStart = i;
  for (; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
  }
  const wholeDigits = i - wholeStart;
  if (wholeDigits === 0 || wholeDigits > MAX_WHOLE_DIGITS) return { ok: false, problem: 'not-decimal' };
  let frac = 0;
  let fracDigits = 0;
  if (i < n) {
    if (text.charCodeAt(i) !== 46) return { ok: false, problem: 'not-decimal' }; // '.'
    for (i++; i < n; i++, fracDigits++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return { ok: false, problem: 'not-decimal' };
      if (fracDigits < places) frac = frac * 10 + d;
    }
    if (fracDigits === 0) return { ok: false, problem: 'not-decimal' };
  }
  if (fracDigits > places) return { ok: false, problem: 'too-many-decimals' };
  const scale = POW10[places] ?? 10 ** places;
  const units = whole * scale + frac * (POW10[places - fracDigits] ?? 10 ** (places - fracDigits));
  if (!Number.isSafeInteger(units)) return { ok: false, problem: 'too-large' };
  if (!negative) return { ok: true, units };
  if (!allowNegative) return { ok: false, problem: 'negative' };
  return { ok: true, units: units === 0 ? 0 : -units };
}

/** Integer units → decimal yuan text with exactly `places` decimals (integer arithmetic only). */
export function writeYuan(units: number, places: number): string {
  const unit = 10 ** places;
  const abs = Math.abs(units);
  const frac = places === 0 ? '' : `.${String(abs % unit).padStart(places, '0')}`;
  return `${units < 0 ? '-' : ''}${Math.trunc(abs / unit)}${frac}`;
}
