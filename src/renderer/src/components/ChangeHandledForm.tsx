// A CHANGE refund (sent to a closed bank card): what the manager does on the merchant platform, then
// "mark handled" (issue 10), by the signed-in manager (issue 11: no name or PIN typed here).
import { useState } from 'react';
import type { RefundView } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { ErrorLine, type UiError } from './ErrorLine';

export function ChangeHandledForm({ refund, onDone }: { refund: RefundView; onDone: () => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const r = await call(() => pos.markRefundHandled({ refundId: refund.refundId }));
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    onDone();
  };

  return (
    <form
      className="change-handled"
      data-testid="change-handled"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="hint">{t('refund.changeHandledHint')}</p>
      <button type="submit" className="btn btn-small" data-testid="change-handled-submit" disabled={busy}>
        {t('refund.changeHandled')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
