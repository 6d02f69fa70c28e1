// Bill amounts are yuan written as decimal text ("19.99", fees "0.11994"). They become integers by
// string arithmetic only: parseFloat("19.99") * 100 is 1998.9999999999998, which a well-known
// reconciler truncates to 1998 fen.

/** Why an amount cell is refused (stable code; the parser adds line and column). */
export type AmountProblem = 'not-decimal' | 'too-many-decimals' | 'negative' | 'too-large';

export type AmountRead = { readonly ok: true; readonly units: number } | { readonly ok: false; readonly problem: AmountProblem };

const DECIMAL = /^(-?)(\d{1,12})(?:\.(\d+))?$/;

/**
 * Decimal yuan → integer units of 10^-places yuan (places 2 = fen, places 5 = thousandths of a fen).
 * Accepts at most `places` decimals; a sign only when allowNegative; no exponent, no spaces, no "+".
 */
export function readYuan(text: string, places: number, allowNegative: boolean): AmountRead {
  const m = DECIMAL.exec(text);
  if (!m) return { ok: false, problem: 'not-decimal' };
  const [, sign = '', whole = '', frac = ''] = m;
  if (frac.length > places) return { ok: false, problem: 'too-many-decimals' };
  const units = Number(whole) * 10 ** places + Number(frac.padEnd(places, '0'));
  if (!Number.isSafeInteger(units)) return { ok: false, problem: 'too-large' };
  if (sign === '-') {
    if (!allowNegative) return { ok: false, problem: 'negative' };
    return { ok: true, units: units === 0 ? 0 : -units };
  }
  return { ok: true, units };
}

/** Integer units → decimal yuan text with exactly `places` decimals (integer arithmetic only). */
export function writeYuan(units: number, places: number): string {
  const unit = 10 ** places;
  const abs = Math.abs(units);
  const frac = places === 0 ? '' : `.${String(abs % unit).padStart(places, '0')}`;
  return `${units < 0 ? '-' : ''}${Math.trunc(abs / unit)}${frac}`;
}
