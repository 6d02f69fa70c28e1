// Undo and 作废整单 (void sale) beside the till's keypad (issue 15.2); the keys are in hooks/useSaleKeys.
import { useI18n } from '../i18n/i18n-context';
import type { SaleDraft, SaleEdit } from '../lib/sale-draft';

export function SaleActions({ sale, onEdit }: { sale: SaleDraft; onEdit: (e: SaleEdit) => void }) {
  const { t } = useI18n();
  const canVoid = sale.lines.length > 0 || sale.keypad.text !== '';
  return (
    <div className="sale-actions">
      <button type="button" className="btn" data-testid="void-sale" disabled={!canVoid} onClick={() => onEdit({ type: 'void' })}>
        {t('till.voidSale')}
      </button>
      {sale.undo.length > 0 ? (
        <button type="button" className="btn" data-testid="undo" onClick={() => onEdit({ type: 'undo' })}>
          {t('till.undo')}
        </button>
      ) : null}
    </div>
  );
}
