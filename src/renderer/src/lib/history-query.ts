// The history filter form -> a ReceiptQuery, with plain-word errors for what cannot be understood.
import type { ReceiptQuery, ReceiptStatus } from '../../../common/api';
import { parseMoney } from './money';
import { parseDateInput } from './time';
import { SEARCH_TEXT_MAX_CHARS } from '../../../common/text-limits';

export type StatusFilter = '' | ReceiptStatus | 'PAID_AFTER_CANCEL';
export const STATUS_FILTERS: readonly StatusFilter[] = ['', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED', 'PAID_AFTER_CANCEL'];

export interface HistoryFilters {
  readonly text: string;
  readonly amount: string;
  readonly from: string; // YYYY-MM-DD
  readonly to: string;
  readonly status: StatusFilter;
}

export const EMPTY_FILTERS: HistoryFilters = { text: '', amount: '', from: '', to: '', status: '' };
export const PAGE_SIZE = 100;

export type FilterError = 'history.badAmount' | 'history.badRange';

export function buildQuery(f: HistoryFilters): { ok: true; query: Omit<ReceiptQuery, 'cursor'> } | { ok: false; error: FilterError } {
  const q: { -readonly [K in keyof ReceiptQuery]: ReceiptQuery[K] } = { limit: PAGE_SIZE };
  const text = f.text.trim();
  if (text) q.text = text.slice(0, SEARCH_TEXT_MAX_CHARS);
  if (f.amount.trim()) {
    const fen = parseMoney(f.amount);
    if (fen === null) return { ok: false, error: 'history.badAmount' };
    q.amountFen = fen;
  }
  const from = f.from ? parseDateInput(f.from) : null;
  const to = f.to ? parseDateInput(f.to, true) : null;
  if (from !== null) q.fromMs = from;
  if (to !== null) q.toMs = to;
  if (from !== null && to !== null && from > to) return { ok: false, error: 'history.badRange' };
  if (f.status) q.status = f.status;
  return { ok: true, query: q };
}

// --- issue 15.4 ---
/**
 * A search that names exactly one receipt by its whole out_trade_no or transaction_id (what a receipt's
 * barcode holds, typed by the scanner) opens that receipt: its saleId, else null.
 */
export function scannedReceipt(text: string | undefined, rows: readonly { saleId: string; outTradeNo: string; transactionId: string }[]): string | null {
  const t = text?.trim();
  if (!t || rows.length !== 1) return null;
  const row = rows[0]!;
  return row.outTradeNo === t || row.transactionId === t ? row.saleId : null;
}
