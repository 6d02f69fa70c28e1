// Settings: store and till, merchant ids, the write-only API key, certificate import (main opens the
// file dialog), refund caps, manager PIN, "Test connection", and sandbox -> live with confirmation.
// Changing the merchant account, certificate, till id, caps or mode asks for a manager's approval
// (name + PIN) first; core checks it, this screen only collects it and forgets the PIN at once.
import { useCallback, useEffect, useState } from 'react';
import type { Locale, Mode, PreflightLine, SettingsInput, SettingsView, SignType } from '../../../common/api';
import { STAFF_PIN_PATTERN } from '../../../common/staff';
import type { Result } from '../../../common/result';
import { call, pos } from '../bridge';
import { ErrorLine, localError, type UiError } from '../components/ErrorLine';
import { CatalogCard } from '../components/CatalogCard'; // issue 15.1
import { GoLiveChecklist, TestAccountLine } from '../components/GoLiveChecklist'; // issue 15.5
import { PrinterSettings } from '../components/PrinterSettings'; // issue 14
import { useKeymap } from '../hooks/useKeymap';
import { preflightWords } from '../i18n/i18n';
import { useI18n } from '../i18n/i18n-context';
import { formFromView, settingsInput, type SettingsForm } from '../lib/settings-form';
import { dateOnly } from '../lib/time';
import { PROTECTED_SETTINGS, STORE_NAME_MAX_CHARS } from '../../../common/settings-rules';
import { MANAGER_PIN_MAX_CHARS, PERSON_NAME_MAX_CHARS } from '../../../common/text-limits';
import { ScannerSettingCard } from '../components/ScannerSettingCard'; // issue 12 quick pay
import { HeadOfficeCard } from '../components/HeadOfficeCard'; // --- issue 16.2 till enrolment (i16-enrol)

type Note = { readonly key: 'settings.saved' | 'settings.certImported' | 'settings.pinSaved' | 'settings.modeChanged' | 'settings.certCancelled' } | null;

/** What waits for the manager's approval. */
type Pending =
  | { readonly kind: 'save'; readonly input: SettingsInput }
  | { readonly kind: 'cert'; readonly format: 'p12' | 'pem'; readonly password: string }
  | { readonly kind: 'mode'; readonly mode: Mode };

/** The fields core will only change with a manager's approval (settingsInput sends changed fields only). */
const needsApproval = (input: SettingsInput): boolean => PROTECTED_SETTINGS.some((k) => input[k] !== undefined);

