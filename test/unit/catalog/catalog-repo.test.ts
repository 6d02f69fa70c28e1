// Issue 15.1: the catalog in SQLite: rules on every write, a barcode and a quick key at most once,
// CSV import replaces the catalog in one transaction or not at all; price override by role.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/store';
import { fixedSession } from '../../../src/core/auth/staff-session';
import { createCatalogCalls } from '../../../src/core/catalog/catalog-api';
import { createCatalogRepo, type CatalogRepo } from '../../../src/core/catalog/catalog-repo';
import { mayOverridePrice } from '../../../src/core/catalog/price-override';
import { freshStore, tempDir, type TempDir } from '../store/helpers';

describe('catalog repo', () => {
  let t: TempDir;
  let s: Store;
  let repo: CatalogRepo;
  let n = 0;
  beforeEach(() => {
    t = tempDir();
    s = freshStore(t);
    repo = createCatalogRepo(s.db, () => 1_000, () => `p${++n}`);
  });
  afterEach(() => {
    s.close();
    t.cleanup();
  });

  const tea = { name: 'Tea', priceFen: 500, barcode: '6901234567892', category: 'Drinks', quickKey: 1 };

  it('adds, changes, finds by barcode and removes', () => {
    const a = repo.save(tea);
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(repo.byBarcode('6901234567892')?.name).toBe('Tea');
    expect(repo.save({ ...tea, productId: a.value.productId, priceFen: 600 }).ok).toBe(true);
    expect(repo.list()).toEqual([{ ...tea, priceFen: 600, productId: a.value.productId }]);
    expect(repo.remove(a.value.productId)).toEqual({ ok: true, value: null });
    expect(repo.list()).toEqual([]);
  });

  it('refuses a taken barcode or quick key and bad values, in plain words', () => {
    expect(repo.save(tea).ok).toBe(true);
    const dup = repo.save({ ...tea, name: 'Other', quickKey: 2 });
    expect(dup).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(!dup.ok && dup.message).toMatch(/catalog.barcodeDuplicate/);
    expect(repo.save({ ...tea, barcode: null })).toMatchObject({ ok: false, message: expect.stringMatching(/quickKeyDuplicate/) });
    expect(repo.save({ ...tea, barcode: null, quickKey: null, priceFen: -1 })).toMatchObject({ ok: false, message: expect.stringMatching(/priceNegative/) });
    expect(repo.list()).toHaveLength(1);
  });

  it('a CSV with one bad row imports nothing; a good one replaces the catalog', async () => {
    expect(repo.save(tea).ok).toBe(true);
    const calls = createCatalogCalls({ repo });
    const bad = await calls.importCatalogCsv({ csv: 'name,price\nBun,3\nCake,-1\n' });
    expect(bad).toEqual({ ok: true, value: { imported: 0, errors: [{ row: 3, problem: 'catalog.priceNegative', value: '-1' }] } });
    expect(repo.list().map((p) => p.name)).toEqual(['Tea']); // nothing half-imported
    const good = await calls.importCatalogCsv({ csv: 'name,price,category\nBun,3,Bakery\nCake,12.5,Bakery\n' });
    expect(good).toEqual({ ok: true, value: { imported: 2, errors: [] } });
    expect(repo.list().map((p) => [p.name, p.priceFen])).toEqual([['Bun', 300], ['Cake', 1250]]);
    const out = await calls.exportCatalogCsv();
    expect(out.ok && out.value.csv).toContain('Cake,12.50,,Bakery,');
  });

  it('price override: manager and owner may, a cashier or nobody may not', async () => {
    expect(mayOverridePrice(fixedSession({ staffId: 's1', name: 'Amy', role: 'cashier' }))).toBe(false);
    expect(mayOverridePrice(fixedSession({ staffId: 's2', name: 'Bo', role: 'manager' }))).toBe(true);
    expect(mayOverridePrice(fixedSession({ staffId: 's3', name: 'Cy', role: 'owner' }))).toBe(true);
    expect(mayOverridePrice(fixedSession(null))).toBe(false);
    expect(mayOverridePrice(undefined)).toBe(false);
    const view = await createCatalogCalls({ repo, staff: fixedSession({ staffId: 's2', name: 'Bo', role: 'manager' }) }).listProducts();
    expect(view).toEqual({ ok: true, value: { products: [], mayOverridePrice: true } });
  });
});
