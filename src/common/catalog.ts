// The product catalog as the bridge and the screens see it (issue 15.1). Rules that both the Settings
// editor (renderer) and core check live here, so both say the same thing.
import { MAX_FEN } from './money';
import { MAX_LINE_NAME_CHARS } from './sale-limits';
import type { StaffRole } from './staff';

export interface Product {
  readonly productId: string;
  readonly name: string;
  readonly priceFen: number;
  /** EAN-13, UPC-A (12 digits), EAN-8 or the shop's own code (4-32 letters/digits); null: none. */
  readonly barcode: string | null;
  readonly category: string;
  /** Place on the till's quick-key grid (1 = first), or null: not on the grid. */
  readonly quickKey: number | null;
}

export type ProductInput = Omit<Product, 'productId'> & { readonly productId?: string };

export const MAX_PRODUCTS = 5000;
export const MAX_CATEGORY_CHARS = 32;
export const MAX_QUICK_KEYS = 60;
export const PRODUCT_NAME_MAX_CHARS = MAX_LINE_NAME_CHARS;
/** Who may change a catalog item's price on one sale line (a price override). */
export const PRICE_OVERRIDE_ROLE: StaffRole = 'manager';

export type ProductProblem =
  | 'catalog.nameMissing'
  | 'catalog.nameTooLong'
  | 'catalog.priceInvalid'
  | 'catalog.priceNegative'
  | 'catalog.barcodeInvalid'
  | 'catalog.barcodeChecksum'
  | 'catalog.barcodeDuplicate'
  | 'catalog.categoryTooLong'
  | 'catalog.quickKeyInvalid'
  | 'catalog.quickKeyDuplicate'
  | 'catalog.tooMany'
  | 'catalog.csvMalformed'
  | 'catalog.csvHeader';

/** GS1 check digit (EAN-13, EAN-8, UPC-A): weights 3,1 from the right, excluding the check digit. */
function gs1Valid(code: string): boolean {
  const digits = [...code].map(Number);
  const check = digits.pop()!;
  let sum = 0;
  digits.reverse().forEach((d, i) => {
    sum += d * (i % 2 === 0 ? 3 : 1);
  });
  return (10 - (sum % 10)) % 10 === check;
}

/** Why a barcode is not acceptable, or null (null/'' = no barcode, fine). */
export function barcodeProblem(code: string | null): ProductProblem | null {
  if (code === null || code === '') return null;
  if (/^\d{8}$|^\d{12}$|^\d{13}$/.test(code)) return gs1Valid(code) ? null : 'catalog.barcodeChecksum';
  // the shop's own codes: letters and digits; 18-digit numbers are payment codes, never products
  if (/^\d{18}$/.test(code)) return 'catalog.barcodeInvalid';
  return /^[A-Za-z0-9-]{4,32}$/.test(code) ? null : 'catalog.barcodeInvalid';
}

/** Parses a price in yuan ("12", "12.5", "12.50") into fen; the reason when it is not one. */
export function parsePriceYuan(text: string): { ok: true; fen: number } | { ok: false; problem: ProductProblem } {
  const t = text.trim();
  if (/^-/.test(t)) return { ok: false, problem: 'catalog.priceNegative' };
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return { ok: false, problem: 'catalog.priceInvalid' };
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen < 1 || fen > MAX_FEN) return { ok: false, problem: 'catalog.priceInvalid' };
  return { ok: true, fen };
}

/** The first problem of one product on its own (duplicates across products are checked by the caller). */
export function productProblem(p: ProductInput): ProductProblem | null {
  const name = p.name.trim();
  if (!name) return 'catalog.nameMissing';
  if ([...name].length > PRODUCT_NAME_MAX_CHARS) return 'catalog.nameTooLong';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'catalog.nameMissing';
  if (!Number.isSafeInteger(p.priceFen)) return 'catalog.priceInvalid';
  if (p.priceFen < 0) return 'catalog.priceNegative';
  if (p.priceFen < 1 || p.priceFen > MAX_FEN) return 'catalog.priceInvalid';
  const b = barcodeProblem(p.barcode);
  if (b) return b;
  if ([...p.category].length > MAX_CATEGORY_CHARS) return 'catalog.categoryTooLong';
  if (p.quickKey !== null && (!Number.isInteger(p.quickKey) || p.quickKey < 1 || p.quickKey > MAX_QUICK_KEYS)) return 'catalog.quickKeyInvalid';
  return null;
}
