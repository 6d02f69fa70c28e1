// Barcode-scanner input (issue 12 point 1; product barcodes are reused by issue 15). A USB scanner is a
// keyboard that types a whole code as a fast burst and ends it with Enter or Tab. This module is pure:
// it classifies a code (WeChat payment code, product barcode, or neither and why) and tells a burst
// from a person typing by the times of the key presses, which the caller passes in.
//
// How a burst is recognised (the thresholds; `averageGapMs` is the till's setting, see SCANNER_GAP_*):
// - keys that can be part of a code are single letters or digits; Shift is ignored (scanners press it
//   for capitals); any other key ends the run;
// - a gap longer than `maxGapMs` (5 × averageGapMs, default 250 ms) between two keys ends the run;
// - leading keys followed by a gap longer than 2 × averageGapMs (default 100 ms) are dropped from the run
//   (a key the cashier typed just before scanning is not part of the code; a scanner's first keys may
//   arrive 60 ms apart on a busy machine, so the bound is not the average itself);
// - Enter or Tab (no Alt/Ctrl/Meta) at most maxGapMs after the last key closes a burst when the run has
//   at least MIN_BURST_CHARS (8, an EAN-8) keys and the average gap over the run, the closing key
//   included, is at most averageGapMs (default 50 ms). Scanners type 1–10 ms apart (a busy machine may
//   deliver them 20–40 ms apart); a person cannot keep 8 keys in a row 50 ms apart on average (fast
//   typists are 100–150 ms a key, 240 words a minute would be needed), so a person typing the same
//   digits is never taken for a scan, and Enter then does what it always does.
// The keys of a run still reach the screen as typed (nothing a person types is delayed or held back);
// when the run turns out to be a scan, the caller puts the screen back as it was before the run's first
// key, using the snapshot it gave with that key, so the code's digits never stay in a field or amount.
// WeChat Pay's payment-code rule (18 digits starting 10–15) has its one home in common/api; the setting
// (the largest average gap between a burst's keys, ms) and its bounds are shared with core.
import { isPaymentCode } from '../../../common/api';
import { SCANNER_GAP_DEFAULT_MS, SCANNER_GAP_MAX_MS, SCANNER_GAP_MIN_MS, SCANNER_MAX_GAP_FACTOR } from '../../../common/scanner-limits';

export { SCANNER_GAP_DEFAULT_MS, SCANNER_GAP_MAX_MS, SCANNER_GAP_MIN_MS };

export const MIN_BURST_CHARS = 8;
/** Longest run kept; anything longer is not a code we know. */
export const MAX_BURST_CHARS = 64;

export interface ScannerTiming {
  readonly averageGapMs: number;
  readonly maxGapMs: number;
}

/** The thresholds for a setting value (clamped to the allowed range; non-numbers give the default). */
export function scannerTiming(averageGapMs: number = SCANNER_GAP_DEFAULT_MS): ScannerTiming {
  const avg = Number.isFinite(averageGapMs)
    ? Math.min(SCANNER_GAP_MAX_MS, Math.max(SCANNER_GAP_MIN_MS, Math.round(averageGapMs)))
    : SCANNER_GAP_DEFAULT_MS;
  return { averageGapMs: avg, maxGapMs: avg * SCANNER_MAX_GAP_FACTOR };
}

export type ProductFormat = 'EAN-13' | 'UPC-A' | 'EAN-8';

/** Why a code is neither a payment code nor a product barcode; each has plain words in the dictionary. */
export type CodeProblem =
  | 'empty'
  | 'notDigits' // letters or signs: no payment code has them
  | 'length' // not 18 digits (nor 8/12/13 for a product)
  | 'notPaymentCode' // 18 digits, but not starting 10–15
  | 'checkDigit'; // 8/12/13 digits whose check digit is wrong: a misread barcode

export type CodeClass =
  | { readonly kind: 'payment'; readonly code: string }
  | { readonly kind: 'product'; readonly code: string; readonly format: ProductFormat }
  | { readonly kind: 'invalid'; readonly problem: CodeProblem; readonly length: number };

