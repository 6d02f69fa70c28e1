// The catalog on the till (issue 15.1): read once when the till opens (and after Settings changes it),
// quick keys in their places, products found by barcode. Product barcodes come from the scanner module
// (issue 12's QuickPayPanel `onProduct`) into addByBarcode.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Product } from '../../../common/api';
import { call, pos } from '../bridge';
import { localError, type UiError } from '../components/ErrorLine';
import type { SaleEdit } from '../lib/sale-draft';

export interface TillCatalog {
  readonly quickKeys: readonly Product[];
  readonly mayOverridePrice: boolean;
  add(p: Product): void;
  /** A scanned product barcode: adds its line, or says it is not in the catalog. */
  addByBarcode(code: string): void;
}

export function useCatalog(onEdit: (e: SaleEdit) => void, onError: (e: UiError | null) => void): TillCatalog {
  const [products, setProducts] = useState<readonly Product[]>([]);
  const [mayOverridePrice, setMay] = useState(false);
  useEffect(() => {
    void call(() => pos.listProducts()).then((r) => {
      if (!r.ok) return;
      setProducts(r.value.products);
      setMay(r.value.mayOverridePrice);
    });
  }, []);
  const byBarcode = useMemo(() => new Map(products.filter((p) => p.barcode).map((p) => [p.barcode!, p])), [products]);
  const quickKeys = useMemo(() => products.filter((p) => p.quickKey !== null).sort((a, b) => a.quickKey! - b.quickKey!), [products]);
  const add = useCallback(
    (p: Product) => {
      onError(null);
      onEdit({ type: 'addItem', item: { name: p.name, quantity: 1, unitFen: p.priceFen } });
    },
    [onEdit, onError],
  );
  const addByBarcode = useCallback(
    (code: string) => {
      const p = byBarcode.get(code);
      if (p) add(p);
      else onError(localError('catalog.unknownBarcode', { code }));
    },
    [byBarcode, add, onError],
  );
  return { quickKeys, mayOverridePrice, add, addByBarcode };
}
