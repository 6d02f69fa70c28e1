// Issue 16.2: the Head office card in Settings. A till working alone says so; the owner enrols it by typing
// what HQ's page shows (address, certificate fingerprint, one-time code), and may make it leave. An enrolled
// till shows its id, HQ's address and fingerprint, and its sync state in the header's words; a till HQ has
// revoked says so and what to do. Core enforces "owner only"; this card only hides the buttons for others.
// HQ's credential never reaches the page: core answers with the till id and the sync state.
import { useCallback, useEffect, useState } from 'react';
import type { HeadOfficeView } from '../../../common/api';
import { hqEnrolProblem, HQ_URL_MAX_CHARS } from '../../../common/hq-enrol-rules';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { syncWords } from '../lib/sync-words';
import { ErrorLine, localError, type UiError } from './ErrorLine';
import { SYNC_POLL_MS } from './SyncStatusItem';

interface Form {
  readonly url: string;
  readonly fingerprint: string;
  readonly code: string;
}
const EMPTY: Form = { url: '', fingerprint: '', code: '' };

type Note = 'hq.justEnrolled' | 'hq.left' | null;

export function HeadOfficeCard() {
  const { t } = useI18n();
  const [view, setView] = useState<HeadOfficeView | null>(null);
  const [isOwner, setIsOwner] = useState(false);
  const [form, setForm] = useState<Form | null>(null); // null: the enrolment form is closed
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const refresh = useCallback(async (): Promise<void> => {
    const r = await call(() => pos.getHeadOffice());
    if (r.ok) setView(r.value);
  }, []);

  useEffect(() => {
    let live = true;
    void call(() => pos.getStaffSession()).then((s) => live && setIsOwner(s.ok && s.value.signedIn?.role === 'owner'));
    void refresh();
    const timer = setInterval(() => void refresh(), SYNC_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [refresh]);

  if (!view) return null;

  const enrol = async (): Promise<void> => {
    if (!form) return;
    const input = { url: form.url.trim(), fingerprint: form.fingerprint.trim(), code: form.code.trim() };
    const problem = hqEnrolProblem(input);
    if (problem) return setError(localError(`hq.bad.${problem}`));
    setBusy(true);
    setError(null);
    setNote(null);
    const r = await call(() => pos.enrolAtHeadOffice(input));
    setBusy(false);
    if (!r.ok) {
      setForm((f) => (f ? { ...f, code: '' } : f)); // a refused code is spent or wrong: type it again
      return setError(r);
    }
    setForm(null);
    setView(r.value);
    setNote('hq.justEnrolled');
  };

  const leave = async (): Promise<void> => {
    setConfirmLeave(false);
    setBusy(true);
    const r = await call(() => pos.leaveHeadOffice());
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    setView(r.value);
    setNote('hq.left');
  };

  const e = view.enrolment;
  const status = view.status;
  const words = syncWords(t, status);

  return (
    <section className="card" data-testid="head-office" data-enrolled={String(e !== null)}>
      <h2>{t('hq.title')}</h2>
      {note ? (
        <p className="note" role="status" data-testid="hq-note">
          {t(note)}
        </p>
      ) : null}
      <ErrorLine error={error} />
      {e ? (
        <>
          <p className="hq-wrap" data-testid="hq-till-id" data-till-id={e.tillId ?? ''}>
            {t('hq.enrolled', { tillId: e.tillId ?? '—' })}
          </p>
          <p className="hint hq-wrap" data-testid="hq-address">
            {t('hq.address', { url: e.url })}
          </p>
          <p className="hint hq-wrap mono" data-testid="hq-fingerprint-shown">
            {t('hq.fingerprintIs', { fingerprint: e.fingerprint })}
          </p>
          <p className={status.state === 'revoked' || status.state === 'unreachable' ? 'error' : 'hint'} data-testid="hq-status" data-state={status.state} role="status">
            {words ?? t('hq.notSending')}
          </p>
          {status.state === 'revoked' ? (
            <p className="banner banner-warn" data-testid="hq-revoked">
              {t('hq.revokedHelp')}
            </p>
          ) : null}
          {isOwner && !confirmLeave ? (
            <button type="button" className="btn" data-testid="hq-leave" disabled={busy} onClick={() => setConfirmLeave(true)}>
              {t('hq.leave')}
            </button>
          ) : null}
          {isOwner && confirmLeave ? (
            <div className="actions" data-testid="hq-leave-confirm">
              <p>{t('hq.leaveConfirm')}</p>
              <button type="button" className="btn btn-danger" data-testid="hq-leave-yes" onClick={() => void leave()}>
                {t('hq.leaveYes')}
              </button>
              <button type="button" className="btn" data-testid="hq-leave-no" autoFocus onClick={() => setConfirmLeave(false)}>
                {t('hq.cancel')}
              </button>
            </div>
          ) : null}
        </>
      ) : (
        <p data-testid="hq-status" data-state="off">
          {t('hq.alone')}
        </p>
      )}
      {!isOwner ? (
        <p className="hint" data-testid="hq-owner-only">
          {t('hq.ownerOnly')}
        </p>
      ) : null}
      {isOwner && !e && !form ? (
        <button
          type="button"
          className="btn"
          data-testid="hq-start"
          onClick={() => {
            setForm(EMPTY);
            setNote(null);
            setError(null);
          }}
        >
          {t('hq.start')}
        </button>
      ) : null}
      {isOwner && !e && form ? (
        <form
          data-testid="hq-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            void enrol();
          }}
        >
          <p className="hint">{t('hq.hint')}</p>
          <label>
            {t('hq.url')}
            <input
              data-testid="hq-url"
              autoFocus
              type="url"
              inputMode="url"
              spellCheck={false}
              autoComplete="off"
              maxLength={HQ_URL_MAX_CHARS}
              value={form.url}
              onChange={(ev) => setForm({ ...form, url: ev.target.value })}
            />
          </label>
          <label>
            {t('hq.fingerprint')}
            <input
              data-testid="hq-fingerprint"
              className="mono"
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="characters"
              maxLength={120}
              value={form.fingerprint}
              onChange={(ev) => setForm({ ...form, fingerprint: ev.target.value })}
            />
          </label>
          <label>
            {t('hq.code')}
            <input
              data-testid="hq-code"
              inputMode="numeric"
              spellCheck={false}
              autoComplete="off"
              maxLength={20}
              value={form.code}
              onChange={(ev) => setForm({ ...form, code: ev.target.value })}
            />
          </label>
          <div className="actions">
            <button type="submit" className="btn btn-primary" data-testid="hq-enrol" disabled={busy}>
              {busy ? t('hq.enrolling') : t('hq.enrol')}
            </button>
            <button
              type="button"
              className="btn"
              data-testid="hq-cancel"
              disabled={busy}
              onClick={() => {
                setForm(null);
                setError(null);
              }}
            >
              {t('hq.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
