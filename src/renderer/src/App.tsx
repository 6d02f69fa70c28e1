// The till shell: header (store, mode badge, till id, screen tabs, language), the banners every
// screen shares (sandbox, weak secret storage, recovery, alerts), and the current screen.
import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { Alert, Locale, PaymentView, RecoveryProgress, ShellInfo } from '../../common/api';
import { call, pos, usePosEvent } from './bridge';
import { AlertsBanner } from './components/AlertsBanner';
import { AuditBreakBanner } from './components/AuditBreakBanner'; // issue 11 point 4 follow-up (w2-ack)
import { ClockBanner } from './components/ClockBanner';
import { ErrorLine, type UiError } from './components/ErrorLine';
import { LocaleConfirm } from './components/LocaleConfirm';
import { storeNameShown } from './lib/shell-words'; // issue 15.6
import { RecoveryBanner } from './components/RecoveryBanner';
import { SessionGate } from './components/SessionGate'; // issue 11: sign-in before the till
import { SyncStatusItem } from './components/SyncStatusItem'; // --- issue 16
import { useKeymap } from './hooks/useKeymap';
import { usePayment } from './hooks/usePayment';
import { DEFAULT_LOCALE, translator } from './i18n/i18n';
import { I18nContext } from './i18n/i18n-context';
import { EMPTY_SALE, saleReducer } from './lib/sale-draft';
import { HistoryScreen } from './screens/HistoryScreen';
import { PaymentScreen } from './screens/PaymentScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { TillScreen } from './screens/TillScreen';
// --- issue 13 shifts and X/Z reports (i13-day) ---
import { ReportsScreen } from './screens/ReportsScreen';
import { ShiftScreen } from './screens/ShiftScreen';
import { SplitCashOwedBanner } from './components/SplitCashOwedBanner'; // --- issue 13.1 split tender (i13-split)

export type Screen = 'till' | 'history' | 'settings' | 'shift' | 'reports'; // shift, reports: issue 13

