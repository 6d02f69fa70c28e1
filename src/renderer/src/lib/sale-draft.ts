// The sale being rung up: committed item lines plus the line being typed (name, quantity, keypad price).
// Kept in App so switching screens or going back from a failed payment loses nothing.
// Issue 15.2: a charged sale's lines leave the draft (they are `held` by the payment on screen), so after
// a cancel, an expiry or a failure the next sale starts clean; only an explicit 'recall' brings them back.
// Lines are selected with ↑/↓ and removed with Del; removals and "void sale" can be undone.
import type { SaleLineInput } from '../../../common/api';
import { MAX_FEN } from '../../../common/money';
import { EMPTY_KEYPAD, keypadFen, keypadReducer, splitTimes, type KeypadAction, type KeypadState } from './keypad';
import { fitsInSale, isDraftEmpty, lineFen, parseDraft, totalFen, type LineError } from './sale';

export interface SaleDraft {
  readonly lines: readonly SaleLineInput[];
  readonly name: string;
  readonly qtyText: string;
  readonly keypad: KeypadState;
  /** The line picked with ↑/↓ (Del removes it), or null: Del clears the amount. */
  readonly selected: number | null;
  /** Line lists as they were before each removal or void, latest last (Ctrl+Z). */
  readonly undo: readonly (readonly SaleLineInput[])[];
  /** The lines of the last charge (on screen, or ended unpaid): out of the draft until recalled. */
  readonly held: readonly SaleLineInput[] | null;
}

export const EMPTY_SALE: SaleDraft = { lines: [], name: '', qtyText: '1', keypad: EMPTY_KEYPAD, selected: null, undo: [], held: null };

/** How many removals the till remembers for undo. */
const UNDO_DEPTH = 20;

export type ChargeError = LineError | 'till.nothingToCharge';

/** The draft line as a sale line (null while the price is empty), or its error. */
export function pendingLine(s: SaleDraft, defaultName: string): { ok: true; line: SaleLineInput | null } | { ok: false; error: LineError } {
  const split = splitTimes(s.keypad.text);
  if (!split) return { ok: false, error: 'line.priceInvalid' };
  const qtyText = split.qtyText !== null && split.qtyText !== '' ? split.qtyText : s.qtyText;
  const d = { name: s.name, qtyText, priceText: split.amountText };
  if (isDraftEmpty(d)) return { ok: true, line: null };
  const r = parseDraft(d, defaultName);
  return r.ok ? { ok: true, line: r.line } : r;
}

/** "*3" typed after a line: the quantity for the last line (null when the keypad holds anything else). */
function quantityForLastLine(s: SaleDraft): number | null {
  const split = splitTimes(s.keypad.text);
  if (!split || split.amountText !== '' || !split.qtyText || !s.keypad.text.startsWith('*')) return null;
  return s.lines.length > 0 ? Number(split.qtyText) : null;
}

const cleared = (s: SaleDraft, lines: readonly SaleLineInput[]): SaleDraft => ({ ...s, lines, name: '', qtyText: '1', keypad: EMPTY_KEYPAD, selected: null });

/** Adds the typed line to the sale and clears the entry (keeping the sale as it was on error). */
export function addPending(s: SaleDraft, defaultName: string): { ok: true; sale: SaleDraft } | { ok: false; error: ChargeError } {
  const q = quantityForLastLine(s);
  if (q !== null) {
    const last = s.lines[s.lines.length - 1];
    if (!last) return { ok: false, error: 'line.qtyInvalid' };
    const line = { ...last, quantity: q };
    const rest = s.lines.slice(0, -1);
    if (!fitsInSale(rest, line)) return { ok: false, error: 'line.totalTooLarge' };
    return { ok: true, sale: cleared(s, [...rest, line]) };
  }
  const p = pendingLine(s, defaultName);
  if (!p.ok) return p;
  if (!p.line) return { ok: false, error: 'line.priceInvalid' };
  if (!fitsInSale(s.lines, p.line)) return { ok: false, error: 'line.totalTooLarge' };
  return { ok: true, sale: cleared(s, [...s.lines, p.line]) };
}

/** Adds a ready line (a quick key, a scanned product) with the quantity typed as "3*" if any. */
export function addItem(s: SaleDraft, item: SaleLineInput): { ok: true; sale: SaleDraft } | { ok: false; error: ChargeError } {
  const split = splitTimes(s.keypad.text);
  const qty = split && split.amountText === '' && split.qtyText && !s.keypad.text.startsWith('*') ? Number(split.qtyText) : item.quantity;
  const line = { ...item, quantity: qty };
  if (!fitsInSale(s.lines, line)) return { ok: false, error: 'line.totalTooLarge' };
  // the keypad keeps a typed amount; only a consumed "3*" is cleared
  const keypad = qty !== item.quantity || (split?.qtyText ?? null) !== null ? EMPTY_KEYPAD : s.keypad;
  return { ok: true, sale: { ...s, lines: [...s.lines, line], keypad, selected: null } };
}

