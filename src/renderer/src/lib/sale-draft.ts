// The sale being rung up: committed item lines plus the line being typed (name, quantity, keypad price).
// Kept in App so switching screens or going back from a failed payment loses nothing.
import type { SaleLineInput } from '../../../common/api';
import { MAX_FEN } from '../../../common/money';
import { EMPTY_KEYPAD, keypadReducer, type KeypadAction, type KeypadState } from './keypad';
import { fitsInSale, isDraftEmpty, lineFen, parseDraft, totalFen, type LineError } from './sale';

export interface SaleDraft {
  readonly lines: readonly SaleLineInput[];
  readonly name: string;
  readonly qtyText: string;
  readonly keypad: KeypadState;
}

export const EMPTY_SALE: SaleDraft = { lines: [], name: '', qtyText: '1', keypad: EMPTY_KEYPAD };

export type ChargeError = LineError | 'till.nothingToCharge';

/** The draft line as a sale line (null while the price is empty), or its error. */
export function pendingLine(s: SaleDraft, defaultName: string): { ok: true; line: SaleLineInput | null } | { ok: false; error: LineError } {
  const d = { name: s.name, qtyText: s.qtyText, priceText: s.keypad.text };
  if (isDraftEmpty(d)) return { ok: true, line: null };
  const r = parseDraft(d, defaultName);
  return r.ok ? { ok: true, line: r.line } : r;
}

/** Adds the typed line to the sale and clears the entry (keeping the sale as it was on error). */
export function addPending(s: SaleDraft, defaultName: string): { ok: true; sale: SaleDraft } | { ok: false; error: ChargeError } {
  const p = pendingLine(s, defaultName);
  if (!p.ok) return p;
  if (!p.line) return { ok: false, error: 'line.priceInvalid' };
  if (!fitsInSale(s.lines, p.line)) return { ok: false, error: 'line.totalTooLarge' };
  return { ok: true, sale: { lines: [...s.lines, p.line], name: '', qtyText: '1', keypad: EMPTY_KEYPAD } };
}

/** The lines to charge: committed lines plus the typed one if any. */
export function linesToCharge(s: SaleDraft, defaultName: string): { ok: true; sale: SaleDraft } | { ok: false; error: ChargeError } {
  const p = pendingLine(s, defaultName);
  if (!p.ok) return p;
  const sale = p.line ? addPending(s, defaultName) : { ok: true as const, sale: s };
  if (!sale.ok) return sale;
  if (sale.sale.lines.length === 0) return { ok: false, error: 'till.nothingToCharge' };
  const total = totalFen(sale.sale.lines);
  if (total < 1) return { ok: false, error: 'till.nothingToCharge' };
  if (total > MAX_FEN) return { ok: false, error: 'line.totalTooLarge' };
  return sale;
}

/** Running total shown on the till: committed lines plus the typed line when it is valid. */
export function runningTotal(s: SaleDraft, defaultName: string): number {
  const p = pendingLine(s, defaultName);
  const extra = p.ok && p.line ? lineFen(p.line) : 0;
  return totalFen(s.lines) + extra;
}

/** What the till screen may do to the sale; App owns the draft and applies these with saleReducer. */
export type SaleEdit =
  | { readonly type: 'keypad'; readonly action: KeypadAction }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'qty'; readonly text: string }
  | { readonly type: 'removeLine'; readonly index: number }
  /** The typed line becomes a line (the sale stays as it was when the line is not valid). */
  | { readonly type: 'addTyped'; readonly defaultName: string }
  /** Before charging: the typed line, if any, becomes a line, so nothing is lost if the charge fails. */
  | { readonly type: 'commitForCharge'; readonly defaultName: string }
  | { readonly type: 'clear' };

export function saleReducer(s: SaleDraft, e: SaleEdit): SaleDraft {
  switch (e.type) {
    case 'keypad':
      return { ...s, keypad: keypadReducer(s.keypad, e.action) };
    case 'name':
      return { ...s, name: e.name };
    case 'qty':
      return { ...s, qtyText: e.text.replace(/[^\d]/g, '') };
    case 'removeLine':
      return { ...s, lines: s.lines.filter((_, j) => j !== e.index) };
    case 'addTyped': {
      const r = addPending(s, e.defaultName);
      return r.ok ? r.sale : s;
    }
    case 'commitForCharge': {
      const r = linesToCharge(s, e.defaultName);
      return r.ok ? r.sale : s;
    }
    case 'clear':
      return EMPTY_SALE;
    default: {
      const never: never = e;
      return never;
    }
  }
}