export function App() {
  const [shell, setShell] = useState<ShellInfo | null>(null);
  const [locale, setLocale] = useState<Locale>(DEFAULT_LOCALE);
  const [screen, setScreen] = useState<Screen>('till');
  const [recovery, setRecovery] = useState<RecoveryProgress | null>(null);
  const [recoverySeen, setRecoverySeen] = useState(false);
  const [alerts, setAlerts] = useState<readonly Alert[]>([]);
  const [weakStorage, setWeakStorage] = useState(false);
  const [sale, editSale] = useReducer(saleReducer, EMPTY_SALE);
  /** The charge's answer: which payment is on screen. Its live state is the payment store's. */
  const [charged, setCharged] = useState<PaymentView | null>(null);
  const shown = usePayment(charged?.attemptId ?? null, charged);
  const [openSaleId, setOpenSaleId] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [askLocale, setAskLocale] = useState(false);

  const i18n = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  const { t } = i18n;
  useEffect(() => {
    document.title = shell ? `${t('app.title')} · ${storeNameShown(shell.storeName, t)}` : t('app.title');
  }, [t, shell]);

  const loadShell = useCallback(async () => {
    const r = await call(() => pos.getShellInfo());
    if (!r.ok) return setError(r);
    setShell(r.value);
    setLocale(r.value.locale);
    document.documentElement.lang = r.value.locale;
  }, []);

  useEffect(() => {
    void loadShell();
    void call(() => pos.getRecovery()).then((r) => r.ok && setRecovery((cur) => cur ?? r.value));
    void call(() => pos.getAlerts()).then((r) => r.ok && setAlerts(r.value));
    void call(() => pos.getSettings()).then((r) => r.ok && setWeakStorage(r.value.secretStorageWeak));
  }, [loadShell]);

  // The clock is compared with the gateway's hourly in core: re-read the shell so its banner follows.
  useEffect(() => {
    const timer = setInterval(() => void loadShell(), 60_000);
    return () => clearInterval(timer);
  }, [loadShell]);

  usePosEvent('recovery', (p) => {
    setRecovery(p);
    if (p.finished) setShell((s) => (s ? { ...s, ready: true } : s));
  });
  usePosEvent('alert', (a) => setAlerts((list) => (list.some((x) => x.alertId === a.alertId) ? list : [...list, a])));

  const ready = (shell?.ready ?? false) || (recovery?.finished ?? false);

  const switchLocale = useCallback(async () => {
    const next: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
    setLocale(next); // switch at once; persist in the background
    document.documentElement.lang = next;
    const r = await call(() => pos.saveSettings({ locale: next }));
    if (!r.ok) setError(r);
  }, [locale]);

  useKeymap('global', [
    { keys: ['F1'], run: () => setScreen('till') },
    { keys: ['F2'], run: () => setScreen('history') },
    { keys: ['F3'], run: () => setScreen('settings') },
    { keys: ['F9'], run: () => setAskLocale(true) }, // issue 15.2: F9 asks first
    { keys: ['F4'], run: () => setScreen('shift') }, // issue 13
    { keys: ['F6'], run: () => setScreen('reports') }, // issue 13
  ]);

  const openReceipt = useCallback((saleId: string) => {
    setOpenSaleId(saleId);
    setScreen('history');
  }, []);

  // issue 15.2: the next sale starts clean; a digit typed on the finished payment is its first key
  const newSale = useCallback((firstDigit?: string) => {
    setCharged(null);
    editSale({ type: 'clear' });
    if (firstDigit) editSale({ type: 'keypad', action: { type: 'digit', digit: firstDigit } });
  }, []);

  const dismissAlert = useCallback(async (alertId: string, reason?: string) => {
    const r = await call(() => pos.dismissAlert({ alertId, ...(reason?.trim() ? { reason: reason.trim() } : {}) }));
    if (!r.ok && r.code !== 'NOT_FOUND') return setError(r);
    setAlerts((list) => list.filter((a) => a.alertId !== alertId));
  }, []);

  const sandbox = shell?.mode === 'SANDBOX';
  const showRecovery = recovery !== null && recovery.total > 0 && !(recovery.finished && recoverySeen);

  return (
    <I18nContext.Provider value={i18n}>
      <SessionGate>
      <div className={`app screen-${screen} ${sandbox ? 'is-sandbox' : 'is-live'}`}>
        <header className="app-header">
          <div className="brand">
            <span className="store-name" data-testid="store-name">
              {shell ? storeNameShown(shell.storeName, t) : t('shell.loading')}
            </span>
            <span className={`mode-badge ${sandbox ? 'mode-sandbox' : 'mode-live'}`} data-testid="mode-badge" data-mode={shell?.mode}>
              {shell ? t(`shell.mode.${shell.mode}`) : ''}
            </span>
            <span className="till-id" data-testid="till-id">
              {t('shell.till')} {shell?.tillId ?? ''}
            </span>
            <SyncStatusItem />
          </div>
          <nav className="tabs">
            {(['till', 'history', 'settings', 'shift', 'reports'] as const).map((s) => (
              <button
                key={s}
                type="button"
                className={screen === s ? 'tab active' : 'tab'}
                aria-current={screen === s ? 'page' : undefined}
                data-testid={`nav-${s}`}
                onClick={() => setScreen(s)}
              >
                {t(`nav.${s}`)}
              </button>
            ))}
            <button type="button" className="tab locale" data-testid="locale-toggle" onClick={() => void switchLocale()}>
              {t('nav.locale')}
            </button>
          </nav>
        </header>
        {sandbox ? (
          <div className="banner banner-sandbox" data-testid="sandbox-banner">
            {t('banner.sandbox')}
          </div>
        ) : null}
        {weakStorage ? (
          <div className="banner banner-warn" data-testid="weak-storage">
            {t('banner.weakStorage')}
          </div>
        ) : null}
        <ClockBanner status={shell?.clock ?? null} />
        {showRecovery && recovery ? <RecoveryBanner progress={recovery} onDismiss={() => setRecoverySeen(true)} /> : null}
        <AuditBreakBanner />
        <SplitCashOwedBanner />
        <AlertsBanner alerts={alerts} onOpen={openReceipt} onDismiss={(id, reason) => void dismissAlert(id, reason)} />
        <ErrorLine error={error} />
        <main className="screen">
          {screen === 'till' ? (
            shown?.payment ? (
              <PaymentScreen
                key={shown.payment.attemptId}
                payment={shown.payment}
                onCancel={shown.cancel}
                sandbox={sandbox}
                onNewSale={newSale}
                onBack={() => {
                  setCharged(null);
                  editSale({ type: 'recall' }); // issue 15.2: only on the cashier's explicit choice
                }}
              />
            ) : (
              <TillScreen sale={sale} onEdit={editSale} ready={ready} cashier={shell?.tillId || 'till'} onCharged={(v) => {
                  setCharged(v);
                  editSale({ type: 'charged' }); // issue 15.2: the lines go with the payment
                }} />
            )
          ) : screen === 'shift' ? (
            <ShiftScreen /> // issue 13
          ) : screen === 'reports' ? (
            <ReportsScreen /> // issue 13
          ) : screen === 'history' ? (
            <HistoryScreen openSaleId={openSaleId} onOpen={(id) => setOpenSaleId(id)} onClose={() => setOpenSaleId(null)} />
          ) : (
            <SettingsScreen
              onChanged={(v) => {
                setWeakStorage(v.secretStorageWeak);
                void loadShell();
              }}
            />
          )}
        </main>
        {askLocale ? (
          <LocaleConfirm
            onClose={() => setAskLocale(false)}
            onConfirm={() => {
              setAskLocale(false);
              void switchLocale();
            }}
          />
        ) : null}
      </div>
      </SessionGate>
    </I18nContext.Provider>
  );
}
