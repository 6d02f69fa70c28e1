// Issue 13.1 split tender at the counter: the cashier types the cash part (the customer hands it over;
// what they hand over defaults to it, change is the difference), the rest is shown in large digits and
// charged by WeChat: a QR for the rest (Enter), or the customer's payment code scanned now pays the rest.
// Core writes the cash part with the sale; it counts only once WeChat is paid.
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
  const cash = parseMoney(cashText);
  const validCash = cash !== null && cash > 0 && cash < totalFen ? cash : null;
  // what the customer hands over defaults to the cash part
  const tendered = tenderedText.trim() === '' ? validCash : parseMoney(tenderedText);
  const rest = validCash !== null ? totalFen - validCash : null;
  const change = validCash !== null && tendered !== null && tendered >= validCash ? tendered - validCash : null;

  // A payment code scanned while the rest is due pays the rest (QuickPayPanel reads this).
  useEffect(() => {
    setSplitRestDue(validCash !== null && tendered !== null && tendered >= validCash ? { cashFen: validCash, tenderedFen: tendered } : null);
  }, [validCash, tendered]);
  useEffect(() => () => setSplitRestDue(null), []);

  const chargeRest = async () => {
    if (busy) return;
    if (validCash === null) return setError(localError('split.badCash'));
    if (tendered === null || tendered < validCash) return setError(localError('split.tooLittle'));
    setBusy(true);
    const r = await call(() => pos.splitCharge({ lines, cashFen: validCash, tenderedFen: tendered }));
    setBusy(false);
    if (!r.ok) return setError(r);
    setError(null);
    onCharged(r.value);
  };
  const keys = (e: React.KeyboardEvent) => {
    // Enter here charges the rest; it must never reach the till's Enter (a WeChat charge of the whole sale).
    e.stopPropagation();
    if (e.key === 'Enter') void chargeRest();
  };
  return (
    <div className="cash-panel split-panel" data-testid="split-panel">
      <h3>{t('split.title')}</h3>
      <label>
        {t('split.cashPart')}
        <input data-testid="split-cash" inputMode="decimal" autoFocus value={cashText} onChange={(e) => setCashText(e.target.value)} onKeyDown={keys} />
      </label>
      <label>
        {t('split.tendered')}
        <input
          data-testid="split-tendered"
          inputMode="decimal"
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
      <button type="button" className="btn btn-primary" data-testid="split-charge" disabled={busy} onClick={() => void chargeRest()}>
        {t('split.chargeQr')}
      </button>
      <p className="hint">{t('split.scanHint')}</p>
      <button type="button" className="btn" data-testid="split-back" onClick={onBack}>
        {t('split.back')}
      </button>
    </div>
  );
}