export function SettingsScreen({ onChanged }: { onChanged: (v: SettingsView) => void }) {
  const { t, locale } = useI18n();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [note, setNote] = useState<Note>(null);
  const [certFormat, setCertFormat] = useState<'p12' | 'pem'>('p12');
  const [certPassword, setCertPassword] = useState('');
  const [pin, setPin] = useState({ current: '', next: '', again: '' });
  const [preflight, setPreflight] = useState<readonly PreflightLine[] | null>(null);
  const [testing, setTesting] = useState(false);
  const [confirmLive, setConfirmLive] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [approval, setApproval] = useState({ approver: '', pin: '' });

  const accept = useCallback(
    (v: SettingsView, keepForm = false) => {
      setView(v);
      setForm((f) => (keepForm && f ? { ...f, apiKey: '' } : formFromView(v)));
      onChanged(v);
    },
    [onChanged],
  );

  useEffect(() => {
    void call(() => pos.getSettings()).then((r) => {
      if (r.ok) {
        setView(r.value);
        setForm(formFromView(r.value));
      } else setError(r);
    });
  }, []);

  const done = (r: Result<SettingsView>, ok: Note): boolean => {
    if (!r.ok) {
      setError(r);
      setNote(null);
      return false;
    }
    setError(null);
    setNote(ok);
    accept(r.value);
    return true;
  };

  // Esc backs out of the go-live confirmation and the approval prompt (forgetting what was typed)
  useKeymap('modal', [
    {
      keys: ['Escape'],
      when: () => confirmLive || pending !== null,
      run: () => {
        setConfirmLive(false);
        setPending(null);
        setApproval({ approver: '', pin: '' });
      },
    },
  ]);

  if (!view || !form) return <ErrorLine error={error} />;

  const set = (patch: Partial<SettingsForm>): void => setForm((f) => (f ? { ...f, ...patch } : f));

  const save = async (): Promise<void> => {
    const r = settingsInput(form, view);
    if (!r.ok) return setError(localError(r.error));
    setForm((f) => (f ? { ...f, apiKey: '' } : f)); // the key leaves the form at once
    const input: SettingsInput = r.input;
    if (needsApproval(input)) return setPending({ kind: 'save', input });
    done(await call(() => pos.saveSettings(input)), { key: 'settings.saved' });
  };

  const saveLocale = async (locale: Locale): Promise<void> => {
    done(await call(() => pos.saveSettings({ locale })), { key: 'settings.saved' });
  };

  const importCert = (): void => {
    const password = certPassword;
    setCertPassword('');
    setPending({ kind: 'cert', format: certFormat, password });
  };

  /** Sends what waits for approval with the manager's name and PIN; the prompt is emptied first. */
  const approve = async (): Promise<void> => {
    const job = pending;
    if (!job) return;
    // issue 11: the signed-in owner is the approval; this dialog only confirms (core refuses anyone else).
    setApproval({ approver: '', pin: '' });
    setPending(null);
    switch (job.kind) {
      case 'save':
        done(await call(() => pos.saveSettings(job.input)), { key: 'settings.saved' });
        return;
      case 'cert': {
        const r = await call(() => pos.importMerchantCertificate(job.format === 'p12' ? { format: 'p12', password: job.password } : { format: 'pem' }));
        if (r.ok && r.value.certificate === null) {
          setNote({ key: 'settings.certCancelled' });
          return;
        }
        done(r, { key: 'settings.certImported' });
        return;
      }
      case 'mode':
        done(await call(() => pos.setMode({ mode: job.mode, confirmed: true })), { key: 'settings.modeChanged' });
        return;
      default: {
        const never: never = job;
        return never;
      }
    }
  };

  const cancelApproval = (): void => {
    setPending(null);
    setApproval({ approver: '', pin: '' });
  };

  const savePin = async (): Promise<void> => {
    // issue 11: each person changes their own PIN (6-12 digits); the owner sets others' in Staff.
    if (!STAFF_PIN_PATTERN.test(pin.next)) return setError(localError('staff.pinFormat'));
    if (pin.next !== pin.again) return setError(localError('settings.pinMismatch'));
    const currentPin = pin.current;
    setPin({ current: '', next: '', again: '' });
    const r = await call(() => pos.changeOwnPin({ currentPin, newPin: pin.next }));
    if (!r.ok) return setError(r);
    setError(null);
    setNote({ key: 'settings.pinSaved' });
    const v = await call(() => pos.getSettings());
    if (v.ok) accept(v.value, true);
  };

  const test = async (): Promise<void> => {
    setTesting(true);
    setPreflight(null);
    const r = await call(() => pos.testConnection());
    setTesting(false);
    if (!r.ok) return setError(r);
    setPreflight(r.value);
  };

  const setMode = (mode: Mode): void => {
    setConfirmLive(false);
    setPending({ kind: 'mode', mode });
  };

  return (
    <div className="settings">
      {view.secretStorageWeak ? (
        <p className="banner banner-warn" data-testid="settings-weak-storage">
          {t('banner.weakStorage')}
        </p>
      ) : null}
      <ErrorLine error={error} />
      {note ? (
        <p className="note" data-testid="settings-note" role="status">
          {t(note.key)}
        </p>
      ) : null}
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2>{t('settings.store')}</h2>
        <label>
          {t('settings.storeName')}
          <input data-testid="settings-store-name" autoFocus value={form.storeName} maxLength={STORE_NAME_MAX_CHARS} onChange={(e) => set({ storeName: e.target.value })} />
        </label>
        <label>
          {t('settings.tillId')}
          <input data-testid="settings-till-id" value={form.tillId} maxLength={32} onChange={(e) => set({ tillId: e.target.value })} />
        </label>
        <label>
          {t('settings.locale')}
          <select data-testid="settings-locale" value={locale} onChange={(e) => void saveLocale(e.target.value as Locale)}>
            <option value="zh-CN">中文（简体）</option>
            <option value="en">English</option>
          </select>
        </label>
        <h2>{t('settings.merchant')}</h2>
        <label>
          {t('settings.appid')}
          <input data-testid="settings-appid" value={form.appid} maxLength={18} spellCheck={false} onChange={(e) => set({ appid: e.target.value })} />
        </label>
        <label>
          {t('settings.mchId')}
          <input data-testid="settings-mchid" value={form.mchId} inputMode="numeric" maxLength={12} onChange={(e) => set({ mchId: e.target.value })} />
        </label>
        <label>
          {t('settings.apiKey')}
          <input
            data-testid="settings-api-key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            value={form.apiKey}
            onChange={(e) => set({ apiKey: e.target.value })}
          />
          <span className={view.hasApiKey ? 'pill ok' : 'pill'} data-testid="key-stored" data-stored={String(view.hasApiKey)}>
            {view.hasApiKey ? `✓ ${t('settings.keyStored')}` : t('settings.keyMissing')}
          </span>
          <span className="hint">{t('settings.apiKeyHint')}</span>
        </label>
        <label>
          {t('settings.signType')}
          <select data-testid="settings-sign-type" value={form.signType} onChange={(e) => set({ signType: e.target.value as SignType })}>
            <option value="MD5">MD5</option>
            <option value="HMAC-SHA256">HMAC-SHA256</option>
          </select>
        </label>
        <label>
          {t('settings.refundCap')}
          <input data-testid="settings-refund-cap" inputMode="decimal" value={form.refundCap} onChange={(e) => set({ refundCap: e.target.value })} />
        </label>
        <label>
          {t('settings.dailyRefundCap')}
          <input data-testid="settings-daily-cap" inputMode="decimal" value={form.dailyRefundCap} onChange={(e) => set({ dailyRefundCap: e.target.value })} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="settings-save">
          {t('settings.save')}
        </button>
      </form>

      <PrinterSettings />

      <section className="card">
        <h2>{t('settings.cert')}</h2>
        <p data-testid="cert-info">
          {view.certificate ? t('settings.certInfo', { subject: view.certificate.subject, date: dateOnly(view.certificate.notAfter) }) : t('settings.certNone')}
        </p>
        <label>
          {t('settings.certFormat')}
          <select data-testid="cert-format" value={certFormat} onChange={(e) => setCertFormat(e.target.value as 'p12' | 'pem')}>
            <option value="p12">{t('settings.certP12')}</option>
            <option value="pem">{t('settings.certPem')}</option>
          </select>
        </label>
        {certFormat === 'p12' ? (
          <label>
            {t('settings.certPassword')}
            <input data-testid="cert-password" type="password" autoComplete="off" maxLength={128} value={certPassword} onChange={(e) => setCertPassword(e.target.value)} />
          </label>
        ) : null}
        <button type="button" className="btn" data-testid="cert-import" onClick={() => importCert()}>
          {t('settings.certImport')}
        </button>
      </section>

      <section className="card">
        <h2>{t('settings.pin')}</h2>
        <p data-testid="pin-state">{view.hasManagerPin ? `✓ ${t('settings.pinSet')}` : t('settings.pinNotSet')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void savePin();
          }}
        >
          {view.hasManagerPin ? (
            <label>
              {t('settings.pinCurrent')}
              <input data-testid="pin-current" type="password" inputMode="numeric" autoComplete="off" maxLength={16} value={pin.current} onChange={(e) => setPin((p) => ({ ...p, current: e.target.value }))} />
            </label>
          ) : null}
          <label>
            {t('settings.pinNew')}
            <input data-testid="pin-new" type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={pin.next} onChange={(e) => setPin((p) => ({ ...p, next: e.target.value }))} />
          </label>
          <label>
            {t('settings.pinConfirm')}
            <input data-testid="pin-confirm" type="password" inputMode="numeric" autoComplete="off" maxLength={12} value={pin.again} onChange={(e) => setPin((p) => ({ ...p, again: e.target.value }))} />
          </label>
          <button type="submit" className="btn" data-testid="pin-save">
            {t('settings.pinSave')}
          </button>
        </form>
      </section>

      <ScannerSettingCard />

      <section className="card">
        <h2>{t('settings.test')}</h2>
        <button type="button" className="btn" data-testid="test-connection" disabled={testing} onClick={() => void test()}>
          {testing ? t('settings.testing') : t('settings.test')}
        </button>
        <TestAccountLine view={view} />
        {preflight ? (
          <ul className="preflight" data-testid="preflight">
            {preflight.map((l, i) => (
              <li key={i} className={l.ok ? 'ok' : 'bad'} data-testid="preflight-line" data-check={l.check} data-ok={String(l.ok)} data-code={l.code} title={l.detail}>
                <span className="mark">{l.ok ? '✓' : '✗'}</span> <strong>{t(`check.${l.check}`)}</strong>: {preflightWords(t, l.code)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="card">
        <h2>{t('settings.mode')}</h2>
        <p data-testid="settings-mode" data-mode={view.mode}>
          {view.mode === 'SANDBOX' ? t('settings.modeSandbox') : t('settings.modeLive')}
        </p>
        {view.mode === 'SANDBOX' ? (
          <button type="button" className="btn btn-danger" data-testid="mode-live" onClick={() => setConfirmLive(true)}>
            {t('settings.goLive')}
          </button>
        ) : (
          <button type="button" className="btn" data-testid="mode-sandbox" onClick={() => setMode('SANDBOX')}>
            {t('settings.goSandbox')}
          </button>
        )}
      </section>

      <GoLiveChecklist view={view} preflight={preflight} />
      <CatalogCard />
      <HeadOfficeCard /> {/* --- issue 16.2 till enrolment (i16-enrol) */}

      {confirmLive ? (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-labelledby="confirm-live-title" data-testid="confirm-dialog">
            <h2 id="confirm-live-title">{t('settings.confirmLiveTitle')}</h2>
            <p>{t('settings.confirmLiveBody', { mchId: view.mchId || '—' })}</p>
            <div className="actions">
              <button type="button" className="btn btn-danger" data-testid="confirm-yes" onClick={() => setMode('LIVE')}>
                {t('settings.confirmLiveYes')}
              </button>
              <button type="button" className="btn" data-testid="confirm-no" autoFocus onClick={() => setConfirmLive(false)}>
                {t('settings.confirmNo')} [Esc]
              </button>
            </div>
          </div>
        </div>
      ) : null}

      {pending ? (
        <div className="modal-backdrop">
          <form
            className="modal"
            role="dialog"
            aria-modal="true"
            aria-labelledby="approve-title"
            data-testid="approve-dialog"
            onSubmit={(e) => {
              e.preventDefault();
              void approve();
            }}
          >
            <h2 id="approve-title">{t('settings.approveTitle')}</h2>
            <p>{t('staff.approveBody')}</p>
            <div className="actions">
              <button type="submit" className="btn btn-primary" data-testid="settings-approve" autoFocus>
                {t('settings.approveYes')}
              </button>
              <button type="button" className="btn" data-testid="settings-approve-cancel" onClick={cancelApproval}>
                {t('settings.confirmNo')} [Esc]
              </button>
            </div>
          </form>
        </div>
      ) : null}
    </div>
  );
}
