// A CHANGE refund (sent to a closed bank card): what the manager does on the merchant platform, then
// "mark handled" with the manager's name and PIN (issue 10). The PIN is cleared as soon as it is sent.
import { useState } from 'react';
import type { RefundView } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { ErrorLine, type UiError } from './ErrorLine';

export function ChangeHandledForm({ refund, onDone }: { refund: RefundView; onDone: () => void }) {
  const { t } = useI18n();
  const [approver, setApprover] = useState('');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const managerPin = pin;
    setPin('');
    const r = await call(() => pos.markRefundHandled({ refundId: refund.refundId, approver: approver.trim(), managerPin }));
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
      <label>
        {t('refund.approver')}
        <input data-testid="change-approver" maxLength={32} value={approver} onChange={(e) => setApprover(e.target.value)} />
      </label>
      <label>
        {t('refund.pin')}
        <input
          data-testid="change-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-small" data-testid="change-handled-submit" disabled={busy}>
        {t('refund.changeHandled')}
      </button>
      <ErrorLine error={error} />
    </form>
  );
}
