// The sign-in screen (issue 11 point 1): pick a name and type the PIN, or type the PIN alone when it is
// unique. A wrong PIN says how many tries are left; the PIN never stays in the page's state.
import { useState } from 'react';
import type { SessionView } from '../../../common/api';
import { STAFF_PIN_MAX_CHARS } from '../../../common/staff';
import { call, pos } from '../bridge';
import { ErrorLine, type UiError } from '../components/ErrorLine';
import { useI18n } from '../i18n/i18n-context';

export function SignInScreen({ session, onDone }: { session: SessionView; onDone: () => void }) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [triesLeft, setTriesLeft] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    if (busy) return;
    setBusy(true);
    const typed = pin;
    setPin('');
    const r = await call(() => pos.signIn(staffId ? { staffId, pin: typed } : { pin: typed }));
    setBusy(false);
    if (r.ok) {
      setError(null);
      setTriesLeft(null);
      return onDone();
    }
    setError(r);
    if (r.code === 'PIN_WRONG') {
      const s = await call(() => pos.getStaffSession());
      setTriesLeft(s.ok ? s.value.triesLeft : null);
    } else setTriesLeft(null);
  };

  return (
    <div className="sign-in" data-testid="sign-in">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2>{t('staff.signInTitle')}</h2>
        {session.damaged ? (
          <p className="banner banner-warn" data-testid="auth-damaged">
            {t('staff.damaged')}
          </p>
        ) : null}
        <label>
          {t('staff.pickName')}
          <select data-testid="sign-in-name" value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">{t('staff.anyone')}</option>
            {session.people.map((p) => (
              <option key={p.staffId} value={p.staffId}>
                {p.name} ({t(`staff.role.${p.role}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('staff.pin')}
          <input
            data-testid="sign-in-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            autoFocus
            maxLength={STAFF_PIN_MAX_CHARS}
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="sign-in-submit" disabled={busy}>
          {t('staff.signIn')}
        </button>
        {triesLeft !== null ? (
          <p className="error" role="alert" data-testid="tries-left">
            {t('staff.triesLeft', { n: triesLeft })}
          </p>
        ) : (
          <ErrorLine error={error} />
        )}
      </form>
    </div>
  );
}