/** GS1 check digit (EAN-8, UPC-A, EAN-13): weights 3,1,3,… from the right, excluding the check digit. */
export function gs1CheckDigitOk(digits: string): boolean {
  if (!/^\d+$/.test(digits) || digits.length < 2) return false;
  let sum = 0;
  const body = digits.slice(0, -1);
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10 === digits.charCodeAt(digits.length - 1) - 48;
}

const PRODUCT_LENGTHS: Readonly<Record<number, ProductFormat>> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13' };

/** What a scanned or typed code is. Spaces around it (a customer reading it out in groups) are ignored. */
export function classifyCode(raw: string): CodeClass {
  const text = raw.replace(/[\s-]/g, '');
  if (text === '') return { kind: 'invalid', problem: 'empty', length: 0 };
  if (!/^\d+$/.test(text)) return { kind: 'invalid', problem: 'notDigits', length: text.length };
  if (isPaymentCode(text)) return { kind: 'payment', code: text };
  if (text.length === 18) return { kind: 'invalid', problem: 'notPaymentCode', length: 18 };
  const format = PRODUCT_LENGTHS[text.length];
  if (format) {
    return gs1CheckDigitOk(text) ? { kind: 'product', code: text, format } : { kind: 'invalid', problem: 'checkDigit', length: text.length };
  }
  return { kind: 'invalid', problem: 'length', length: text.length };
}

/** A key press as the detector sees it (the keymap's KeyPress fits). */
export interface ScanKey {
  readonly key: string;
  readonly modified: boolean;
}

export type BurstStep<S> =
  /** Not a scan: the key does what it always does. */
  | { readonly type: 'pass' }
  /** The key closes a scan: take it (no Enter/Tab action), put the screen back to `restore`, act on `code`. */
  | { readonly type: 'scan'; readonly text: string; readonly code: CodeClass; readonly restore: S };

export interface BurstDetector<S> {
  /**
   * Feeds one key press at time `at` (ms, any monotonic origin). `snapshot` is called before a key that
   * may be part of a code takes effect: what the screen looked like just before it.
   */
  key(press: ScanKey, at: number, snapshot: () => S): BurstStep<S>;
  /** Forgets the current run (screen changed, dialog opened). */
  reset(): void;
}

interface RunKey<S> {
  readonly char: string;
  readonly at: number;
  readonly before: S;
}

const CODE_CHAR = /^[0-9A-Za-z]$/;

export function createBurstDetector<S>(timing: () => ScannerTiming): BurstDetector<S> {
  let run: RunKey<S>[] = [];
  /** Keys beyond MAX_BURST_CHARS: counted, not kept. */
  let extra = 0;

  const reset = (): void => {
    run = [];
    extra = 0;
  };

  /** The run without leading keys that were followed by a pause (typed by hand before the scan). */
  const trimmed = (t: ScannerTiming): RunKey<S>[] => {
    let start = 0;
    while (start < run.length - 1 && run[start + 1]!.at - run[start]!.at > 2 * t.averageGapMs) start++;
    return run.slice(start);
  };

  return {
    reset,
    key(press, at, snapshot) {
      const t = timing();
      if (press.key === 'Shift') return { type: 'pass' };
      const last = run[run.length - 1];
      const fresh = last !== undefined && at - last.at <= t.maxGapMs;
      if (!press.modified && CODE_CHAR.test(press.key)) {
        if (!fresh) reset();
        if (run.length < MAX_BURST_CHARS) run.push({ char: press.key, at, before: snapshot() });
        else extra++;
        return { type: 'pass' };
      }
      const closes = !press.modified && (press.key === 'Enter' || press.key === 'Tab') && fresh;
      const keys = closes ? trimmed(t) : [];
      const beyond = extra;
      reset();
      const first = keys[0];
      if (!first) return { type: 'pass' };
      const count = keys.length + beyond;
      const average = (at - first.at) / count; // the gaps between the keys and the closing key
      if (count < MIN_BURST_CHARS || average > t.averageGapMs) return { type: 'pass' };
      const text = keys.map((k) => k.char).join('');
      const code: CodeClass = beyond > 0 ? { kind: 'invalid', problem: 'length', length: count } : classifyCode(text);
      return { type: 'scan', text, code, restore: first.before };
    },
  };
}
