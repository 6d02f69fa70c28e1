// Undo and 作废整单 (void sale) beside the till's keypad (issue 15.2); the keys are in hooks/useSaleKeys.
import { useI18n } from '../i18n/i18n-context';
import { keypadFen } from '../lib/keypad';
import type { SaleDraft, SaleEdit } from '../lib/sale-draft';

/** mayOverridePrice: the signed-in role may change a line's price (issue 15.1, core decides). */
export function SaleActions({ sale, onEdit, mayOverridePrice }: { sale: SaleDraft; onEdit: (e: SaleEdit) => void; mayOverridePrice: boolean }) {
  const { t } = useI18n();
  const canVoid = sale.lines.length > 0 || sale.keypad.text !== '';
  const canOverride = mayOverridePrice && sale.selected !== null && keypadFen(sale.keypad) !== null;
  return (
    <div className="sale-actions">
      <button type="button" className="btn" data-testid="void-sale" disabled={!canVoid} onClick={() => onEdit({ type: 'void' })}>
        {t('till.voidSale')}
      </button>
      {mayOverridePrice ? (
        <button type="button" className="btn" data-testid="override-price" disabled={!canOverride} onClick={() => onEdit({ type: 'overridePrice' })}>
          {t('catalog.overridePrice')}
        </button>
      ) : null}
      {sale.undo.length > 0 ? (
        <button type="button" className="btn" data-testid="undo" onClick={() => onEdit({ type: 'undo' })}>
          {t('till.undo')}
        </button>
      ) : null}
    </div>
  );
}
