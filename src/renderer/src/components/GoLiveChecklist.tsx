// Settings → Going live (issue 15.5): each missing item in the current language, before any PIN is
// asked; and which account "Test connection" checks.
import type { PreflightLine, SettingsView } from '../../../common/api';
import { useI18n } from '../i18n/i18n-context';
import { goLiveChecklist, readyToGoLive } from '../lib/go-live';

export function GoLiveChecklist({ view, preflight }: { view: SettingsView; preflight: readonly PreflightLine[] | null }) {
  const { t } = useI18n();
  const lines = goLiveChecklist(view, preflight, Date.now());
  return (
    <section className="card" data-testid="go-live">
      <h2>{t('golive.title')}</h2>
      <ul className="preflight">
        {lines.map((l) => (
          <li key={l.item} className={l.done ? 'ok' : 'bad'} data-testid="go-live-item" data-item={l.item} data-done={String(l.done)}>
            <span className="mark">{l.done ? '✓' : '✗'}</span> {t(`golive.${l.item}`)}
          </li>
        ))}
      </ul>
      <p className={readyToGoLive(lines) ? 'pill ok' : 'pill'}>{readyToGoLive(lines) ? t('golive.ready') : t('golive.missing')}</p>
    </section>
  );
}

/** Under "Test connection": the LIVE account it checks. */
export function TestAccountLine({ view }: { view: SettingsView }) {
  const { t } = useI18n();
  return (
    <p className="hint" data-testid="test-account">
      {t('golive.testAccount', { appid: view.appid || '—', mchId: view.mchId || '—' })}
    </p>
  );
}
