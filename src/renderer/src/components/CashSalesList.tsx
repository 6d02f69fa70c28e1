// Issue 13 point 1: the open shift's cash sales (tender: cash) with a cash refund for each (by the
// signed-in manager, as every refund). Bad input is refused in plain words; nothing typed is lost.
import { useState } from 'react';
import type { ShiftState } from '../../../common/day';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { money, parseMoney } from '../lib/money';
import { dateTime } from '../lib/time';
import { ErrorLine, localError, type UiError } from './ErrorLine';

export function CashSalesList({ sales, onChanged }: { sales: ShiftState['cashSales']; onChanged: () => void }) {
  const { t } = useI18n();
  const [refunding, setRefunding] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<UiError | null>(null);

  const refund = async (saleId: string) => {
    const amountFen = parseMoney(amount);
    if (amountFen === null || amountFen <= 0) return setError(localError('shift.badAmount'));
    if (!reason.trim()) return setError(localError('shift.needReason'));
    const r = await call(() => pos.cashRefund({ saleId, amountFen, reason: reason.trim() }));
    if (!r.ok) return setError(r);
    setError(null);
    setRefunding(null);
    setAmount('');
    setReason('');
    onChanged();
  };

  if (sales.length === 0) return null;
  return (
    <section className="cash-sales">
      <h3>{t('cash.sales')}</h3>
      <table className="lines">
        <tbody>
          {sales.map((s) => (
            <tr key={s.saleId} data-testid="cash-sale-row">
              <td>{dateTime(s.paidAt)}</td>
              <td>{t('report.cash')}</td>
              <td className="num">{money(s.dueFen)}</td>
              <td className="num">{s.refundedFen > 0 ? `${t('report.refunds')} ${money(s.refundedFen)}` : ''}</td>
              <td>{s.cashier}</td>
              <td>
                {refunding === s.saleId ? (
                  <span className="cash-refund-form">
                    <input data-testid="cash-refund-amount" aria-label={t('shift.amount')} placeholder={t('shift.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} />
                    <input data-testid="cash-refund-reason" aria-label={t('shift.reason')} placeholder={t('shift.reason')} maxLength={80} value={reason} onChange={(e) => setReason(e.target.value)} />
                    <button type="button" className="btn btn-small" data-testid="cash-refund-confirm" onClick={() => void refund(s.saleId)}>
                      {t('cash.refund')}
                    </button>
                  </span>
                ) : s.refundedFen < s.dueFen ? (
                  <button type="button" className="btn btn-small" data-testid="cash-refund-open" onClick={() => setRefunding(s.saleId)}>
                    {t('cash.refund')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorLine error={error} />
    </section>
  );
}
