// Issue 11 point 4 follow-up: while the audit chain is broken (refunds, mode and staff changes stopped),
// the till says so plainly. The signed-in owner writes what they checked and acknowledges the break
// (core audits it and checks the note); anyone else is told that the owner must do it.
import { useCallback, useEffect, useState } from 'react';
import type { AuditStateView } from '../../../common/api';
import { call, pos, usePosEvent } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { ErrorLine, localError, type UiError } from './ErrorLine';

/** Same bounds as core's acknowledgeAuditBreak schema; core checks again. */
const NOTE_MIN = 3;
const NOTE_MAX = 500;

export function AuditBreakBanner() {
  const { t } = useI18n();
  const [state, setState] = useState<AuditStateView | null>(null);
  const [isOwner, setIsOwner] = useState(false);
  const [owners, setOwners] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (): Promise<void> => {
    const [a, s] = await Promise.all([call(() => pos.getAuditState()), call(() => pos.getStaffSession())]);
    if (a.ok) setState(a.value);
    setIsOwner(s.ok && s.value.signedIn?.role === 'owner');
    if (s.ok) setOwners(s.value.people.filter((p) => p.role === 'owner').map((p) => p.name).join(', '));
  }, []);
  useEffect(() => void load(), [load]);
  // A break found while the till is open arrives as an AUDIT_BROKEN alert.
  usePosEvent('alert', (a) => {
    if (a.kind === 'AUDIT_BROKEN') void load();
  });

  if (!state || state.intact) return null;

  const acknowledge = async (): Promise<void> => {
    const n = note.trim();
    if (n.length < NOTE_MIN || n.length > NOTE_MAX) return setError(localError('audit.noteLength'));
    setBusy(true);
    const r = await call(() => pos.acknowledgeAuditBreak({ note: n }));
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    setNote('');
    await load();
  };

  return (
    <div className="banner banner-alert" role="alert" data-testid="audit-broken" data-broken-at={state.brokenAt ?? undefined}>
      <div>
        <p>{t('audit.broken', { entry: state.brokenAt ?? '?' })}</p>
        {isOwner ? (
          <div className="banner-actions">
            <label>
              {t('audit.note')}
              <input
                data-testid="audit-ack-note"
                value={note}
                maxLength={NOTE_MAX}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t('audit.notePlaceholder')}
              />
            </label>
            <button type="button" className="btn btn-small" data-testid="audit-ack" disabled={busy} onClick={() => void acknowledge()}>
              {t('audit.acknowledge')}
            </button>
          </div>
        ) : (
          <p data-testid="audit-owner-must-act">{t('audit.ownerMustAct', { owners })}</p>
        )}
        <ErrorLine error={error} />
      </div>
    </div>
  );
}
