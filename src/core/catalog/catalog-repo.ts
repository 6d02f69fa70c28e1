// The catalog in SQLite (table products, migration 010). Every write checks the product rules first
// (common/catalog) and refuses a barcode or quick-key place another product has, in plain words.
import type Database from 'better-sqlite3';
import { MAX_PRODUCTS, productProblem, type Product, type ProductInput, type ProductProblem } from '../../common/catalog';
import { err, ok, type Result } from '../../common/result';

interface ProductRecord {
  readonly id: string;
  readonly name: string;
  readonly price_fen: number;
  readonly barcode: string | null;
  readonly category: string;
  readonly quick_key: number | null;
}

const toProduct = (r: ProductRecord): Product => ({
  productId: r.id,
  name: r.name,
  priceFen: r.price_fen,
  barcode: r.barcode,
  category: r.category,
  quickKey: r.quick_key,
});

const COLUMNS = 'id, name, price_fen, barcode, category, quick_key';

export interface CatalogRepo {
  list(): readonly Product[];
  byBarcode(code: string): Product | null;
  /** Adds (no productId) or changes a product. */
  save(p: ProductInput): Result<Product>;
  remove(productId: string): Result<null>;
  /** Replaces the whole catalog in one transaction (CSV import): all of it or nothing. */
  replaceAll(products: readonly ProductInput[]): Result<number>;
}

export function createCatalogRepo(db: Database.Database, now: () => number, newId: () => string): CatalogRepo {
  const refuse = (problem: ProductProblem, message: string): Result<never> => err('INVALID_PAYLOAD', `${problem}: ${message}`);
  const insert = db.prepare(`INSERT INTO products(${COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`);

  function clash(p: ProductInput, id: string | undefined): Result<never> | null {
    if (p.barcode) {
      const other = db.prepare('SELECT id FROM products WHERE barcode = ?').get(p.barcode) as { id: string } | undefined;
      if (other && other.id !== id) return refuse('catalog.barcodeDuplicate', `barcode ${p.barcode} belongs to another product`);
    }
    if (p.quickKey !== null) {
      const other = db.prepare('SELECT id FROM products WHERE quick_key = ?').get(p.quickKey) as { id: string } | undefined;
      if (other && other.id !== id) return refuse('catalog.quickKeyDuplicate', `quick key ${p.quickKey} is taken`);
    }
    return null;
  }

  return {
    list: () => (db.prepare(`SELECT ${COLUMNS} FROM products ORDER BY category, name, id`).all() as ProductRecord[]).map(toProduct),
    byBarcode(code) {
      const r = db.prepare(`SELECT ${COLUMNS} FROM products WHERE barcode = ?`).get(code) as ProductRecord | undefined;
      return r ? toProduct(r) : null;
    },
    save(input) {
      const p: ProductInput = { ...input, name: input.name.trim(), barcode: input.barcode || null };
      const problem = productProblem(p);
      if (problem) return refuse(problem, 'the product is not valid');
      const id = p.productId;
      const c = clash(p, id);
      if (c) return c;
      if (id) {
        const changed = db
          .prepare('UPDATE products SET name = ?, price_fen = ?, barcode = ?, category = ?, quick_key = ?, updated_at = ? WHERE id = ?')
          .run(p.name, p.priceFen, p.barcode, p.category, p.quickKey, now(), id).changes;
        if (changed === 0) return err('NOT_FOUND', 'No such product.');
        return ok({ ...p, productId: id } as Product);
      }
      const count = (db.prepare('SELECT count(*) AS n FROM products').get() as { n: number }).n;
      if (count >= MAX_PRODUCTS) return refuse('catalog.tooMany', `at most ${MAX_PRODUCTS} products`);
      const productId = newId();
      insert.run(productId, p.name, p.priceFen, p.barcode, p.category, p.quickKey, now());
      return ok({ ...p, productId } as Product);
    },
    remove(productId) {
      const changed = db.prepare('DELETE FROM products WHERE id = ?').run(productId).changes;
      return changed === 0 ? err('NOT_FOUND', 'No such product.') : ok(null);
    },
    replaceAll(products) {
      for (const p of products) {
        const problem = productProblem(p);
        if (problem) return refuse(problem, 'the product is not valid');
      }
      try {
        db.transaction(() => {
          db.prepare('DELETE FROM products').run();
          for (const p of products) insert.run(newId(), p.name.trim(), p.priceFen, p.barcode || null, p.category, p.quickKey, now());
        }).immediate();
      } catch (e) {
        // a UNIQUE clash the checks before missed: nothing was written (the transaction rolled back)
        return refuse('catalog.barcodeDuplicate', String((e as Error).message));
      }
      return ok(products.length);
    },
  };
}
