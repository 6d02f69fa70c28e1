// Issue 13.1 split tender: cash parts owed back to customers (their WeChat part ended unpaid) stay on
// screen, after a restart too, until the cashier confirms each was given back.
import { useCallback, useEffect, useState } from 'react';
import type { SplitTenderView } from '../../../common/split-tender';
import { formatBeijingDisplay } from '../../../common/beijing-time';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { money } from '../lib/money';
import { onSplitOwedChanged } from '../lib/split-rest';
import { ErrorLine, type UiError } from './ErrorLine';

export function SplitCashOwedBanner() {
  const { t } = useI18n();
  const [owed, setOwed] = useState<readonly SplitTenderView[]>([]);
  const [error, setError] = useState<UiError | null>(null);
  const load = useCallback(() => {
    void call(() => pos.listSplitCashOwed()).then((r) => r.ok && setOwed(r.value));
  }, []);
  // Read at start, and again whenever a payment changes (one may have just ended unpaid).
  useEffect(() => {
    load();
    const offPayment = pos.on('payment', load);
    const offOwed = onSplitOwedChanged(load);
    return () => {
      offPayment();
      offOwed();
    };
  }, [load]);
  if (owed.length === 0) return null;
  return (
    <div className="banner banner-alert" data-testid="split-owed" role="alert">
      {owed.map((s) => (
        <p key={s.saleId} data-testid="split-owed-item">
          {t('split.owedBanner', { cash: money(s.cashFen), time: formatBeijingDisplay(s.takenAt).slice(5, 16) })}{' '}
          <button
            type="button"
            className="btn"
            data-testid="split-owed-returned"
            onClick={() =>
              void call(() => pos.confirmSplitCashReturned({ saleId: s.saleId })).then((r) => {
                setError(r.ok ? null : r);
                load();
              })
            }
          >
            {t('pay.split.confirmReturned')}
          </button>
        </p>
      ))}
      <ErrorLine error={error} />
    </div>
  );
}
