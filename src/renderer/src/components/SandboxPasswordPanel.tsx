// Sandbox only (issue 12): the simulated customer's phone while a quick pay waits for the password.
import { useState } from 'react';
import type { PasswordAction } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { ErrorLine, type UiError } from './ErrorLine';

export function SandboxPasswordPanel({ attemptId }: { attemptId: string | null }) {
  const { t } = useI18n();
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: PasswordAction): Promise<void> => {
    if (!attemptId) return;
    setBusy(true);
    const r = await call(() => pos.sandboxPassword({ attemptId, action }));
    setBusy(false);
    setError(r.ok ? null : r);
  };
  return (
    <aside className="phone" data-testid="phone-panel" aria-label={t('phone.title')}>
      <h3>{t('phone.title')}</h3>
      <button type="button" className="btn" data-testid="phone-password-enter" disabled={!attemptId || busy} onClick={() => void act('enter')}>
        {t('quick.phone.enter')}
      </button>
      <button type="button" className="btn" data-testid="phone-password-abandon" disabled={!attemptId || busy} onClick={() => void act('abandon')}>
        {t('quick.phone.abandon')}
      </button>
      {!attemptId ? <p className="hint">{t('quick.phone.none')}</p> : null}
      <ErrorLine error={error} />
    </aside>
  );
}
