// Settings card for the barcode scanner (issue 12 point 1): how fast a burst must be to count as a scan.
// Not protected (like the language): it decides only how keys are read, never what is charged.
import { useEffect, useState } from 'react';
import { call, pos } from '../bridge';
import { refreshScannerTiming } from '../hooks/useScanner';
import { useI18n } from '../i18n/i18n-context';
import { SCANNER_GAP_DEFAULT_MS, SCANNER_GAP_MAX_MS, SCANNER_GAP_MIN_MS } from '../lib/scanner';
import { ErrorLine, localError, type UiError } from './ErrorLine';

export function ScannerSettingCard() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void call(() => pos.getSettings()).then((r) => {
      if (r.ok) setText(String(r.value.scannerGapMs ?? SCANNER_GAP_DEFAULT_MS));
    });
  }, []);

  const save = async (): Promise<void> => {
    setSaved(false);
    const ms = /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : NaN;
    if (!(ms >= SCANNER_GAP_MIN_MS && ms <= SCANNER_GAP_MAX_MS)) {
      return setError(localError('scanner.badGap', { min: SCANNER_GAP_MIN_MS, max: SCANNER_GAP_MAX_MS }));
    }
    const r = await call(() => pos.saveSettings({ scannerGapMs: ms }));
    if (!r.ok) return setError(r);
    setError(null);
    setSaved(true);
    refreshScannerTiming();
  };

  return (
    <form
      className="card"
      data-testid="scanner-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('scanner.title')}</h2>
      <label>
        {t('scanner.gap')}
        <input data-testid="scanner-gap" inputMode="numeric" maxLength={3} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="hint">{t('scanner.gapHint', { def: SCANNER_GAP_DEFAULT_MS })}</p>
      <ErrorLine error={error} />
      {saved ? <p className="hint" data-testid="scanner-saved">{t('settings.saved')}</p> : null}
      <button type="submit" className="btn" data-testid="scanner-save">
        {t('settings.save')}
      </button>
    </form>
  );
}
