// Issue 13.1 split tender at the counter: the cashier types the cash part (the customer hands it over;
// what they hand over defaults to it, change is the difference) and confirms it (Enter); the rest, in
// large digits, is then due by WeChat: a QR for the rest (the focused button), or the customer's payment
// code scanned now pays the rest. Core writes the cash part with the sale; it counts only once WeChat is paid.
import { useEffect, useState } from 'react';
import type { PaymentView, SaleLineInput } from '../../../common/api';
import { call, pos } from '../bridge';
import { useI18n } from '../i18n/i18n-context';
import { moneyInput, parseMoney } from '../lib/money';
import { setSplitRestDue } from '../lib/split-rest';
import { ErrorLine, localError, type UiError } from './ErrorLine';
import { Money } from './Money';

interface Props {
  readonly lines: readonly SaleLineInput[];
  readonly totalFen: number;
  readonly onCharged: (v: PaymentView) => void;
  readonly onBack: () => void;
}

export function SplitTenderPanel({ lines, totalFen, onCharged, onBack }: Props) {
  const { t } = useI18n();
  const [cashText, setCashText] = useState('');
  const [tenderedText, setTenderedText] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  // The rest is due once the cashier confirmed the cash part (Enter): the fields are then read-only, so a
  // scanner's burst reaches no field and the quick-pay panel takes it as the payment code for the rest.
  const [due, setDue] = useState<{ cashFen: number; tenderedFen: number } | null>(null);
  const cash = parseMoney(cashText);
  const validCash = cash !== null && cash > 0 && cash < totalFen ? cash : null;
  // what the customer hands over defaults to the cash part
  const tendered = tenderedText.trim() === '' ? validCash : parseMoney(tenderedText);
  const rest = validCash !== null ? totalFen - validCash : null;
  const change = validCash !== null && tendered !== null && tendered >= validCash ? tendered - validCash : null;

  // A payment code scanned while the rest is due pays the rest (QuickPayPanel reads this).
  useEffect(() => {
    setSplitRestDue(due);
    return () => setSplitRestDue(null);
  }, [due]);

  const confirmCash = (): void => {
    if (validCash === null) return setError(localError('split.badCash'));
    if (tendered === null || tendered < validCash) return setError(localError('split.tooLittle'));
    setError(null);
    setDue({ cashFen: validCash, tenderedFen: tendered });
  };
  const chargeRest = async () => {
    if (busy || !due) return;
    setBusy(true);
    const r = await call(() => pos.splitCharge({ lines, ...due }));
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    onCharged(r.value);
  };
  const keys = (e: React.KeyboardEvent) => {
    // Enter here confirms the cash part; it must never reach the till's Enter (a WeChat charge of the whole sale).
    e.stopPropagation();
    if (e.key !== 'Enter') return;
    // and not the button focused next either: this Enter only confirms the cash part
    e.preventDefault();
    confirmCash();
  };
  return (
    <div className="cash-panel split-panel" data-testid="split-panel" data-stage={due ? 'rest-due' : 'cash'}>
      <h3>{t('split.title')}</h3>
      <label>
        {t('split.cashPart')}
        <input data-testid="split-cash" inputMode="decimal" autoFocus readOnly={due !== null} value={cashText} onChange={(e) => setCashText(e.target.value)} onKeyDown={keys} />
      </label>
      <label>
        {t('split.tendered')}
        <input
          data-testid="split-tendered"
          inputMode="decimal"
          readOnly={due !== null}
          placeholder={validCash !== null ? moneyInput(validCash) : ''}
          value={tenderedText}
          onChange={(e) => setTenderedText(e.target.value)}
          onKeyDown={keys}
        />
      </label>
      <p>
        {t('split.change')} {change !== null ? <Money fen={change} testId="split-change" /> : '—'}
      </p>
      <p>
        {t('split.rest')} {rest !== null ? <Money fen={rest} className="cash-change total" testId="split-rest" /> : '—'}
      </p>
      <ErrorLine error={error} />
      {due ? (
        <>
          <button type="button" className="btn btn-primary" data-testid="split-charge" autoFocus disabled={busy} onClick={() => void chargeRest()}>
            {t('split.chargeQr')}
          </button>
          <p className="hint" data-testid="split-scan-hint">
            {t('split.scanHint')}
          </p>
          <button type="button" className="btn" data-testid="split-edit" onClick={() => setDue(null)}>
            {t('split.editCash')}
          </button>
        </>
      ) : (
        <button type="button" className="btn btn-primary" data-testid="split-confirm" onClick={confirmCash}>
          {t('split.confirmCash')}
        </button>
      )}
      <button type="button" className="btn" data-testid="split-back" onClick={onBack}>
        {t('split.back')}
      </button>
    </div>
  );
}
