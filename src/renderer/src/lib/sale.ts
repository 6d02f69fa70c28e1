// Quick item lines and the running total, as pure functions over integer fen.
import type { SaleLineInput } from '../../../common/api';
import { MAX_FEN } from '../../../common/money';
import { parseMoney } from './money';
import { MAX_LINE_NAME_CHARS, MAX_LINE_QUANTITY } from '../../../common/sale-limits';

export interface DraftLine {
  readonly name: string;
  readonly qtyText: string;
  readonly priceText: string;
}

export type LineError = 'line.nameMissing' | 'line.nameTooLong' | 'line.qtyInvalid' | 'line.priceInvalid' | 'line.totalTooLarge';

export function lineFen(line: SaleLineInput): number {
  return line.quantity * line.unitFen;
}

export function totalFen(lines: readonly SaleLineInput[]): number {
  return lines.reduce((sum, l) => sum + lineFen(l), 0);
}

/** Turns what the cashier typed into a sale line, or the reason it cannot be one. */
export function parseDraft(d: DraftLine, defaultName: string): { ok: true; line: SaleLineInput } | { ok: false; error: LineError } {
  // eslint-disable-next-line no-control-regex
  const name = (d.name.trim() || defaultName).replace(/[\u0000-\u001f\u007f]/g, '');
  if (!name) return { ok: false, error: 'line.nameMissing' };
  if ([...name].length > MAX_LINE_NAME_CHARS) return { ok: false, error: 'line.nameTooLong' };
  const qtyText = d.qtyText.trim() || '1';
  if (!/^\d{1,4}$/.test(qtyText)) return { ok: false, error: 'line.qtyInvalid' };
  const quantity = Number(qtyText);
  if (quantity < 1 || quantity > MAX_LINE_QUANTITY) return { ok: false, error: 'line.qtyInvalid' };
  const unitFen = parseMoney(d.priceText);
  if (unitFen === null || unitFen < 1) return { ok: false, error: 'line.priceInvalid' };
  if (quantity * unitFen > MAX_FEN) return { ok: false, error: 'line.totalTooLarge' };
  return { ok: true, line: { name, quantity, unitFen } };
}

/** True when adding `line` keeps the sale within one order's limit. */
export function fitsInSale(lines: readonly SaleLineInput[], line: SaleLineInput): boolean {
  return totalFen(lines) + lineFen(line) <= MAX_FEN;
}

export function isDraftEmpty(d: DraftLine): boolean {
  return d.priceText.trim() === '';
}
