// Issue 15.1: catalog CSV import is all or nothing; bad rows are refused with their row and reason.
import { describe, expect, it } from 'vitest';
import { barcodeProblem, parsePriceYuan } from '../../../src/common/catalog';
import { catalogToCsv, parseCatalogCsv } from '../../../src/core/catalog/catalog-csv';

describe('catalog CSV', () => {
  it('reads quoted fields, Chinese headers and a BOM; export reads back the same', () => {
    const csv = '\uFEFF名称,价格,条码,分类,快捷键\n"Latte, large",26.5,6901234567892,Coffee,1\n茶叶蛋,2.5,,Snacks,\n';
    const r = parseCatalogCsv(csv);
    expect(r).toEqual({
      ok: true,
      products: [
        { name: 'Latte, large', priceFen: 2650, barcode: '6901234567892', category: 'Coffee', quickKey: 1 },
        { name: '茶叶蛋', priceFen: 250, barcode: null, category: 'Snacks', quickKey: null },
      ],
    });
    if (!r.ok) throw new Error('unreachable');
    expect(parseCatalogCsv(catalogToCsv(r.products))).toEqual(r);
  });

  it('refuses duplicate barcodes, negative or non-numeric prices and names over the limit, each with row and reason', () => {
    const csv = [
      'name,price,barcode,category,quick_key',
      'Tea,5,6901234567892,,',
      'Coffee,-3,,,',
      'Cake,abc,,,',
      `${'x'.repeat(65)},5,,,`,
      'Juice,6,6901234567892,,',
      'Bun,1.234,,,',
      'Bad code,1,6901234567893,,',
      'Key,1,,,2',
      'Key2,1,,,2',
    ].join('\n');
    const r = parseCatalogCsv(csv);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.problem])).toEqual([
      [3, 'catalog.priceNegative'],
      [4, 'catalog.priceInvalid'],
      [5, 'catalog.nameTooLong'],
      [6, 'catalog.barcodeDuplicate'],
      [7, 'catalog.priceInvalid'],
      [8, 'catalog.barcodeChecksum'],
      [10, 'catalog.quickKeyDuplicate'],
    ]);
    expect(r.errors[3]!.value).toBe('6901234567892 (row 2)');
  });

  it('a malformed file or a wrong header is refused as a whole', () => {
    expect(parseCatalogCsv('name,price\n"Tea,5\n')).toMatchObject({ ok: false, errors: [{ problem: 'catalog.csvMalformed' }] });
    expect(parseCatalogCsv('title,cost\nTea,5\n')).toMatchObject({ ok: false, errors: [{ row: 1, problem: 'catalog.csvHeader' }] });
  });

  it('barcodes: EAN-13, UPC-A and EAN-8 check digits; shop codes; 18-digit payment codes are never products', () => {
    expect(barcodeProblem('6901234567892')).toBeNull();
    expect(barcodeProblem('036000291452')).toBeNull(); // UPC-A
    expect(barcodeProblem('96385074')).toBeNull(); // EAN-8
    expect(barcodeProblem('036000291453')).toBe('catalog.barcodeChecksum');
    expect(barcodeProblem('CAKE-01')).toBeNull();
    expect(barcodeProblem('134567890123456789')).toBe('catalog.barcodeInvalid');
    expect(barcodeProblem('a b')).toBe('catalog.barcodeInvalid');
  });

  it('prices are parsed into integer fen without floats', () => {
    expect(parsePriceYuan('0.07')).toEqual({ ok: true, fen: 7 });
    expect(parsePriceYuan('19.9')).toEqual({ ok: true, fen: 1990 });
    expect(parsePriceYuan('0')).toEqual({ ok: false, problem: 'catalog.priceInvalid' });
    expect(parsePriceYuan('1e3')).toEqual({ ok: false, problem: 'catalog.priceInvalid' });
  });
});
