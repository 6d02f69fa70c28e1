// Settings → Catalog (issue 15.1): the products, one form to add or change one, CSV import (all or
// nothing; refused rows listed with row and reason) and export.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogImportResult, Product } from '../../../common/api';
import { parsePriceYuan, productProblem, type ProductInput } from '../../../common/catalog';
import { call, pos } from '../bridge';
import { isMessageKey } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n-context';
import { moneyInput } from '../lib/money';
import { ErrorLine, localError, type UiError } from './ErrorLine';
import { Money } from './Money';

interface Form {
  readonly productId?: string;
  readonly name: string;
  readonly price: string;
  readonly barcode: string;
  readonly category: string;
  readonly quickKey: string;
}
const EMPTY: Form = { name: '', price: '', barcode: '', category: '', quickKey: '' };

export function CatalogCard() {
  const { t } = useI18n();
  const [products, setProducts] = useState<readonly Product[]>([]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [error, setError] = useState<UiError | null>(null);
  const [imported, setImported] = useState<CatalogImportResult | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    const r = await call(() => pos.listProducts());
    if (r.ok) setProducts(r.value.products);
  }, []);
  useEffect(() => void load(), [load]);

  const problemWords = (problem: string): string => (isMessageKey(problem) ? t(problem) : problem);

  const save = async (): Promise<void> => {
    const price = parsePriceYuan(form.price);
    if (!price.ok) return setError(localError(price.problem));
    const quickKey = form.quickKey.trim() === '' ? null : Number(form.quickKey);
    const input: ProductInput = { name: form.name.trim(), priceFen: price.fen, barcode: form.barcode.trim() || null, category: form.category.trim(), quickKey: Number.isInteger(quickKey) ? quickKey : -1 };
    const problem = productProblem(input);
    if (problem) return setError(localError(problem));
    const r = await call(() => pos.saveProduct(form.productId ? { ...input, productId: form.productId } : input));
    if (!r.ok) {
      const key = r.message.split(':')[0] ?? '';
      return setError(isMessageKey(key) ? localError(key) : r);
    }
    setError(null);
    setForm(EMPTY);
    void load();
  };

  const importCsv = async (f: File): Promise<void> => {
    const r = await call(async () => pos.importCatalogCsv({ csv: await f.text() }));
    if (!r.ok) return setError(r);
    setError(null);
    setImported(r.value);
    void load();
  };

  const exportCsv = async (): Promise<void> => {
    const r = await call(() => pos.exportCatalogCsv());
    if (!r.ok) return setError(r);
    const a = document.createElement('a');
    a.href = `data:text/csv;charset=utf-8,${encodeURIComponent(r.value.csv)}`;
    a.download = 'catalog.csv';
    a.click();
  };

  const set = (patch: Partial<Form>): void => setForm((f) => ({ ...f, ...patch }));
  return (
    <section className="card" data-testid="catalog-card">
      <h2>{t('catalog.title')}</h2>
      {products.length === 0 ? <p className="hint">{t('catalog.empty')}</p> : null}
      {products.length > 0 ? (
        <table className="catalog-table">
          <tbody>
            {products.map((p) => (
              <tr key={p.productId} data-testid="catalog-row">
                <td>
                  <button type="button" className="btn btn-small" onClick={() => setForm({ productId: p.productId, name: p.name, price: moneyInput(p.priceFen), barcode: p.barcode ?? '', category: p.category, quickKey: p.quickKey === null ? '' : String(p.quickKey) })}>
                    {p.name}
                  </button>
                </td>
                <td className="num">
                  <Money fen={p.priceFen} />
                </td>
                <td className="mono">{p.barcode ?? ''}</td>
                <td>{p.category}</td>
                <td>{p.quickKey ?? ''}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => void call(() => pos.deleteProduct({ productId: p.productId })).then(() => load())}>
                    {t('catalog.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('catalog.name')}
          <input data-testid="catalog-name" maxLength={64} value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label>
          {t('catalog.price')}
          <input data-testid="catalog-price" inputMode="decimal" value={form.price} onChange={(e) => set({ price: e.target.value })} />
        </label>
        <label>
          {t('catalog.barcode')}
          <input data-testid="catalog-barcode" maxLength={32} value={form.barcode} onChange={(e) => set({ barcode: e.target.value })} />
        </label>
        <label>
          {t('catalog.category')}
          <input data-testid="catalog-category" maxLength={32} value={form.category} onChange={(e) => set({ category: e.target.value })} />
        </label>
        <label>
          {t('catalog.quickKey')}
          <input data-testid="catalog-quick-key" inputMode="numeric" maxLength={2} value={form.quickKey} onChange={(e) => set({ quickKey: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="catalog-save">
          {form.productId ? t('catalog.save') : t('catalog.add')}
        </button>
      </form>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="button" className="btn" data-testid="catalog-import" onClick={() => file.current?.click()}>
          {t('catalog.import')}
        </button>
        <button type="button" className="btn" data-testid="catalog-export" onClick={() => void exportCsv()}>
          {t('catalog.export')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".csv,text/csv"
          hidden
          data-testid="catalog-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importCsv(f);
          }}
        />
      </div>
      {imported ? (
        imported.errors.length === 0 ? (
          <p className="note" data-testid="catalog-imported">
            {t('catalog.imported', { n: imported.imported })}
          </p>
        ) : (
          <div className="error" role="alert" data-testid="catalog-import-errors">
            {t('catalog.importRefused', { n: imported.errors.length })}
            <ul className="catalog-errors">
              {imported.errors.map((e) => (
                <li key={`${e.row}-${e.problem}`}>{t('catalog.rowError', { row: e.row, reason: problemWords(e.problem), value: e.value })}</li>
              ))}
            </ul>
          </div>
        )
      ) : null}
    </section>
  );
}
