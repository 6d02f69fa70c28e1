// Sandbox only: the simulated customer's phone, acting on the QR currently shown.
import { useState } from 'react';
import type { PhoneAction } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/i18n';
import { ErrorLine, type UiError } from './ErrorLine';

const ACTIONS: readonly { action: PhoneAction; key: MessageKey; testId: string }[] = [
  { action: 'pay', key: 'phone.pay', testId: 'phone-pay' },
  { action: 'pay-slowly', key: 'phone.paySlowly', testId: 'phone-pay-slowly' },
  { action: 'fail', key: 'phone.fail', testId: 'phone-fail' },
  { action: 'abandon', key: 'phone.abandon', testId: 'phone-abandon' },
];

export function PhonePanel({ attemptId }: { attemptId: string | null }) {
  const { t } = useI18n();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: PhoneAction): Promise<void> => {
    if (!attemptId) return;
    setBusy(true);
    const r = await call(() => pos.sandboxPhone({ attemptId, action }));
    setBusy(false);
    setError(r.ok ? null : r);
  };
  return (
    <aside className="phone" data-testid="phone-panel" aria-label={t('phone.title')}>
      <h3>{t('phone.title')}</h3>
      {ACTIONS.map((a) => (
        <button key={a.action} type="button" className="btn" data-testid={a.testId} disabled={!attemptId || busy} onClick={() => void act(a.action)}>
          {t(a.key)}
        </button>
      ))}
      {!attemptId ? <p className="hint">{t('phone.none')}</p> : null}
      <ErrorLine error={error} />
    </aside>
  );
}
