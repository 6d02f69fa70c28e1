// The ONE place the renderer turns fen into text, so every amount on screen looks the same.
import { formatFen, parseYuanToFen } from '../../../common/money';

/** ¥1,234.56 — every amount shown on screen goes through this. */
export function money(fen: number): string {
  return formatFen(fen);
}

/** Yuan text for an input field (no symbol, no grouping): 1234.56 */
export function moneyInput(fen: number): string {
  return formatFen(fen, { symbol: false }).replace(/,/g, '');
}

/** What a cashier typed as yuan -> fen, or null when it is not a plain amount. */
export function parseMoney(text: string): number | null {
  return parseYuanToFen(text.replace(/[¥,\s]/g, ''));
}
