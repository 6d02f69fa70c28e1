// Catalog CSV import/export (issue 15.1), with csv-parse / csv-stringify (quoting, BOMs and embedded
// newlines done right). Import is all or nothing: every row is checked first and any problem is reported
// with its row number and reason; only a file without problems becomes the new catalog.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { barcodeProblem, MAX_PRODUCTS, parsePriceYuan, productProblem, type ProductInput, type ProductProblem } from '../../common/catalog';
import { formatFen } from '../../common/money';

/** The columns, in export order; import also accepts the Chinese headers. */
export const CSV_COLUMNS = ['name', 'price', 'barcode', 'category', 'quick_key'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const HEADER_ALIASES: Record<string, Column> = {
  name: 'name', 名称: 'name', 商品: 'name',
  price: 'price', 价格: 'price', 单价: 'price',
  barcode: 'barcode', 条码: 'barcode',
  category: 'category', 分类: 'category',
  quick_key: 'quick_key', quickkey: 'quick_key', 快捷键: 'quick_key',
};

/** A refused row: its line in the file (the header is line 1) and why. */
export interface CsvRowError {
  readonly row: number;
  readonly problem: ProductProblem;
  /** The offending value, for the message (never a secret: catalog data). */
  readonly value: string;
}

export type CsvImport = { readonly ok: true; readonly products: readonly ProductInput[] } | { readonly ok: false; readonly errors: readonly CsvRowError[] };

/** At most this many row errors are reported (a wrong file would otherwise list thousands). */
const MAX_REPORTED = 50;

export function parseCatalogCsv(text: string): CsvImport {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    const line = typeof e === 'object' && e !== null && 'lines' in e && typeof e.lines === 'number' ? e.lines : 1;
    return { ok: false, errors: [{ row: line, problem: 'catalog.csvMalformed', value: '' }] };
  }
  const [header, ...rows] = records;
  if (!header) return { ok: true, products: [] };
  const cols = header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? null);
  if (!cols.includes('name') || !cols.includes('price') || cols.some((c) => c === null)) {
    return { ok: false, errors: [{ row: 1, problem: 'catalog.csvHeader', value: header.join(',') }] };
  }
  if (rows.length > MAX_PRODUCTS) return { ok: false, errors: [{ row: MAX_PRODUCTS + 2, problem: 'catalog.tooMany', value: String(rows.length) }] };

  const errors: CsvRowError[] = [];
  const products: ProductInput[] = [];
  const barcodes = new Map<string, number>();
  const keys = new Map<number, number>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const get = (c: Column): string => cells[cols.indexOf(c)] ?? '';
    const fail = (problem: ProductProblem, value: string): void => void errors.push({ row, problem, value });
    const price = parsePriceYuan(get('price'));
    if (!price.ok) return fail(price.problem, get('price'));
    const barcode = get('barcode') || null;
    const keyText = get('quick_key');
    const quickKey = keyText === '' ? null : /^\d{1,3}$/.test(keyText) ? Number(keyText) : Number.NaN;
    if (Number.isNaN(quickKey)) return fail('catalog.quickKeyInvalid', keyText);
    const p: ProductInput = { name: get('name'), priceFen: price.fen, barcode, category: get('category'), quickKey };
    const problem = productProblem(p) ?? barcodeProblem(barcode);
    if (problem) return fail(problem, problem.startsWith('catalog.name') ? get('name').slice(0, 80) : problem.startsWith('catalog.barcode') ? (barcode ?? '') : get('category'));
    if (barcode !== null) {
      const first = barcodes.get(barcode);
      if (first !== undefined) return fail('catalog.barcodeDuplicate', `${barcode} (row ${first})`);
      barcodes.set(barcode, row);
    }
    if (quickKey !== null) {
      const first = keys.get(quickKey);
      if (first !== undefined) return fail('catalog.quickKeyDuplicate', `${quickKey} (row ${first})`);
      keys.set(quickKey, row);
    }
    products.push({ ...p, name: p.name.trim() });
  });
  return errors.length > 0 ? { ok: false, errors: errors.slice(0, MAX_REPORTED) } : { ok: true, products };
}

export function catalogToCsv(products: readonly ProductInput[]): string {
  return stringify(
    products.map((p) => [p.name, formatFen(p.priceFen, { symbol: false }).replace(/,/g, ''), p.barcode ?? '', p.category, p.quickKey === null ? '' : String(p.quickKey)]),
    { header: true, columns: [...CSV_COLUMNS], bom: true },
  );
}