/** The lines to charge: committed lines plus the typed one if any. */
export function linesToCharge(s: SaleDraft, defaultName: string): { ok: true; sale: SaleDraft } | { ok: false; error: ChargeError } {
  const p = pendingLine(s, defaultName);
  if (!p.ok) return p;
  const typed = p.line !== null || quantityForLastLine(s) !== null;
  const sale = typed ? addPending(s, defaultName) : { ok: true as const, sale: s };
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

/** What Del does now (its button says the same): remove the selected line, else clear the amount. */
export function delMeaning(s: SaleDraft): 'removeLine' | 'clearAmount' {
  return s.selected !== null && s.selected < s.lines.length ? 'removeLine' : 'clearAmount';
}

/** What the till screen may do to the sale; App owns the draft and applies these with saleReducer. */
export type SaleEdit =
  | { readonly type: 'keypad'; readonly action: KeypadAction }
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'qty'; readonly text: string }
  | { readonly type: 'removeLine'; readonly index: number }
  /** The typed line becomes a line (the sale stays as it was when the line is not valid). */
  | { readonly type: 'addTyped'; readonly defaultName: string }
  /** A quick key or a scanned product (the sale stays as it was when it does not fit). */
  | { readonly type: 'addItem'; readonly item: SaleLineInput }
  /** Before charging: the typed line, if any, becomes a line, so nothing is lost if the charge fails. */
  | { readonly type: 'commitForCharge'; readonly defaultName: string }
  /** Core took the charge: the lines go with the payment on screen; the till is clean for the next sale. */
  | { readonly type: 'charged' }
  /** The cashier chose to go back to the lines of the unpaid charge. */
  | { readonly type: 'recall' }
  /** ↑ (-1) / ↓ (+1) through the lines; past the last line the selection ends (back to the amount). */
  | { readonly type: 'select'; readonly delta: -1 | 1 }
  | { readonly type: 'deselect' }
  /** Del: what delMeaning says. */
  | { readonly type: 'del' }
  /** Price override (issue 15.1): the selected line takes the keypad's amount; the screen offers it only to a role allowed to. */
  | { readonly type: 'overridePrice' }
  /** 作废整单: every line and the typed entry go (undoable). */
  | { readonly type: 'void' }
  | { readonly type: 'undo' }
  /** A new sale: nothing of the last one stays (its lines are not recallable any more). */
  | { readonly type: 'clear' };

const pushUndo = (s: SaleDraft): SaleDraft['undo'] => [...s.undo, s.lines].slice(-UNDO_DEPTH);

function removeAt(s: SaleDraft, index: number): SaleDraft {
  if (index < 0 || index >= s.lines.length) return s;
  const lines = s.lines.filter((_, j) => j !== index);
  const selected = s.selected === null || lines.length === 0 ? null : Math.min(s.selected, lines.length - 1);
  return { ...s, lines, selected, undo: pushUndo(s) };
}

export function saleReducer(s: SaleDraft, e: SaleEdit): SaleDraft {
  switch (e.type) {
    case 'keypad':
      return { ...s, keypad: keypadReducer(s.keypad, e.action) };
    case 'name':
      return { ...s, name: e.name };
    case 'qty':
      return { ...s, qtyText: e.text.replace(/[^\d]/g, '') };
    case 'removeLine':
      return removeAt(s, e.index);
    case 'addTyped': {
      const r = addPending(s, e.defaultName);
      return r.ok ? r.sale : s;
    }
    case 'addItem': {
      const r = addItem(s, e.item);
      return r.ok ? r.sale : s;
    }
    case 'commitForCharge': {
      const r = linesToCharge(s, e.defaultName);
      return r.ok ? r.sale : s;
    }
    case 'charged':
      return { ...EMPTY_SALE, held: s.lines };
    case 'recall':
      return s.held ? { ...s, lines: [...s.held, ...s.lines], held: null, selected: null } : s;
    case 'select': {
      if (s.lines.length === 0) return s.selected === null ? s : { ...s, selected: null };
      const last = s.lines.length - 1;
      if (s.selected === null) return e.delta < 0 ? { ...s, selected: last } : s;
      const next = s.selected + e.delta;
      return { ...s, selected: next > last ? null : Math.max(0, next) };
    }
    case 'deselect':
      return s.selected === null ? s : { ...s, selected: null };
    case 'del':
      return delMeaning(s) === 'removeLine' && s.selected !== null ? removeAt(s, s.selected) : { ...s, keypad: EMPTY_KEYPAD };
    case 'overridePrice': {
      const fen = keypadFen(s.keypad);
      const line = s.selected === null ? undefined : s.lines[s.selected];
      if (!line || fen === null || fen < 1 || s.selected === null) return s;
      const lines = s.lines.map((l, i) => (i === s.selected ? { ...l, unitFen: fen } : l));
      if (totalFen(lines) > MAX_FEN) return s;
      return { ...s, lines, keypad: EMPTY_KEYPAD, undo: pushUndo(s) };
    }
    case 'void':
      if (s.lines.length === 0 && s.keypad.text === '') return s;
      return { ...EMPTY_SALE, held: s.held, undo: s.lines.length > 0 ? pushUndo(s) : s.undo };
    case 'undo': {
      const prev = s.undo[s.undo.length - 1];
      return prev ? { ...s, lines: prev, undo: s.undo.slice(0, -1), selected: null } : s;
    }
    case 'clear':
      return EMPTY_SALE;
    default: {
      const never: never = e;
      return never;
    }
  }
}
