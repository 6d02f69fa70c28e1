// Who is at the till (issue 11 point 1): nothing of the till shows until someone signs in (or, on a new
// till, the first owner is created with the setup code). Shows who is signed in, the lock key (F12),
// sign-out, and the owner's Staff screen. Core signs out on idle; the gate re-reads the session every
// few seconds so the sign-in screen follows.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { SessionView } from '../../../common/api';
import { call, pos } from '../bridge';
import { useKeymap } from '../hooks/useKeymap';
import { useI18n } from '../i18n/i18n-context';
import { LOCK_TILL_KEY } from '../lib/keymap';
import { FirstRunScreen } from '../screens/FirstRunScreen';
import { SignInScreen } from '../screens/SignInScreen';
import { StaffScreen } from '../screens/StaffScreen';

const POLL_MS = 5_000;

export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [session, setSession] = useState<SessionView | null>(null);
  const [staffOpen, setStaffOpen] = useState(false);

  const load = useCallback(async () => {
    const r = await call(() => pos.getStaffSession());
    if (r.ok) setSession(r.value);
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const lock = useCallback(async () => {
    setStaffOpen(false);
    await call(() => pos.lockTill());
    await load();
  }, [load]);

  useKeymap('global', [{ keys: [LOCK_TILL_KEY], run: () => void lock() }]);

  if (!session) return null;
  if (session.setupNeeded) return <FirstRunScreen onDone={() => void load()} />;
  if (!session.signedIn) return <SignInScreen session={session} onDone={() => void load()} />;
  const who = session.signedIn;
  return (
    <>
      <div className="session-bar" data-testid="session-bar">
        <span data-testid="signed-in-as">{t('staff.signedInAs', { name: who.name, role: t(`staff.role.${who.role}`) })}</span>
        {who.role === 'owner' ? (
          <button type="button" className="btn btn-small" data-testid="staff-open" onClick={() => setStaffOpen((o) => !o)}>
            {t('staff.manage')}
          </button>
        ) : null}
        <button type="button" className="btn btn-small" data-testid="lock-till" onClick={() => void lock()}>
          {t('staff.lock')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="sign-out"
          onClick={() => void call(() => pos.signOut()).then(() => load())}
        >
          {t('staff.signOut')}
        </button>
      </div>
      {staffOpen ? <StaffScreen onClose={() => setStaffOpen(false)} /> : null}
      {children}
    </>
  );
}
