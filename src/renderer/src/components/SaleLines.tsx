// The sale's item lines (issue 15.2): the Remove buttons are out of the tab order (a stray Shift+Tab then
// Enter must not delete a line); the keyboard selects lines with ↑/↓ and removes them with Del.
import type { SaleLineInput } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';
import { lineFen } from '../lib/sale';
import { Money } from './Money';

interface Props {
  readonly lines: readonly SaleLineInput[];
  readonly selected: number | null;
  readonly onRemove: (index: number) => void;
}

export function SaleLines({ lines, selected, onRemove }: Props) {
  const { t } = useI18n();
  return (
    <table className="lines">
      <thead>
        <tr>
          <th>{t('till.name')}</th>
          <th className="num">{t('till.qty')}</th>
          <th className="num">{t('till.price')}</th>
          <th className="num">{t('till.total')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => (
          <tr key={i} data-testid="sale-line" className={selected === i ? 'selected' : undefined} aria-selected={selected === i}>
            <td>{l.name}</td>
            <td className="num">{l.quantity}</td>
            <td className="num">
              <Money fen={l.unitFen} />
            </td>
            <td className="num">
              <Money fen={lineFen(l)} />
            </td>
            <td>
              <button type="button" tabIndex={-1} className="btn btn-small" data-testid="remove-line" onClick={() => onRemove(i)}>
                {t('till.removeLine')}
              </button>
            </td>
          </tr>
        ))}
        {lines.length === 0 ? (
          <tr>
            <td colSpan={5} className="hint">
              {t('till.noLines')}
            </td>
          </tr>
        ) : (
          <tr>
            <td colSpan={5} className="hint">
              {t('till.lineHint')}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
