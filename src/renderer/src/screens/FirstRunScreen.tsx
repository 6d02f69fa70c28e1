// First run (issue 11 point 3): the one-time setup code creates the first owner, who is then signed in.
// The code comes from `wxpay-pos setup-code` (or was shown once when the till started).
import { useState } from 'react';
import { STAFF_NAME_MAX_CHARS, STAFF_PIN_MAX_CHARS, STAFF_PIN_PATTERN } from '../../../common/staff';
import { call, pos } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { useI18n } from '../i18n/i18n-context';

export function FirstRunScreen({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState({ next: '', again: '' });
  const [error, setError] = useState<UiError | null>(null);

  const submit = async (): Promise<void> => {
    if (!STAFF_PIN_PATTERN.test(pin.next)) return setError(localError('staff.pinFormat'));
    if (pin.next !== pin.again) return setError(localError('settings.pinMismatch'));
    const typed = pin.next;
    setPin({ next: '', again: '' });
    const r = await call(() => pos.firstRunSetup({ setupCode: code.trim(), name: name.trim(), pin: typed }));
    if (!r.ok) return setError(r);
    setCode('');
    onDone();
  };

  return (
    <div className="sign-in" data-testid="first-run">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{t('staff.firstRunTitle')}</h2>
        <p>{t('staff.firstRunBody')}</p>
        <label>
          {t('staff.setupCode')}
          <input data-testid="setup-code" autoComplete="off" autoFocus maxLength={32} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label>
          {t('staff.name')}
          <input data-testid="owner-name" maxLength={STAFF_NAME_MAX_CHARS} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          {t('staff.pin')}
          <input data-testid="owner-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={STAFF_PIN_MAX_CHARS} value={pin.next} onChange={(e) => setPin((p) => ({ ...p, next: e.target.value }))} />
        </label>
        <label>
          {t('staff.pinAgain')}
          <input data-testid="owner-pin-again" type="password" inputMode="numeric" autoComplete="off" maxLength={STAFF_PIN_MAX_CHARS} value={pin.again} onChange={(e) => setPin((p) => ({ ...p, again: e.target.value }))} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="create-owner">
          {t('staff.createOwner')}
        </button>
        <ErrorLine error={error} />
      </form>
    </div>
  );
}
